"""Problems readers report on a published page, and their resolution by editors and reviewers.

A report names the page and the exact signed-off version the reader saw. What a reader
sends is shown only in the admin, never on the public site.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from monographs.models import Page
from reviews.models import Publication, SignOff, Submission

MESSAGE_MAX_LENGTH = 2000


def can_resolve(user):
    """Editors, medical reviewers and administrators: whoever may change a report (feedback/migrations)."""
    return user.is_authenticated and user.is_active and user.has_perm("feedback.change_problemreport")


def version_seen(publication, claimed_hash):
    """The content hash of the version the reader saw: the one their form names if this page was
    ever live with it, else the page's current one (a made-up or mistyped hash proves nothing)."""
    claimed_hash = (claimed_hash or "").strip().lower()
    if claimed_hash == publication.content_hash:
        return claimed_hash
    went_live = SignOff.objects.filter(
        page_id=publication.page_id,
        content_hash=claimed_hash,
        submission__status=Submission.Status.APPROVED,
    )
    return claimed_hash if claimed_hash and went_live.exists() else publication.content_hash


class ProblemReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)


class ProblemReport(models.Model):
    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="problem_reports")
    # The page as the reader saw it; the publication may have moved on since.
    kind = models.CharField(max_length=20, choices=Page.Kind.choices)
    slug = models.SlugField(max_length=200)
    title = models.CharField(max_length=200)
    content_hash = models.CharField(max_length=64, help_text="The signed-off version the reader saw")
    message = models.TextField(max_length=MESSAGE_MAX_LENGTH)
    email = models.EmailField(blank=True, help_text="Given by the reader for a reply; never shown publicly")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolution_note = models.TextField(blank=True)

    objects = ProblemReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "problem report"

    def __str__(self):
        return f"{self.title}: report of {timezone.localtime(self.created_at):%Y-%m-%d %H:%M}"

    @classmethod
    def file(cls, publication, *, message, email="", claimed_hash=""):
        return cls.objects.create(
            publication=publication,
            kind=publication.kind,
            slug=publication.slug,
            title=publication.title,
            content_hash=version_seen(publication, claimed_hash),
            message=message,
            email=email,
        )

    @property
    def resolved(self):
        return self.resolved_at is not None

    def resolve(self, user, note):
        """Mark the report resolved, saying what was done; a report is resolved once."""
        if not can_resolve(user):
            raise PermissionDenied("Only editors and medical reviewers can resolve problem reports.")
        note = (note or "").strip()
        if not note:
            raise ValidationError({"note": "Say what was done about the report."})
        with transaction.atomic():
            report = type(self).objects.select_for_update().get(pk=self.pk)
            if report.resolved:
                raise ValidationError(
                    f"This report was already resolved by {report.resolved_by} "
                    f"on {timezone.localtime(report.resolved_at):%d %B %Y}."
                )
            report.resolved_at = timezone.now()
            report.resolved_by = user
            report.resolution_note = note
            report.save(update_fields=["resolved_at", "resolved_by", "resolution_note"])
        self.resolved_at, self.resolved_by, self.resolution_note = report.resolved_at, user, note
        return self
