from django.contrib.sitemaps.views import index, sitemap
from django.urls import path
from django.views.decorators.http import require_safe

from monographs.kinds import KINDS

from . import views
from .sitemaps import SITEMAPS

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("drugs/", views.drug_index, name="drugs"),
    path("compare/", views.comparison_index, name="comparisons"),
    path("learn/", views.article_index, name="articles"),
    path("reviewers/<slug:slug>/", views.reviewer, name="reviewer"),
    path("search/", views.search, name="search"),
    path("contact/", views.contact, name="contact"),
    path("editorial-policy/", views.editorial_policy, name="editorial_policy"),
    # A sitemap index: each section a sitemap of at most 50,000 addresses (?p=2 for the next).
    path(
        "sitemap.xml",
        require_safe(index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "public:sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", require_safe(sitemap), {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("robots.txt", views.robots_txt, name="robots"),
    path(f"{KINDS['drug'].path}/<slug:slug>/questions/", views.question_sheet, name="drug_questions"),
    *(
        path(f"{kind.path}/<slug:slug>/", views.published_page, {"kind": kind.value}, name=kind.value)
        for kind in KINDS.values()
    ),
]
