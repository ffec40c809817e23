"""Background work on Django's tasks framework: emails and reminders.

With TASK_BACKEND=database these are queued in the database and run by
`manage.py db_worker`; by default they run at once, in the process that enqueues them.
"""

from django.core.mail import send_mail
from django.tasks import task


@task
def send_email(subject, message, recipients):
    send_mail(subject=subject, message=message, from_email=None, recipient_list=recipients)


@task
def send_reminders():
    """Every reminder due now that has not been sent yet; returns how many were sent."""
    from . import reminders  # here: reminders use assignment, which enqueues send_email

    return reminders.send_due()
