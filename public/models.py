"""The search index: one document per live publication, and the names readers search by.

Everything here is derived from publications (signed-off snapshots) and nothing else, so
search can show only what a reviewer signed. index_publications() is the one writer: the
receivers in public/signals.py call it when a publication is written or deleted, the
catalogue generator after writing publications in bulk, and `manage.py
rebuild_search_index` for all of them.

The engines' own parts live in the database, made by the migrations: on PostgreSQL a
stored tsvector column computed from the document's text (title A, summary B, headings
C, body and names D) with a GIN index, and a trigram index on the names; on SQLite an
FTS5 table kept in step with the documents by triggers (when SQLite has FTS5).
"""

import html
import re

from django.db import models, transaction
from django.utils.html import strip_tags

from monographs.presentation import readable_text
from monographs.snapshots import upgrade
from reviews.models import Publication


class SearchDocument(models.Model):
    """The text a reader sees on one live publication, split by weight."""

    publication = models.OneToOneField(
        Publication, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    # What a result shows besides its snippet, so results need nothing from the publication.
    kind = models.CharField(max_length=20)
    slug = models.SlugField(max_length=200)
    title = models.TextField()
    summary = models.TextField()
    headings = models.TextField()
    body = models.TextField()
    names = models.TextField(help_text="The drugs, brands, biomarkers, conditions and trials the page shows.")
    subject = models.CharField(
        max_length=200, blank=True, help_text="For a drug page, its drug's name, casefolded: it comes first for it."
    )

    def __str__(self):
        return self.title


class SearchName(models.Model):
    """A name a reader may type, possibly misspelt, and the name the pages use for it."""

    class Kind(models.TextChoices):
        DRUG = "drug", "Drug"
        BRAND = "brand", "Brand"
        BIOMARKER = "biomarker", "Biomarker"
        CONDITION = "condition", "Condition"
        TRIAL = "trial", "Trial"

    name = models.CharField(max_length=200, help_text="As a page writes it, e.g. Xalkori")
    key = models.CharField(max_length=200, help_text="Casefolded, for comparing with what a reader typed")
    joined = models.CharField(
        max_length=200, db_index=True, help_text="The key without spaces or hyphens: ros 1 → ros1"
    )
    means = models.CharField(max_length=200, help_text="What the pages call it, casefolded: crizotinib for Xalkori")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    documents = models.ManyToManyField(SearchDocument, related_name="search_names")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "means"], name="unique_search_name")]

    def __str__(self):
        return self.name if self.name.casefold() == self.means.casefold() else f"{self.name} ({self.means})"


SEPARATORS = re.compile(r"[\s\-‐-―_/.,'’]+")


def fold(text):
    return " ".join(text.casefold().split())


def joined(text):
    """A name compared without its spaces and hyphens, as readers write it either way (ROS1, ros 1, ros-1)."""
    return SEPARATORS.sub("", fold(text))


def names_shown(snapshot):
    """(name, means, kind) for each drug, brand, biomarker, condition and trial the snapshot shows."""
    Kind = SearchName.Kind
    found = []
    for drug in snapshot.get("drugs", []):
        found.append((drug["name"], drug["name"], Kind.DRUG))
        found.extend((brand, drug["name"], Kind.BRAND) for brand in drug.get("brand_names", []))
        found.extend((target, target, Kind.BIOMARKER) for target in drug.get("targets", []))
        for indication in drug.get("indications", []):
            condition = indication.get("condition") or ""
            found.append((condition, condition, Kind.CONDITION))
            found.append((indication.get("condition_short") or "", condition, Kind.CONDITION))
            found.append((indication.get("biomarker") or "", indication.get("biomarker") or "", Kind.BIOMARKER))
        found.extend((trial, trial, Kind.TRIAL) for trial in drug.get("pivotal_trials", []))
    for biomarker in snapshot.get("biomarkers", []):
        found.append((biomarker["name"], biomarker["name"], Kind.BIOMARKER))
        found.append((biomarker.get("full_name") or "", biomarker["name"], Kind.BIOMARKER))
    for trial in snapshot.get("trials", []):
        found.append((trial["name"], trial["name"], Kind.TRIAL))
        found.append((trial.get("nct_id") or "", trial["name"], Kind.TRIAL))
    unique = {}
    for name, means, kind in found:
        name, means = " ".join(name.split()), " ".join(means.split())
        if name and means and len(name) <= 200 and len(means) <= 200:
            unique.setdefault((fold(name), fold(means)), (name, means, kind))
    return list(unique.values())


def _plain(text):
    return " ".join(html.unescape(strip_tags(text)).split())


def document_for(publication):
    """The search document of a publication, from its snapshot's readable text."""
    snapshot = upgrade(publication.snapshot)
    title, summary = _plain(snapshot["title"]), _plain(snapshot["summary"])
    blocks = [_plain(block) for block in readable_text(snapshot)]
    # readable_text gives the title and summary first, then headings and text in page order.
    rest = blocks[1:]
    if summary and rest and rest[0] == summary:
        rest = rest[1:]
    heading_set = {_plain(part["heading"]) for part in [*snapshot["sections"], *snapshot["question_groups"]]}
    subject = ""
    if publication.kind == "drug":
        subject = next((fold(d["name"]) for d in snapshot.get("drugs", []) if d["slug"] == snapshot.get("drug")), "")
    return SearchDocument(
        publication_id=publication.pk,
        kind=publication.kind,
        slug=publication.slug,
        title=title,
        summary=summary,
        headings="\n".join(block for block in rest if block in heading_set),
        body="\n".join(block for block in rest if block not in heading_set),
        names=", ".join(name for name, _, _ in names_shown(snapshot)),
        subject=subject,
    )


def index_publications(publications):
    """Bring the index up to date for these publications: live ones (re)indexed, the others taken out.

    Runs in the caller's transaction (or its own), so the index changes with the
    publication or not at all. Names no live page shows any more leave the vocabulary, so
    neither a correction nor a "did you mean" can lead to a withdrawn page's words.
    """
    publications = list(publications.only("pk", "kind", "slug", "snapshot", "withdrawn_at"))
    ids = [publication.pk for publication in publications]
    with transaction.atomic():
        were_shown = set(SearchName.objects.filter(documents__in=ids).values_list("pk", flat=True))
        SearchDocument.objects.filter(publication__in=ids).delete()
        live = [publication for publication in publications if publication.withdrawn_at is None]
        documents = SearchDocument.objects.bulk_create([document_for(publication) for publication in live])
        _add_names(documents, {publication.pk: names_shown(upgrade(publication.snapshot)) for publication in live})
        SearchName.objects.filter(pk__in=were_shown, documents=None).delete()
    return len(live)


def _add_names(documents, shown):
    wanted = {}
    for names in shown.values():
        for name, means, kind in names:
            wanted.setdefault((fold(name), fold(means)), (name, kind))
    # Another sign-off may add the same name at the same moment: the constraint keeps one.
    SearchName.objects.bulk_create(
        [
            SearchName(name=name, key=key, joined=joined(name), means=means, kind=kind)
            for (key, means), (name, kind) in wanted.items()
        ],
        batch_size=500,
        ignore_conflicts=True,
    )
    keys = sorted({key for key, _ in wanted})
    pk_of = {}
    for start in range(0, len(keys), 500):
        rows = SearchName.objects.filter(key__in=keys[start : start + 500]).values_list("key", "means", "pk")
        pk_of.update({(key, means): pk for key, means, pk in rows})
    Through = SearchName.documents.through
    Through.objects.bulk_create(
        [
            Through(searchname_id=pk_of[(fold(name), fold(means))], searchdocument_id=document.pk)
            for document in documents
            for name, means, _ in shown[document.pk]
        ],
        batch_size=1000,
    )
