"""Review, sign-off and publication records.

Submissions, sign-offs, publications and the audit log change only through
reviews.workflow. Sign-offs and audit entries are permanent: the models refuse to be
changed or deleted once written, and the admin shows them read-only.
"""

import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.urls import reverse

from monographs.models import EditVersioned, Page, public_url


class PermanentQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError(f"{self.model._meta.verbose_name_plural} are permanent records and cannot be changed.")

    def delete(self):
        raise ValidationError(f"{self.model._meta.verbose_name_plural} are permanent records and cannot be deleted.")


class PermanentRecord(models.Model):
    """A row that may be written once and never changed or deleted."""

    objects = PermanentQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValidationError(f"A {self._meta.verbose_name} is a permanent record and cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(f"A {self._meta.verbose_name} is a permanent record and cannot be deleted.")


class ReviewerProfile(EditVersioned):
    """The public face of a medical reviewer, shown with every page they sign off."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviewer_profile")
    name = models.CharField(max_length=200, help_text="As shown to readers, e.g. Dr Jane Smith")
    slug = models.SlugField(max_length=200, unique=True)
    degree = models.CharField(max_length=60, help_text="e.g. MD")
    specialty = models.CharField(max_length=200, help_text="e.g. Medical oncology (thoracic cancers)")
    board_certification = models.CharField(
        max_length=200, help_text="e.g. American Board of Internal Medicine, Medical Oncology"
    )
    years_of_experience = models.PositiveSmallIntegerField()
    bio = models.TextField(blank=True, validators=[MaxLengthValidator(5_000)], help_text="At most 5,000 characters")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.degree}"

    @property
    def credentials(self):
        return f"{self.degree}, {self.specialty}; board-certified ({self.board_certification})"

    def get_absolute_url(self):
        return reverse("public:reviewer", args=[self.slug])


class ChangeKind(models.TextChoices):
    """What kind of change a submission makes, shown in the public history and the feeds."""

    NEW_EVIDENCE = "new_evidence", "New evidence"
    CORRECTION = "correction", "Correction"
    NEW_APPROVAL = "new_approval", "New approval"
    SAFETY_UPDATE = "safety_update", "Safety update"
    EDITORIAL = "editorial", "Editorial change"
    REVIEW = "review", "Routine re-review"


class Submission(models.Model):
    """A page frozen for review: its snapshot, the snapshot's hash and the revision it came from."""

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting review"
        SCHEDULED = "scheduled", "Approved, scheduled to go live"
        APPROVED = "approved", "Approved"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        SUPERSEDED = "superseded", "Superseded by a later submission"

    page = models.ForeignKey(Page, on_delete=models.PROTECT, related_name="submissions")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="submissions")
    submitted_at = models.DateTimeField(auto_now_add=True)
    summary = models.CharField(max_length=300, blank=True, help_text="What changed, for the public update history")
    change_kind = models.CharField(
        "kind of change", max_length=20, choices=ChangeKind.choices, default=ChangeKind.EDITORIAL
    )
    snapshot = models.JSONField()
    content_hash = models.CharField(max_length=64)
    revision = models.ForeignKey("reversion.Revision", on_delete=models.PROTECT, related_name="+")
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="edited_submissions",
        help_text="The submitter, and everyone who wrote a state of a row this snapshot shows "
        "that no other reviewer has signed off as part of this page",
    )
    findings = models.JSONField(
        null=True,
        editable=False,
        help_text="The content checks' findings on this snapshot, computed once on submission",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["status", "submitted_at"])]

    def __str__(self):
        return f"{self.snapshot.get('title', self.page_id)} — submitted {self.submitted_at:%Y-%m-%d %H:%M}"


class SignOff(PermanentRecord):
    """A reviewer's approval of exactly one submission: the permanent record DESIGN.md asks for."""

    submission = models.OneToOneField(Submission, on_delete=models.PROTECT, related_name="signoff")
    page = models.ForeignKey(Page, on_delete=models.PROTECT, related_name="signoffs")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="signoffs")
    reviewer_profile = models.ForeignKey(ReviewerProfile, on_delete=models.PROTECT, related_name="signoffs")
    reviewer_name = models.CharField(max_length=200)
    reviewer_credentials = models.CharField(max_length=400, help_text="As shown at the time of sign-off")
    signed_at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(blank=True)
    snapshot = models.JSONField()
    content_hash = models.CharField(max_length=64)
    revision = models.ForeignKey("reversion.Revision", on_delete=models.PROTECT, related_name="+")
    sources_reviewed = models.JSONField(default=list, help_text="The sources as they stood at sign-off")
    summary = models.CharField(max_length=300, blank=True)
    change_kind = models.CharField(
        "kind of change", max_length=20, choices=ChangeKind.choices, default=ChangeKind.EDITORIAL
    )
    signature_meaning = models.CharField(
        max_length=200, blank=True, help_text="What the reviewer's signature means, as they signed it"
    )
    authentication_method = models.CharField(
        max_length=100, blank=True, help_text="How the reviewer proved who they were at the moment of signing"
    )
    changed_content = models.BooleanField(help_text="False for a re-review that left the content as it was")
    findings = models.JSONField(default=list, help_text="The content checks' findings the reviewer saw")
    override_reason = models.TextField(blank=True, help_text="Why the reviewer signed off despite errors")
    go_live_at = models.DateTimeField(null=True, blank=True, help_text="Set when the go-live was scheduled")

    class Meta:
        ordering = ["-signed_at", "-pk"]
        verbose_name = "sign-off"

    def __str__(self):
        return f"{self.snapshot.get('title')} signed off by {self.reviewer_name} on {self.signed_at:%Y-%m-%d}"


class PublicationQuerySet(models.QuerySet):
    """The lookups the public site makes; each is one query."""

    def live(self):
        """Publications the public may see: a withdrawn page leaves indexes, search and the sitemap."""
        return self.filter(withdrawn_at__isnull=True)

    def for_display(self):
        """With the sign-off and reviewer profile the reviewer box needs, in the same query."""
        return self.select_related("signoff", "signoff__reviewer_profile")

    def listed(self):
        """For index pages: the heavy snapshot is left in the database."""
        return self.live().only("kind", "slug", "title", "summary", "last_reviewed_at", "last_updated_at")

    def signed_off_by(self, profile):
        """Pages whose live version this reviewer signed off."""
        return self.filter(signoff__reviewer_profile=profile)

    def with_series(self):
        """Annotated with series_name from the snapshot, so indexes need not load it."""
        return self.annotate(series_name=KT("snapshot__series__name"))

    def matching(self, terms):
        """Publications whose stored text contains every term: a cheap filter in the database.

        It over-matches (JSON keys and drug data are searched too), so callers check the
        readable text again. The snapshot is compared as its JSON text, where a non-ASCII
        letter or a quote may be stored escaped, so each term is also tried in that form.
        """
        queryset = self.annotate(snapshot_text=Cast("snapshot", models.TextField()))
        for term in terms:
            condition = models.Q(title__icontains=term) | models.Q(summary__icontains=term)
            for form in {term, json.dumps(term)[1:-1], json.dumps(term, ensure_ascii=False)[1:-1]}:
                condition |= models.Q(snapshot_text__icontains=form)
            queryset = queryset.filter(condition)
        return queryset


class Publication(models.Model):
    """What the public sees of a page: the snapshot of its latest sign-off."""

    page = models.OneToOneField(Page, on_delete=models.PROTECT, related_name="publication")
    kind = models.CharField(max_length=20, choices=Page.Kind.choices)
    slug = models.SlugField(max_length=200)
    title = models.CharField(max_length=200)
    summary = models.TextField()
    snapshot = models.JSONField()
    content_hash = models.CharField(max_length=64)
    signoff = models.ForeignKey(SignOff, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField()
    last_reviewed_at = models.DateTimeField()
    last_updated_at = models.DateTimeField()
    review_due = models.DateField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawal_reason = models.TextField(blank=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["kind", "slug"], name="unique_public_address")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return public_url(self.kind, self.slug)


class AuditEntry(PermanentRecord):
    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Submitted for review"
        APPROVED = "approved", "Approved"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        SCHEDULED = "scheduled", "Scheduled to go live"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    page = models.ForeignKey(Page, on_delete=models.PROTECT, related_name="audit_entries")
    action = models.CharField(max_length=30, choices=Action.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, null=True, related_name="audit_entries")
    revision = models.ForeignKey("reversion.Revision", on_delete=models.PROTECT, null=True, related_name="+")
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "audit entry"
        verbose_name_plural = "audit log"

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()} by {self.actor}"
