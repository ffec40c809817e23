"""The public website. It renders publications (signed-off snapshots) and nothing else.

No view here reads the working copy (Page, Drug, Trial...): this app imports no model
of monographs, only the publications of reviews, so what a reader sees is exactly what
a reviewer signed. monographs.kinds.render_snapshot lays out any snapshot, so the
admin previews a working copy or a submission with the same templates.
"""

import json
import threading
from collections import OrderedDict

from django.core.paginator import InvalidPage, Paginator
from django.db.models import Case, F, JSONField, OuterRef, StringAgg, Subquery, TextField, Value, When, Window
from django.db.models.functions import Cast, JSONObject, Lower, RowNumber
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from monographs import snapshots
from monographs.kinds import KINDS, render_snapshot
from reviews.models import Publication, ReviewerProfile, SignOff, Submission

from . import page_cache
from .models import SearchName
from .search import SEARCH_MAX_LENGTH

# Home lists the first pages of each kind; the indexes list them all, a page at a time.
HOME_LIST_LENGTH = 50
INDEX_PAGE_SIZE = 50


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
        .only("signed_at", "summary", "change_kind", "content_hash", "reviewer_name")
        .order_by("-signed_at", "-pk")
    )


RELATED_HEADINGS = {"drug": "Drug pages", "comparison": "Comparisons", "article": "Explainers"}


def related_entries(kind):
    """A subquery for the page lookup: the other live pages about the page's drugs, as JSON text.

    A drug page relates to the comparisons and explainers whose snapshot lists its drug; a
    comparison or an explainer to the drug pages of the drugs its snapshot lists. Both sides
    are read from signed-off snapshots, through the drug names the search index keeps for
    each live publication (public.models), so a page links only to what is published; the
    lookup follows indexes, so the page costs the same however many pages there are, and
    no query more.
    """
    drugs_shown = SearchName.objects.filter(kind=SearchName.Kind.DRUG, documents=OuterRef(OuterRef("pk")))
    others = Publication.objects.live().exclude(pk=OuterRef("pk")).filter(search_document__search_names__in=drugs_shown)
    others = others.exclude(kind="drug") if kind == "drug" else others.filter(kind="drug")
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


class Snapshots:
    """Decoded snapshots by content hash, the KEPT most recently used, shared by this process's requests.

    A snapshot never changes once signed, and nothing that lays it out changes it, so the
    JSON of a page read often is decoded once, and the page parts kept by its hash
    ({% snapshot_part %}) are found by the same hash. For an address whose snapshot is
    kept, the page lookup reads the snapshot only if the publication's hash is another
    one by now, in the same query.
    """

    KEPT = 128

    def __init__(self):
        self.snapshots = OrderedDict()  # content hash: snapshot
        self.addresses = {}  # (kind, slug): the content hash last kept for it
        self.lock = threading.Lock()

    def kept_for(self, kind, slug):
        """The content hash of the snapshot last kept for this address, if any."""
        return self.addresses.get((kind, slug))

    def of(self, publication):
        """The publication's snapshot: as loaded with it, else kept, else read from its sign-off
        (the permanent record of it)."""
        key = publication.content_hash
        if "snapshot" not in publication.get_deferred_fields():
            snapshot = publication.snapshot
        elif getattr(publication, "snapshot_unless_kept", None) is not None:
            snapshot = publication.snapshot_unless_kept
        else:
            with self.lock:
                snapshot = self.snapshots.get(key)
            if snapshot is None:
                snapshot = SignOff.objects.values_list("snapshot", flat=True).get(pk=publication.signoff_id)
        with self.lock:
            self.snapshots[key] = snapshot
            self.snapshots.move_to_end(key)
            self.addresses[publication.kind, publication.slug] = key
            while len(self.snapshots) > self.KEPT:
                old_key, _ = self.snapshots.popitem(last=False)
                self.addresses = {address: kept for address, kept in self.addresses.items() if kept != old_key}
        return snapshot


snapshots_read = Snapshots()


def publication_lookup(kind, slug):
    """The publication at an address, with its sign-off, in one query; its snapshot only when
    this process does not keep it (Snapshots)."""
    publications = (
        Publication.objects.for_display()
        .filter(kind=kind, slug=slug)
        .defer("signoff__snapshot")
        .order_by()  # one row at most (the address is unique), and no sort to build
    )
    kept = snapshots_read.kept_for(kind, slug)
    if kept is None:
        return publications
    unless_kept = Case(When(content_hash=kept, then=Value(None)), default=F("snapshot"), output_field=JSONField())
    return publications.defer("snapshot").annotate(snapshot_unless_kept=unless_kept)


def page_lookup(kind, slug):
    """The publication at a page's address and its related pages, in one query."""
    return publication_lookup(kind, slug).annotate(related_entries=related_entries(kind))


@require_safe
@page_cache.cached_page(page_lookup)
def published_page(request, publication):
    if publication is None:
        raise Http404("No published page at this address.")
    if publication.withdrawn_at:
        return render(request, "410.html", {"publication": publication}, status=410)
    publication.snapshot = snapshots.upgrade(snapshots_read.of(publication))
    # The templates read them from the publication: a preview has none, so it lists no related pages.
    publication.related_pages = related_pages(publication)
    return render_snapshot(
        request,
        publication.snapshot,
        publication=publication,
        signoff=publication.signoff,
        history=list(public_history(publication)),
    )


@require_safe
@page_cache.cached_page(publication_lookup, kind="drug")
def question_sheet(request, publication):
    """The drug page's questions on their own, laid out to print and take to an appointment.

    Like the page: nothing at an address with no published page (or one with no questions),
    and the withdrawal notice for a withdrawn one.
    """
    if publication is None:
        raise Http404("No published page at this address.")
    if publication.withdrawn_at:
        return render(request, "410.html", {"publication": publication}, status=410)
    snapshot = snapshots.upgrade(snapshots_read.of(publication))
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
