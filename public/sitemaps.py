"""The sitemap: the fixed pages and every live publication, never a draft or a withdrawn page.

/sitemap.xml is an index of sections; each section is split into sitemaps of at most
`limit` addresses, the most a sitemap may hold. A section's sitemap is written by
`section` straight from a values() query: at 50,000 addresses, model instances and a
template loop would cost seconds.
"""

from xml.sax.saxutils import escape

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import x_robots_tag
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from monographs.kinds import KINDS
from reviews.models import Publication

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)


class PublicationSitemap(Sitemap):
    changefreq = "monthly"
    limit = 50_000

    def items(self):
        return Publication.objects.listed().order_by("kind", "slug")

    def lastmod(self, publication):
        return publication.last_updated_at

    def get_latest_lastmod(self):
        """For the index, in one query: Django's own reads every item."""
        return Publication.objects.live().aggregate(latest=Max("last_updated_at"))["latest"]

    def entries(self, page):
        """(path, last modified) of the sitemap's page `page`, from one values() query."""
        first = (self.paginator.validate_number(page) - 1) * self.limit
        # One address per kind, then the slug put in its place: reverse() per address would cost more than the rest.
        prefixes = {
            kind: Publication(kind=kind, slug="slug").get_absolute_url().removesuffix("slug/") for kind in KINDS
        }
        rows = self.items().values_list("kind", "slug", "last_updated_at")[first : first + self.limit]
        return [(f"{prefixes[kind]}{slug}/", updated) for kind, slug, updated in rows]


class FixedPageSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "public:home",
            "public:drugs",
            "public:comparisons",
            "public:articles",
            "public:contact",
            "public:editorial_policy",
        ]

    def location(self, name):
        return reverse(name)

    def entries(self, page):
        self.paginator.validate_number(page)
        return [(self.location(name), None) for name in self.items()]


SITEMAPS = {"pages": PublicationSitemap, "site": FixedPageSitemap}


@require_safe
@x_robots_tag
def section(request, section):
    """One sitemap of a section (?p=2 for its second): the same XML as Django's sitemap view, written directly."""
    if section not in SITEMAPS:
        raise Http404(f"No sitemap for {section!r}.")
    sitemap = SITEMAPS[section]()
    try:
        entries = sitemap.entries(request.GET.get("p", 1))
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404("No such page of this sitemap.") from error
    root = f"{request.scheme}://{request.get_host()}"
    parts = [HEAD]
    for path, updated in entries:
        lastmod = f"<lastmod>{updated:%Y-%m-%d}</lastmod>" if updated else ""
        parts.append(
            f"<url><loc>{escape(root + path)}</loc>{lastmod}<changefreq>{sitemap.changefreq}</changefreq></url>\n"
        )
    parts.append("</urlset>\n")
    response = HttpResponse("".join(parts), content_type="application/xml")
    latest = max((updated for _, updated in entries if updated), default=None)
    if latest:
        response["Last-Modified"] = http_date(latest.timestamp())
    return response
