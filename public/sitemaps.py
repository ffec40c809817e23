"""The sitemap: the fixed pages and every live publication, never a draft or a withdrawn page."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from reviews.models import Publication


class PublicationSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Publication.objects.listed().order_by("kind", "slug")

    def lastmod(self, publication):
        return publication.last_updated_at


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
