"""Every public page passes axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules, and its
heading-order rule, on a phone (390 px) and a desktop (1280 px), in Debian's chromium.

axe-core comes from its npm package, which `make test` installs into .cache/ with
scripts/find-axe; this test downloads nothing.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from reviews.models import Publication, ReviewerProfile

from .served_site import ServedSite, chromium, watch_csp

AXE_SCRIPT = Path(__file__).resolve().parent.parent / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = {"phone": 390, "desktop": 1280}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# Headings that skip a level are a best practice in axe, not a WCAG rule; readers who
# move by heading rely on them all the same.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "rules": {"heading-order": {"enabled": True}}}
# Served at the site's own address, so the page's Content-Security-Policy (script-src
# 'self') allows it and stays on: add_script_tag(path=...) would add an inline script,
# which the policy blocks unless the whole context bypasses it.
AXE_PATH = "/__axe__/axe.min.js"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def axe_script():
    if not AXE_SCRIPT.is_file():
        pytest.fail(f"axe-core is not installed at {AXE_SCRIPT}: `make test` installs it, or run scripts/find-axe")
    return str(AXE_SCRIPT)


def public_paths():
    """Each kind of public page: the published pages, their indexes and question sheets,
    a reviewer, search with results, the fixed pages, reporting a problem, and a 404."""
    publications = list(Publication.objects.live().order_by("kind", "slug"))
    drug = next(publication for publication in publications if publication.slug == "crizotinib")
    reviewer = ReviewerProfile.objects.get(signoffs__pk=drug.signoff_id)
    return [
        "/",
        reverse("public:drugs"),
        reverse("public:comparisons"),
        reverse("public:articles"),
        *(publication.get_absolute_url() for publication in publications),
        *(
            reverse("public:drug_questions", args=[publication.slug])
            for publication in publications
            if publication.kind == "drug" and publication.snapshot.get("question_groups")
        ),
        reverse("public:reviewer", args=[reviewer.slug]),
        f"{reverse('public:search')}?q=crizotinib",
        reverse("public:contact"),
        reverse("public:editorial_policy"),
        reverse("feedback:report", args=[drug.kind, drug.slug]),
        reverse("feedback:thanks", args=[drug.kind, drug.slug]),
        "/no-such-page/",
    ]


def described(path, width, violation):
    """One line for each element that fails the rule."""
    return [
        f"{path} at {width} px: {violation['id']} ({violation['impact']}): {violation['help']}: "
        f"{' '.join(map(str, node['target']))}"
        for node in violation["nodes"]
    ]


# Last: published_demo stays loaded to the end of the module.
@pytest.mark.django_db
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_every_public_page_has_no_axe_violation(client, published_demo, axe_script, width):
    paths = public_paths()
    site = ServedSite(client, paths, extra_files={AXE_PATH: axe_script})
    found, csp_violations = [], []
    for path, response in site.responses.items():
        if response.status_code != (404 if path == "/no-such-page/" else 200):
            found.append(f"{path}: answered {response.status_code}")
    with chromium() as browser:
        context = site.open_in(browser.new_context(viewport={"width": width, "height": 900}))
        tab = watch_csp(context.new_page(), csp_violations)
        for path in paths:
            tab.goto(site.url(path))
            tab.add_script_tag(url=site.url(AXE_PATH))
            results = tab.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
            ran = {rule["id"] for outcome in ("passes", "violations", "inapplicable") for rule in results[outcome]}
            assert "heading-order" in ran, "axe ran the heading-order rule"
            for violation in results["violations"]:
                found += described(path, width, violation)
    print("\n".join(found))
    assert not found, "pages that fail, and elements that fail axe-core's rules:\n" + "\n".join(found)
    assert csp_violations == [], "axe and the pages must run under the Content-Security-Policy"
    assert not [path for path in site.unknown if path.startswith(settings.STATIC_URL)], "a page asks for a missing file"
