"""Browsing from publications: the pages about a biomarker or a condition, and the reviewers.

What a page is about is read from its signed-off snapshot: the biomarkers an explainer
names, and the biomarkers and conditions of the approvals of the drugs it shows. A
snapshot names them, it does not give their slugs, so an address is the name slugified
(/biomarkers/ros1/, /conditions/non-small-cell-lung-cancer/); a name no live page mentions
has no address.

The database extracts the names from each snapshot (no snapshot is loaded), and the
index of topics is kept in the cache for as long as the public pages' generation lasts
(public.page_cache): a sign-off or a withdrawal anywhere moves it on.
"""

from dataclasses import dataclass, field

from django.core.paginator import InvalidPage, Paginator
from django.db.models import Case, Count, Func, JSONField, When
from django.http import Http404
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from reviews.models import Publication, ReviewerProfile

from .derived import derived

PAGE_SIZE = 50
KIND_HEADINGS = {"drug": "Drug pages", "comparison": "Comparisons", "article": "Explainers"}


class SnapshotItems(Func):
    """The objects of the snapshot's array at `array` ("drugs[*].indications"), all in one JSON array,
    computed by the database so that no snapshot is loaded."""

    output_field = JSONField()

    def __init__(self, array):
        super().__init__("snapshot")
        self.array = array

    def as_postgresql(self, compiler, connection):
        column, params = compiler.compile(self.source_expressions[0])
        return f"jsonb_path_query_array({column}, %s::jsonpath)", [*params, f"$.{self.array}[*]"]

    def as_sqlite(self, compiler, connection):
        column, params = compiler.compile(self.source_expressions[0])
        # json_tree names each node's parent by its path: an indication's is $.drugs[0].indications
        sql = (
            f"(SELECT json_group_array(json(node.value)) FROM json_tree({column}) AS node "
            "WHERE node.type = 'object' AND node.path LIKE %s)"
        )
        return sql, [*params, "$." + self.array.replace("[*]", "[%]")]


@dataclass
class Topic:
    kind: str  # "biomarker" or "condition"
    name: str
    slug: str
    publication_ids: set = field(default_factory=set)


def about(kind, indications, named_biomarkers):
    """The biomarkers and conditions a page is about, as (kind, name).

    A drug page or a comparison is about the approvals of its drugs. An explainer that
    names its biomarkers is about those, and about the conditions of its drugs' approvals
    for them, not about every other use of the drugs it mentions.
    """
    named = {biomarker["name"] for biomarker in named_biomarkers}
    if kind == "article" and named:
        indications = [indication for indication in indications if indication.get("biomarker") in named]
    found = [("biomarker", name) for name in named]
    for indication in indications:
        found += [("biomarker", indication.get("biomarker")), ("condition", indication.get("condition"))]
    return [(topic_kind, name) for topic_kind, name in found if name]


def _build_index():
    """{(kind, slug): Topic} over the live publications, from what their snapshots name."""
    rows = (
        Publication.objects.live()
        .annotate(indications=SnapshotItems("drugs[*].indications"), biomarkers=SnapshotItems("biomarkers"))
        .values_list("pk", "kind", "indications", "biomarkers")
    )
    index = {}
    for pk, kind, indications, biomarkers in rows:
        for topic_kind, name in about(kind, indications, biomarkers):
            slug = slugify(name)
            if slug:
                topic = index.setdefault((topic_kind, slug), Topic(topic_kind, name, slug))
                topic.publication_ids.add(pk)
    return index


def topics():
    """The index, from the cache while no publication has changed since it was built."""
    return derived("browse-topics", _build_index)


def topic_page(request, kind, slug):
    """The live pages about a topic, PAGE_SIZE at a time (?page=N): drug pages, comparisons, explainers."""
    index = topics()
    topic = index.get((kind, slug))
    if topic is None:
        raise Http404(f"No published page is about this {kind}.")
    in_order = Case(*(When(kind=page_kind, then=place) for place, page_kind in enumerate(KIND_HEADINGS)))
    publications = (
        Publication.objects.listed()
        .filter(pk__in=topic.publication_ids)
        .alias(kind_order=in_order)
        .order_by("kind_order", "title", "pk")
    )
    try:
        page = Paginator(publications, PAGE_SIZE).page(request.GET.get("page", 1))
    except InvalidPage:
        raise Http404("This list has no such page.") from None
    shown = list(page.object_list)
    groups = [
        {"heading": heading, "publications": [p for p in shown if p.kind == page_kind]}
        for page_kind, heading in KIND_HEADINGS.items()
    ]
    others = sorted((t for (k, _), t in index.items() if k == kind and t.slug != slug), key=lambda t: t.name.casefold())
    return render(
        request,
        "public/topic.html",
        {
            "topic": topic,
            "groups": [group for group in groups if group["publications"]],
            "publications": shown,
            "page_obj": page,
            "others": others,
        },
    )


@require_safe
def biomarker(request, slug):
    return topic_page(request, "biomarker", slug)


@require_safe
def condition(request, slug):
    return topic_page(request, "condition", slug)


@require_safe
def reviewers(request):
    """The reviewers whose sign-off the live version of a page carries, with how many pages."""
    counts = dict(
        Publication.objects.live()
        .order_by()
        .values("signoff__reviewer_profile")
        .annotate(pages=Count("pk"))
        .values_list("signoff__reviewer_profile", "pages")
    )
    profiles = ReviewerProfile.objects.filter(pk__in=counts).order_by("name", "pk")
    people = [{"profile": profile, "pages": counts[profile.pk]} for profile in profiles]
    return render(request, "public/reviewers.html", {"people": people})
