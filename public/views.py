"""The public website. It renders publications (signed-off snapshots) and nothing else.

No view here reads the working copy (Page, Drug, Trial...): this app imports no model
of monographs, only the publications of reviews, so what a reader sees is exactly what
a reviewer signed. monographs.kinds.render_snapshot lays out any snapshot, so the
admin previews a working copy or a submission with the same templates.
"""

import json
import operator
from functools import reduce

from django.core.paginator import InvalidPage, Paginator
from django.db.models import F, OuterRef, Q, StringAgg, Subquery, TextField, Value, Window
from django.db.models.fields.json import KT, KeyTextTransform, KeyTransform
from django.db.models.functions import Cast, JSONObject, Lower, RowNumber
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from monographs import presentation, snapshots
from monographs.kinds import KINDS, render_snapshot
from reviews.models import Publication, ReviewerProfile, SignOff, Submission

from . import page_cache

SEARCH_MAX_LENGTH = 200
SEARCH_MAX_TERMS = 10
SEARCH_MAX_RESULTS = 50
# Home lists the first pages of each kind; the indexes list them all, a page at a time.
HOME_LIST_LENGTH = 50
INDEX_PAGE_SIZE = 50
SEARCH_PUNCTUATION = "\"'“”‘’.,;:!?()[]{}"


def public_history(publication):
    """The page's content-changing sign-offs that went live, up to the one now live, newest first.

    A later sign-off still waiting for its go-live time is not public yet, and a scheduled
    one superseded (or withdrawn) before its go-live never was.
    """
    return (
        SignOff.objects.filter(
            page_id=publication.page_id,
            changed_content=True,
            signed_at__lte=publication.signoff.signed_at,
            submission__status=Submission.Status.APPROVED,
        )
        .only("signed_at", "summary", "reviewer_name")
        .order_by("-signed_at", "-pk")
    )


RELATED_HEADINGS = {"drug": "Drug pages", "comparison": "Comparisons", "article": "Explainers"}
# How far down a page's list of drugs related pages are looked for: more than any comparison
# or explainer names, and each place costs the query one more comparison.
RELATED_DRUGS_MAX = 16


def related_entries(kind):
    """A subquery for the page lookup: the other live pages about the page's drugs, as JSON text.

    A drug page relates to the comparisons and explainers whose snapshot lists its drug; a
    comparison or an explainer to the drug pages of the drugs its snapshot lists. Both sides
    are read from signed-off snapshots, so a page links only to what is published, and the
    page costs no query more.
    """
    others = Publication.objects.live().exclude(pk=OuterRef("pk"))
    places = range(RELATED_DRUGS_MAX)
    if kind == "drug":
        own_drug = KeyTextTransform("drug", OuterRef("snapshot"))
        others = (
            others.filter(kind__in=["comparison", "article"])
            .alias(**{f"drug_{i}": KT(f"snapshot__drugs__{i}__slug") for i in places})
            .filter(reduce(operator.or_, (Q(**{f"drug_{i}": own_drug}) for i in places)))
        )
    else:

        def own_drug(i):
            return KeyTextTransform("slug", KeyTransform(str(i), KeyTransform("drugs", OuterRef("snapshot"))))

        others = (
            others.filter(kind="drug")
            .alias(drug=KT("snapshot__drug"))
            .filter(reduce(operator.or_, (Q(drug=own_drug(i)) for i in places)))
        )
    entry = Cast(
        JSONObject(kind="kind", slug="slug", title="title", summary="summary", drug="snapshot__drug"), TextField()
    )
    # Grouped by a constant: one row, whatever the pages' kinds.
    rows = others.order_by().annotate(one=Value(1)).values("one")
    return Subquery(rows.annotate(entries=StringAgg(entry, delimiter=Value(","))).values("entries"))


def related_pages(publication):
    """The related pages of a publication looked up with related_entries, grouped by kind for the page."""
    found = json.loads(f"[{publication.related_entries}]") if publication.related_entries else []
    drug_order = [drug["slug"] for drug in publication.snapshot.get("drugs", [])]
    groups = []
    for kind, heading in RELATED_HEADINGS.items():
        pages = [page for page in found if page["kind"] == kind]
        if kind == "drug":
            pages.sort(key=lambda page: drug_order.index(page["drug"]) if page["drug"] in drug_order else 0)
        else:
            pages.sort(key=lambda page: page["title"].casefold())
        for page in pages:
            page["url"] = Publication(kind=page["kind"], slug=page["slug"]).get_absolute_url()
        if pages:
            groups.append({"heading": heading, "pages": pages})
    return groups


def page_lookup(kind, slug):
    """The publication at a page's address, with what its page shows in the same query."""
    publications = Publication.objects.for_display().filter(kind=kind, slug=slug)
    return publications.annotate(related_entries=related_entries(kind))


@require_safe
@page_cache.cached_page(page_lookup)
def published_page(request, publication):
    if publication is None:
        raise Http404("No published page at this address.")
    if publication.withdrawn_at:
        return render(request, "410.html", {"publication": publication}, status=410)
    # The templates read them from the publication: a preview has none, so it lists no related pages.
    publication.related_pages = related_pages(publication)
    return render_snapshot(
        request,
        publication.snapshot,
        publication=publication,
        signoff=publication.signoff,
        history=list(public_history(publication)),
    )


def question_sheet_lookup(kind, slug):
    return Publication.objects.for_display().filter(kind=kind, slug=slug)


@require_safe
@page_cache.cached_page(question_sheet_lookup, kind="drug")
def question_sheet(request, publication):
    """The drug page's questions on their own, laid out to print and take to an appointment.

    Like the page: nothing at an address with no published page (or one with no questions),
    and the withdrawal notice for a withdrawn one.
    """
    if publication is None:
        raise Http404("No published page at this address.")
    if publication.withdrawn_at:
        return render(request, "410.html", {"publication": publication}, status=410)
    snapshot = snapshots.upgrade(publication.snapshot)
    if not snapshot.get("question_groups"):
        raise Http404("This page has no questions to print.")
    return render(request, "monographs/question_sheet.html", {"publication": publication, "snapshot": snapshot})


@require_safe
def home(request):
    """The first HOME_LIST_LENGTH pages of each kind, in one query; the indexes list the rest."""
    by_kind = {kind: [] for kind in KINDS}
    first = (
        Publication.objects.listed()
        .alias(place=Window(RowNumber(), partition_by="kind", order_by=["title", "pk"]))
        .filter(place__lte=HOME_LIST_LENGTH + 1)
        .order_by("title", "pk")
    )
    for publication in first:
        by_kind[publication.kind].append(publication)
    more = {kind: len(publications) > HOME_LIST_LENGTH for kind, publications in by_kind.items()}
    return render(
        request,
        "public/home.html",
        {
            "drugs": by_kind["drug"][:HOME_LIST_LENGTH],
            "comparisons": by_kind["comparison"][:HOME_LIST_LENGTH],
            "articles": by_kind["article"][:HOME_LIST_LENGTH],
            "more": more,
            "search_max_length": SEARCH_MAX_LENGTH,
        },
    )


def list_page(request, publications):
    """One page of an index (?page=N, INDEX_PAGE_SIZE a page): a count and a slice, two queries.

    A page number that is not one, or past the end, is not found: an index has no such page.
    """
    try:
        return Paginator(publications, INDEX_PAGE_SIZE).page(request.GET.get("page", 1))
    except InvalidPage:
        raise Http404("This list has no such page.") from None


@require_safe
def drug_index(request):
    page = list_page(request, Publication.objects.listed().filter(kind="drug").order_by("title", "pk"))
    return render(request, "public/drug_index.html", {"publications": page.object_list, "page_obj": page})


@require_safe
def comparison_index(request):
    """Comparisons grouped by their series; those in no series come last."""
    publications = (
        Publication.objects.listed()
        .filter(kind="comparison")
        .with_series()
        .order_by(F("series_name").asc(nulls_last=True), Lower("series_name"), "title", "pk")
    )
    page = list_page(request, publications)
    groups = {}
    for publication in page.object_list:
        groups.setdefault(publication.series_name or "", []).append(publication)
    return render(request, "public/comparison_index.html", {"series": list(groups.items()), "page_obj": page})


@require_safe
def article_index(request):
    page = list_page(request, Publication.objects.listed().filter(kind="article").order_by("title", "pk"))
    return render(request, "public/article_index.html", {"publications": page.object_list, "page_obj": page})


@require_safe
def reviewer(request, slug):
    profile = get_object_or_404(ReviewerProfile, slug=slug)
    publications = Publication.objects.listed().signed_off_by(profile).order_by("title")
    return render(request, "public/reviewer.html", {"profile": profile, "publications": publications})


def _search_terms(raw):
    """The query's words, or the message to show instead of results."""
    # Control characters (a NUL byte among them) cannot be stored or matched; drop them.
    query = "".join(ch for ch in raw if ch.isprintable() or ch.isspace()).strip()
    if not query:
        return query, [], "Type a word or two to search for, for example a drug's name."
    if len(query) > SEARCH_MAX_LENGTH:
        return query[:SEARCH_MAX_LENGTH], [], f"Your search is too long. Use at most {SEARCH_MAX_LENGTH} characters."
    # Quotes and trailing punctuation are how people type, not what they look for.
    terms = list(dict.fromkeys(filter(None, (word.strip(SEARCH_PUNCTUATION) for word in query.split()))))
    if not terms:
        return query, [], "Type a word or two to search for, for example a drug's name."
    if len(terms) > SEARCH_MAX_TERMS:
        return query, [], f"Use at most {SEARCH_MAX_TERMS} words."
    return query, terms, ""


@require_safe
def search(request):
    raw = request.GET.get("q")
    query, terms, message, results = "", [], "", []
    if raw is not None:
        query, terms, message = _search_terms(raw)
    if terms:
        candidates = Publication.objects.live().matching(terms).only("kind", "slug", "title", "summary", "snapshot")
        for publication in candidates.order_by("title"):
            blocks = presentation.readable_text(publication.snapshot)
            if presentation.matches(blocks, terms):
                results.append({"publication": publication, "excerpt": presentation.excerpt(blocks, terms)})
            if len(results) == SEARCH_MAX_RESULTS:
                break
    return render(
        request,
        "public/search.html",
        {
            "query": query,
            "searched": bool(terms),
            "message": message,
            "results": results,
            "search_max_length": SEARCH_MAX_LENGTH,
        },
    )


@require_safe
def contact(request):
    return render(request, "public/contact.html")


@require_safe
def editorial_policy(request):
    return render(request, "public/editorial_policy.html")


@require_safe
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("public:sitemap"))
    lines = ["User-agent: *", "Allow: /", "Disallow: /admin/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
