"""Atom feeds of what changed: /feed/ for every page, /drugs/<slug>/feed/ for the pages about one drug.

An entry is a content-changing sign-off that went live and is still public (public.versions
says which): its date, the kind of change, the editor's summary and the reviewer. It links
to that signed version, which says whether it is still current. A re-review that changed
nothing, a go-live still to come and a withdrawn page are never entries.
"""

import operator
from dataclasses import dataclass
from functools import reduce, wraps

from django.contrib.syndication.views import Feed
from django.db import connection
from django.db.models import Q
from django.db.models.fields.json import KT
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from reviews.models import Publication, SignOff

from .derived import derived
from .versions import still_public

FEED_LENGTH = 50
# Where a snapshot's list of drugs is searched on databases without JSON containment: more
# places than any page lists.
DRUG_PLACES = 16


def about_drug(slug, field="snapshot"):
    """Rows whose snapshot lists the drug (a drug page lists its own)."""
    if connection.vendor == "postgresql":
        # One containment test per row, instead of one lookup for each place in the list.
        return Q(**{f"{field}__contains": {"drugs": [{"slug": slug}]}})
    return reduce(operator.or_, (Q(**{f"{field}__drugs__{i}__slug": slug}) for i in range(DRUG_PLACES)))


@dataclass
class Scope:
    """What one request for a feed asks for: the request (for absolute addresses) and the drug, if any."""

    request: object
    drug: dict | None = None


class UpdatesFeed(Feed):
    feed_type = Atom1Feed
    title = "Updates to our pages"
    subtitle = "Each change to a page once a medical reviewer signed it off: what changed, why, and who reviewed it."

    def get_object(self, request):
        return Scope(request)

    def link(self, scope):
        return reverse("public:home")

    def feed_url(self, scope):
        return scope.request.path

    def feed_guid(self, scope):
        # The feed's own address names it: the site's and each drug's feed are different feeds.
        return scope.request.build_absolute_uri(scope.request.path)

    def signoffs(self, scope):
        return still_public().filter(changed_content=True)

    def items(self, scope):
        entries = list(
            self.signoffs(scope)
            .select_related("reviewer_profile")
            .only(
                "page_id",
                "signed_at",
                "summary",
                "change_kind",
                "content_hash",
                "reviewer_name",
                "reviewer_credentials",
                "reviewer_profile__slug",
            )
            .order_by("-signed_at", "-pk")[:FEED_LENGTH]
        )
        # Each version's own title, read for these entries only: extracting it from every
        # sign-off's snapshot before choosing the latest would read them all.
        titles = dict(
            SignOff.objects.filter(pk__in=[entry.pk for entry in entries])
            .annotate(title=KT("snapshot__title"))
            .values_list("pk", "title")
        )
        for entry in entries:
            entry.title = titles[entry.pk]
            # Two sign-offs may publish the same content (a change undone): each is an entry of its own.
            entry.guid = scope.request.build_absolute_uri(f"{self.item_link(entry)}#sign-off-{entry.pk}")
            entry.reviewer_url = scope.request.build_absolute_uri(
                reverse("public:reviewer", args=[entry.reviewer_profile.slug])
            )
        return entries

    def item_title(self, signoff):
        return f"{signoff.title}: {signoff.get_change_kind_display()}"

    def item_description(self, signoff):
        summary = (signoff.summary or "Content updated").rstrip(".")
        return (
            f"{signoff.get_change_kind_display()}. {summary}. "
            f"Reviewed by {signoff.reviewer_name}, {signoff.reviewer_credentials}."
        )

    def item_link(self, signoff):
        return reverse("public:version", args=[signoff.content_hash])

    def item_guid(self, signoff):
        return signoff.guid

    def item_pubdate(self, signoff):
        return signoff.signed_at

    def item_updateddate(self, signoff):
        return signoff.signed_at

    def item_author_name(self, signoff):
        return signoff.reviewer_name

    def item_author_link(self, signoff):
        return signoff.reviewer_url

    def item_categories(self, signoff):
        return [signoff.get_change_kind_display()]


def kept(feed):
    """The feed's view, its answer kept until a publication changes. A drug with no page (404)
    is not kept: the exception passes through."""

    @wraps(feed)
    def serve(request, *args, **kwargs):
        def answer():
            response = feed(request, *args, **kwargs)
            return response.content, response["Content-Type"]

        # The feed names its own address in full: scheme and host are part of what is kept.
        content, content_type = derived(f"feed\n{request.scheme}\n{request.get_host()}\n{request.path}", answer)
        return HttpResponse(content, content_type=content_type)

    return serve


class DrugFeed(UpdatesFeed):
    """The changes to the pages about one drug: its drug page, and the comparisons and explainers that list it."""

    def get_object(self, request, slug):
        publications = Publication.objects.live().filter(about_drug(slug)).only("snapshot")
        for publication in publications[:1]:
            drug = next(d for d in publication.snapshot["drugs"] if d["slug"] == slug)
            return Scope(request, drug={"slug": slug, "name": drug["name"]})
        raise Http404("No published page is about this drug.")

    def title(self, scope):
        return f"Updates to our pages about {scope.drug['name']}"

    def link(self, scope):
        drug_page = Publication.objects.live().filter(kind="drug", slug=scope.drug["slug"]).only("kind", "slug").first()
        return drug_page.get_absolute_url() if drug_page else reverse("public:drugs")

    def signoffs(self, scope):
        return super().signoffs(scope).filter(about_drug(scope.drug["slug"]))
