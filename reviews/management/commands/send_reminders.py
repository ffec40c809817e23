from django.core.management.base import BaseCommand

from reviews.tasks import send_reminders


class Command(BaseCommand):
    help = (
        "Send the reminder emails that are due (waiting submissions, reviews falling due, go-lives). "
        "Meant for cron, e.g. hourly: each reminder goes out once, however often this runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--here", action="store_true", help="Send them in this process instead of queueing the task for the worker"
        )

    def handle(self, *args, here, **options):
        if here:
            self.stdout.write(f"{send_reminders.call()} reminder(s) sent.")
            return
        result = send_reminders.enqueue()
        if result.is_finished:
            self.stdout.write(f"{result.return_value} reminder(s) sent.")
        else:
            self.stdout.write(f"Queued for the worker (task {result.id}).")
