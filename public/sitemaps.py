"""The sitemap: the fixed pages and every live publication, never a draft or a withdrawn page.

/sitemap.xml is an index of sections; each section is split into sitemaps of at most
`limit` addresses, the most a sitemap may hold.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from reviews.models import Publication


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


SITEMAPS = {"pages": PublicationSitemap, "site": FixedPageSitemap}
