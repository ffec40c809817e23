"""Editor text is inert: markup typed into any field never runs, on the public site or in the admin.

Every field an editor, reviewer or administrator types holds script, event handlers and
script links; the pages that show them are read for markup that would run.
"""

from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from monographs.models import (
    Article,
    Biomarker,
    Citation,
    Comparison,
    Drug,
    DrugPage,
    Outcome,
    Question,
    QuestionGroup,
    Section,
    Series,
    SiteSettings,
    Source,
    Trial,
)
from reviews import workflow
from reviews.models import ReviewerProfile, SignOff

from .conftest import PASSWORD, publish, text_of

PAYLOAD = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
# For fields of at most 40 characters.
SHORT_PAYLOAD = '"><img src=x onerror=alert(1)>'
MARKDOWN_PAYLOAD = (
    PAYLOAD + ' [click](javascript:alert(1)) <a href="javascript:alert(2)">y</a> ![i](x" onerror="alert(3))'
)


class LiveMarkup(HTMLParser):
    """Collects markup that would run: event handlers, script links, foreign images, scripts calling alert.

    A JSON-LD block is data, never run, but must hold no "<" a browser could read as the end
    of the block: editor text in it is escaped.
    """

    def __init__(self):
        super().__init__()
        self.found, self.in_script, self.in_data_block = [], False, False

    def handle_starttag(self, tag, attrs):
        self.in_data_block = tag == "script" and ("type", "application/ld+json") in attrs
        self.in_script = tag == "script" and not self.in_data_block
        if tag == "img" and not any(name == "src" and (value or "").startswith("/static/") for name, value in attrs):
            self.found.append(("img", attrs))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((tag, name, value))
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                self.found.append((tag, name, value))

    def handle_endtag(self, tag):
        self.in_script = self.in_data_block = False

    def handle_data(self, data):
        if self.in_data_block and "<" in data:
            self.found.append(("application/ld+json", data[:80]))
        if self.in_script and "alert(" in data:
            self.found.append(("script", data[:80]))


def live_markup(html):
    parser = LiveMarkup()
    parser.feed(html)
    return parser.found


@pytest.fixture
def hostile_content(crizotinib, editor, reviewer):
    """Every editor-typed field holds markup; pages published, sent back, withdrawn and pending."""
    SiteSettings.objects.update_or_create(
        pk=1,
        defaults={
            "organisation": "Org" + PAYLOAD,
            "tagline": PAYLOAD,
            "address": PAYLOAD,
            "email": "team@example.org",
            "phone": SHORT_PAYLOAD,
            "emergency_notice": PAYLOAD,
        },
    )
    ReviewerProfile.objects.filter(user=reviewer).update(
        name="Dr" + PAYLOAD, degree=PAYLOAD, specialty=PAYLOAD, board_certification=PAYLOAD, bio=MARKDOWN_PAYLOAD
    )
    Drug.objects.filter(pk=crizotinib.pk).update(
        name="crizotinib" + PAYLOAD,
        brand_names="Xalkori" + PAYLOAD,
        drug_class=PAYLOAD,
        dose=PAYLOAD,
        targets_detail=PAYLOAD,
        manufacturers=PAYLOAD,
        route=PAYLOAD,
    )
    other = Drug.objects.create(
        name="alectinib" + PAYLOAD, brand_names=PAYLOAD, slug="alectinib", drug_class=PAYLOAD, dose=PAYLOAD
    )
    sources = [
        Source.objects.create(
            kind=Source.Kind.PUBLICATION,
            title=PAYLOAD,
            citation=PAYLOAD,
            publisher=PAYLOAD,
            version=SHORT_PAYLOAD,
            url="javascript:alert(1)",
        ),
        Source.objects.create(
            kind=Source.Kind.PUBLICATION, title=PAYLOAD, url='https://example.org/"><script>alert(1)</script>'
        ),
    ]
    series = Series.objects.create(name=PAYLOAD, slug="series", description=MARKDOWN_PAYLOAD)
    trial = Trial.objects.create(
        name="ALEX" + PAYLOAD,
        slug="alex",
        phase=Trial.Phase.PHASE_3,
        design=PAYLOAD,
        population=PAYLOAD,
        experimental_drug=other,
        experimental_arm=PAYLOAD,
        control_arm=PAYLOAD,
        line_of_therapy=PAYLOAD,
        pivotal=True,
    )
    trial.control_drugs.set([crizotinib])
    Outcome.objects.create(
        trial=trial,
        endpoint=Outcome.Endpoint.PFS,
        measure=Outcome.Measure.MEDIAN,
        analysis=Outcome.Analysis.PRIMARY,
        unit=Outcome.Unit.MONTHS,
        experimental_value=Decimal("34.8"),
        control_value=Decimal("10.9"),
        hazard_ratio=Decimal("0.43"),
        note=PAYLOAD,
        hr_kind=SHORT_PAYLOAD,
        timepoint=SHORT_PAYLOAD,
        source=sources[0],
    )
    comparison = Comparison.objects.create(
        title="Compare" + PAYLOAD,
        slug="compare",
        summary=PAYLOAD,
        head_to_head=trial,
        verdict=MARKDOWN_PAYLOAD,
        series=series,
    )
    comparison.drugs.set([crizotinib, other])
    article = Article.objects.create(title="Learn" + PAYLOAD, slug="learn", summary=PAYLOAD, series=series)
    article.drugs.set([crizotinib])
    article.biomarkers.set([Biomarker.objects.create(name=SHORT_PAYLOAD, full_name=PAYLOAD, slug="hostile")])
    drug_page = DrugPage.objects.create(drug=crizotinib, title="Drug" + PAYLOAD, slug="drug", summary=PAYLOAD)
    for page in (comparison, article, drug_page):
        Section.objects.create(page=page, order=1, heading=PAYLOAD, body=MARKDOWN_PAYLOAD)
        group = QuestionGroup.objects.create(page=page, order=1, heading=PAYLOAD, intro=MARKDOWN_PAYLOAD)
        Question.objects.create(group=group, order=1, text=PAYLOAD + "?")
        for source in sources:
            Citation.objects.create(page=page, source=source, note=PAYLOAD)
        workflow.approve(workflow.submit(page, editor, summary=PAYLOAD), reviewer, comment=PAYLOAD, password=PASSWORD)
    workflow.request_changes(workflow.submit(article, editor, summary=PAYLOAD), reviewer, PAYLOAD)
    workflow.withdraw(drug_page, reviewer, PAYLOAD)
    return {
        "comparison": comparison,
        "article": article,
        "drug_page": drug_page,
        "pending": workflow.submit(comparison, editor, summary=PAYLOAD),
    }


def test_markup_in_any_editor_field_is_inert_on_the_public_site(client, hostile_content):
    urls = [
        "/",
        "/drugs/",
        "/compare/",
        "/learn/",
        "/compare/compare/",
        "/learn/learn/",
        "/drugs/drug/",
        "/reviewers/reviewer/",
        "/contact/",
        "/editorial-policy/",
        "/sitemap.xml",
        "/search/?q=alert",
        "/search/?q=" + PAYLOAD,
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 410), url
        assert live_markup(text_of(response)) == [], url
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text_of(client.get("/compare/compare/"))


@pytest.mark.parametrize("who", ["reviewer", "other_reviewer", "editor", "admin_user"])
def test_markup_in_any_editor_field_is_inert_in_the_admin(client, hostile_content, who, request):
    client.force_login(request.getfixturevalue(who))
    signoff = SignOff.objects.first()
    pages = hostile_content
    urls = [
        reverse("admin:reviews_submission_review", args=[pages["pending"].pk]),
        reverse("admin:reviews_submission_preview", args=[pages["pending"].pk]),
        reverse("admin:reviews_submission_changelist") + "?status=all",
        reverse("admin:reviews_signoff_changelist"),
        reverse("admin:reviews_signoff_change", args=[signoff.pk]),
        reverse("admin:reviews_signoff_preview", args=[signoff.pk]),
        reverse("admin:reviews_publication_changelist"),
        reverse("admin:reviews_publication_due"),
        reverse("admin:reviews_auditentry_changelist"),
        reverse("admin:monographs_comparison_change", args=[pages["comparison"].pk]),
        reverse("admin:monographs_article_change", args=[pages["article"].pk]),
        reverse("admin:monographs_drugpage_preview", args=[pages["drug_page"].pk]),
        reverse("admin:monographs_comparison_submit", args=[pages["comparison"].pk]),
        reverse("admin:monographs_page_changelist"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 302, 403), url
        assert live_markup(text_of(response)) == [], url


def test_markup_typed_by_an_editor_cannot_run_on_the_public_page(client, page, editor, reviewer):
    Section.objects.filter(page=page).update(
        heading="<em>Heading</em>",
        body='<script>alert("x")</script>\n\n[Click me](javascript:alert(1)) and <img src=x onerror=alert(1)>',
    )
    page.summary = '"><script>alert(2)</script>'
    page.save()
    publish(page, editor, reviewer)
    html = text_of(client.get("/drugs/crizotinib/"))
    assert "<script>" not in html.lower()
    assert 'href="javascript' not in html.lower()
    assert "<img" not in html and "<em>Heading</em>" not in html
    assert "&lt;em&gt;Heading&lt;/em&gt;" in html


@pytest.mark.parametrize(
    "markdown, link",
    [
        ("[guide](//example.org/path)", '<a href="//example.org/path" rel="nofollow noopener">guide</a>'),
        ("[label](https://www.fda.gov/)", '<a href="https://www.fda.gov/" rel="nofollow noopener">label</a>'),
        ("<https://www.fda.gov/>", 'href="https://www.fda.gov/" rel="nofollow noopener"'),
        ("see www.fda.gov today", 'href="http://www.fda.gov" rel="nofollow noopener"'),
        ("[the drug page](/drugs/crizotinib/)", '<a href="/drugs/crizotinib/">the drug page</a>'),
    ],
)
def test_links_that_leave_the_site_get_nofollow_noopener_whatever_their_form(markdown, link):
    from monographs.rendering import render_markdown

    assert link in render_markdown(markdown)


def test_code_is_escaped_once_so_readers_see_what_the_editor_typed():
    from monographs.rendering import render_markdown

    html = render_markdown("```\n<script>x</script> a & b www.fda.gov\n```\n\nInline `<b>` too.")
    assert "<pre><code>&lt;script&gt;x&lt;/script&gt; a &amp; b www.fda.gov\n</code></pre>" in html
    assert "<code>&lt;b&gt;</code>" in html
    assert "&amp;lt;" not in html and "<script>" not in html
