"""Review, sign-off and publication records.

Submissions, sign-offs, publications and the audit log change only through
reviews.workflow. Sign-offs and audit entries are permanent: the models refuse to be
changed or deleted once written, and the admin shows them read-only.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.fields.json import KT
from django.urls import reverse
from django.utils import timezone

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
    conditions = models.ManyToManyField(
        "monographs.Condition",
        blank=True,
        related_name="+",
        help_text="The conditions this reviewer reviews: submissions about them suggest this reviewer",
    )

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


# What a kind of page without a workflow of its own goes through: today's single sign-off.
SIGN_OFF_STEP = "Medical sign-off"
REVIEWERS = "Medical reviewers"


def single_step():
    return [{"name": SIGN_OFF_STEP, "group": REVIEWERS}]


class Workflow(EditVersioned):
    """The ordered steps of review one kind of page goes through; a kind without one has a single step."""

    kind = models.CharField(max_length=20, choices=Page.Kind.choices, unique=True)
    note = models.CharField(
        max_length=200, blank=True, help_text="Who agreed these steps and why, e.g. the medical board, March 2026"
    )

    class Meta:
        ordering = ["kind"]

    def __str__(self):
        return f"Review of {self.get_kind_display().lower()} pages"


class WorkflowStep(models.Model):
    """One step of a workflow, done by a member of its group; the last step's approval publishes."""

    workflow = models.ForeignKey(Workflow, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=100, help_text="e.g. Fact check, Medical sign-off")
    group = models.ForeignKey(
        "auth.Group",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Who does this step. The last step's approver also needs a reviewer profile: "
        "readers see their name and credentials.",
    )

    class Meta:
        ordering = ["workflow", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["workflow", "order"], name="one_step_per_place")]

    def __str__(self):
        return f"{self.order}. {self.name} ({self.group})"


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
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_submissions",
        help_text="The reviewer asked to review it; reminders go to them",
    )
    due_at = models.DateTimeField(
        null=True, blank=True, db_index=True, help_text="Submitted plus the review target of the page's kind"
    )
    steps = models.JSONField(
        default=single_step,
        editable=False,
        help_text="The workflow's steps as they stood on submission: [{name, group}], in order",
    )
    current_step = models.PositiveSmallIntegerField(default=1, help_text="The step awaiting a decision, from 1")
    earlier_comments = models.JSONField(
        default=list,
        editable=False,
        help_text="Comments from earlier reviews of this page as they stood on submission: answered, resolved or open",
    )

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["status", "submitted_at"])]

    def __str__(self):
        return f"{self.snapshot.get('title', self.page_id)} — submitted {self.submitted_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        # Every submission gets its due date when it is made, whoever makes it.
        if self._state.adding and self.due_at is None:
            self.due_at = timezone.now() + ReviewTarget.for_kind(self.page.kind)
        super().save(*args, **kwargs)

    @property
    def step(self):
        """The step awaiting a decision (or, once decided, the step that decided): {"name", "group"}."""
        return self.steps[min(self.current_step, len(self.steps)) - 1]

    @property
    def at_last_step(self):
        """Whether an approval now is the sign-off that publishes."""
        return self.current_step >= len(self.steps)

    def step_label(self):
        if len(self.steps) == 1:
            return self.step["name"]
        return f"Step {self.current_step} of {len(self.steps)}: {self.step['name']}"


class StepDecision(PermanentRecord):
    """One decision at one step of a submission's workflow, against the exact snapshot (its hash)."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", "Approved"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"

    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="decisions")
    step = models.PositiveSmallIntegerField()
    step_name = models.CharField(max_length=100)
    group_name = models.CharField(max_length=150)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)
    content_hash = models.CharField(max_length=64)
    comment = models.TextField(blank=True)
    signature_meaning = models.CharField(max_length=200, blank=True)
    authentication_method = models.CharField(max_length=100, blank=True)
    sources_reviewed = models.JSONField(default=list)
    override_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["submission", "step", "pk"]
        constraints = [models.UniqueConstraint(fields=["submission", "step"], name="one_decision_per_step")]

    def __str__(self):
        return f"{self.step_name}: {self.get_outcome_display().lower()} by {self.decided_by}"


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
        # /v/<first 12 characters of the hash>/ finds a version by a range of this column.
        indexes = [models.Index(fields=["content_hash"], name="signoff_content_hash")]

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
        STEP_APPROVED = "step_approved", "Approved at a review step"
        APPROVED = "approved", "Approved"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        SCHEDULED = "scheduled", "Scheduled to go live"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"
        ASSIGNED = "assigned", "Assigned to a reviewer"

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


class ReviewComment(models.Model):
    """A reviewer's comment on one part of a page (a section, a question group, a row of data
    it shows), made on one submission; the editor answers it and marks it resolved."""

    page = models.ForeignKey(Page, on_delete=models.PROTECT, related_name="review_comments")
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="comments")
    target = models.CharField(max_length=300, help_text="The part commented on, e.g. section:How it works")
    target_label = models.CharField(max_length=400, help_text="The part as the reviewer saw it named")
    body = models.TextField(validators=[MaxLengthValidator(5_000)])
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField(blank=True, validators=[MaxLengthValidator(5_000)])
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["page", "resolved_at"])]

    def __str__(self):
        return f"{self.target_label}: {self.body[:60]}"

    @property
    def resolved(self):
        return self.resolved_at is not None

    def as_dict(self):
        """The comment as a submission keeps it."""
        return {
            "id": self.pk,
            "target": self.target,
            "target_label": self.target_label,
            "body": self.body,
            "author": str(self.author),
            "created_at": self.created_at.isoformat(),
            "answer": self.answer,
            "resolved": self.resolved,
        }


class ReviewTarget(EditVersioned):
    """How long a kind of page may wait for review: a submission is due that long after it is made."""

    DEFAULT_DAYS = 7

    kind = models.CharField(max_length=20, choices=Page.Kind.choices, unique=True)
    days = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(90)], help_text="Calendar days from submission, 1 to 90"
    )
    note = models.CharField(
        max_length=200, blank=True, help_text="Who set this target and why, e.g. agreed with the medical board"
    )

    class Meta:
        ordering = ["kind"]

    def __str__(self):
        return f"{self.get_kind_display()}: reviewed within {self.days} days"

    @classmethod
    def for_kind(cls, kind):
        days = cls.objects.filter(kind=kind).values_list("days", flat=True).first()
        return datetime.timedelta(days=days or cls.DEFAULT_DAYS)


class Reminder(models.Model):
    """A reminder email sent: one per subject, person and occasion, so none is sent twice."""

    class Kind(models.TextChoices):
        WAITING = "waiting", "Submission waiting past its due date"
        REVIEW_DUE = "review_due", "Page's review falls due"
        GO_LIVE = "go_live", "Page goes live"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    occasion = models.CharField(max_length=60, help_text="e.g. the day, for a daily reminder")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "page", "recipient", "occasion"], name="one_reminder_per_occasion")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.page} to {self.recipient} ({self.occasion})"
