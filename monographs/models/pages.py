"""Pages, the unit of review: drug pages, comparisons and explainers.

Every page type extends Page (multi-table inheritance), so sections, question groups,
citations, submissions and sign-offs attach to one table whatever the page's type.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from .fields import EditorTextField, EditVersioned


class Series(EditVersioned):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    description = EditorTextField(blank=True, validators=[MaxLengthValidator(5_000)])

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "series"

    def __str__(self):
        return self.name


class Page(EditVersioned):
    class Kind(models.TextChoices):
        DRUG = "drug", "Drug page"
        COMPARISON = "comparison", "Comparison"
        ARTICLE = "article", "Explainer"

    kind = models.CharField(max_length=20, choices=Kind.choices, editable=False)
    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200, unique=True, help_text="The page's address, e.g. crizotinib. Unique across all pages."
    )
    summary = EditorTextField(
        validators=[MaxLengthValidator(1_000)],
        help_text="One or two sentences shown at the top of the page and in lists.",
    )
    series = models.ForeignKey(Series, on_delete=models.SET_NULL, null=True, blank=True, related_name="pages")
    review_interval_months = models.PositiveSmallIntegerField(
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
        help_text="How long a sign-off stays current before the page is due for review again.",
    )
    sources = models.ManyToManyField("monographs.Source", through="Citation", blank=True, related_name="pages")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return f"{self.title} ({self.get_kind_display()})"

    @property
    def specific(self):
        """The page as its own type (DrugPage, Comparison or Article)."""
        if type(self) is not Page:
            return self
        return getattr(self, page_model(self.kind)._meta.model_name)

    def save(self, *args, **kwargs):
        if type(self) is not Page:
            self.kind = self.KIND
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return public_url(self.kind, self.slug)


def public_url(kind, slug):
    """A page's public address: the public site names each kind's page URL after the kind."""
    return reverse(f"public:{kind}", args=[slug])


def page_model(kind):
    """The model of a page kind: each page type declares its KIND."""
    return next(model for model in Page.__subclasses__() if kind == model.KIND)


class DrugPage(Page):
    KIND = Page.Kind.DRUG
    drug = models.ForeignKey("monographs.Drug", on_delete=models.PROTECT, related_name="pages")

    class Meta:
        verbose_name = "drug page"


class Comparison(Page):
    KIND = Page.Kind.COMPARISON
    drugs = models.ManyToManyField("monographs.Drug", related_name="comparisons")
    head_to_head = models.ForeignKey(
        "monographs.Trial",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="comparisons",
        help_text="A trial that compared these drugs directly, if there is one.",
    )
    verdict = EditorTextField(
        blank=True, validators=[MaxLengthValidator(5_000)], help_text="Markdown. The bottom line, in plain words."
    )


class Article(Page):
    KIND = Page.Kind.ARTICLE
    drugs = models.ManyToManyField("monographs.Drug", blank=True, related_name="articles")
    biomarkers = models.ManyToManyField("monographs.Biomarker", blank=True, related_name="articles")

    class Meta:
        verbose_name = "explainer"


class Section(models.Model):
    # About 8,000 words: a long section. Text is rendered and checked as a whole, so it is bounded.
    BODY_MAX_LENGTH = 50_000

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveIntegerField(default=0)
    heading = models.CharField(max_length=200)
    body = EditorTextField(
        validators=[MaxLengthValidator(BODY_MAX_LENGTH)],
        help_text="Markdown: paragraphs, **bold**, lists, tables, [links](https://...).",
    )

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.heading


class QuestionGroup(models.Model):
    """A themed list of questions to ask the oncologist, e.g. "About liver monitoring"."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="question_groups")
    order = models.PositiveIntegerField(default=0)
    heading = models.CharField(max_length=200)
    intro = EditorTextField(
        blank=True, validators=[MaxLengthValidator(5_000)], help_text="Optional Markdown shown before the questions."
    )

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.heading


class Question(models.Model):
    group = models.ForeignKey(QuestionGroup, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveIntegerField(default=0)
    text = models.CharField(max_length=500)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text

    def clean(self):
        if self.text and not self.text.strip().endswith("?"):
            raise ValidationError({"text": "Write the question as a question, ending with a question mark."})


class Citation(models.Model):
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="citations")
    source = models.ForeignKey("monographs.Source", on_delete=models.PROTECT, related_name="citations")
    order = models.PositiveIntegerField(default=0)
    note = models.CharField(max_length=200, blank=True, help_text="What the page takes from this source")

    class Meta:
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["page", "source"], name="unique_citation_per_page")]

    def __str__(self):
        return str(self.source)
