from django.contrib.sitemaps.views import index
from django.urls import path, register_converter
from django.views.decorators.http import require_safe

from monographs.kinds import KINDS

from . import browse, feeds, search, sitemaps, versions, views
from .sitemaps import SITEMAPS

register_converter(versions.ShortHashConverter, "short_hash")

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("drugs/", views.drug_index, name="drugs"),
    path("compare/", views.comparison_index, name="comparisons"),
    path("learn/", views.article_index, name="articles"),
    path("reviewers/", browse.reviewers, name="reviewers"),
    path("reviewers/<slug:slug>/", views.reviewer, name="reviewer"),
    path("biomarkers/<slug:slug>/", browse.biomarker, name="biomarker"),
    path("conditions/<slug:slug>/", browse.condition, name="condition"),
    path("search/", search.search, name="search"),
    path("contact/", views.contact, name="contact"),
    path("editorial-policy/", views.editorial_policy, name="editorial_policy"),
    # A sitemap index: each section a sitemap of at most 50,000 addresses (?p=2 for the next).
    path(
        "sitemap.xml",
        require_safe(index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "public:sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemaps.section, name="sitemap_section"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("v/<short_hash:short_hash>/", versions.version, name="version"),
    path("feed/", require_safe(feeds.kept(feeds.UpdatesFeed())), name="feed"),
    path(f"{KINDS['drug'].path}/<slug:slug>/feed/", require_safe(feeds.kept(feeds.DrugFeed())), name="drug_feed"),
    path(f"{KINDS['drug'].path}/<slug:slug>/questions/", views.question_sheet, name="drug_questions"),
    *(
        path(f"{kind.path}/<slug:slug>/", views.published_page, {"kind": kind.value}, name=kind.value)
        for kind in KINDS.values()
    ),
]
