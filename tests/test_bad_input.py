"""A hostile but fair visitor: bad input anywhere gets a clear answer, never a server error.

Every address a reader or a member of staff can reach is sent odd slugs, foreign or
impossible ids, garbage form fields and the wrong user; each answer is a message or a
4xx and nothing changes. The invariants are checked from the outside: the public sees
only what was signed off, and markup typed anywhere stays inert.
"""

import datetime
import io
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

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
from reviews.models import AuditEntry, Publication, ReviewerProfile, SignOff, Submission

from .conftest import make_user, publish


@pytest.fixture
def client(client):
    """A client that answers a server error with its status, as a browser would see it."""
    client.raise_request_exception = False
    return client


@pytest.fixture
def no_findings(monkeypatch):
    """The content checks have tests of their own; here they find nothing."""
    monkeypatch.setattr("reviews.checks.check_snapshot", lambda snapshot: [])
    monkeypatch.setattr(workflow, "check_snapshot", lambda snapshot: [])


def text_of(response):
    return response.content.decode()


def state():
    """Everything a decision could change: review records and what the public sees."""
    return (
        list(Submission.objects.values_list("pk", "status", "decision_comment").order_by("pk")),
        list(SignOff.objects.values_list("pk", flat=True).order_by("pk")),
        list(Publication.objects.values_list("pk", "content_hash", "withdrawn_at").order_by("pk")),
        AuditEntry.objects.count(),
    )


# Public addresses ----------------------------------------------------------------------


TYPE_A_WORD = "Type a word or two to search for"
NOTHING_FOUND = "No pages found for"


@pytest.mark.parametrize(
    "query, answer",
    [
        ("\x00", TYPE_A_WORD),
        ("zq\x00zq", NOTHING_FOUND),
        ("x" * 10_000, "Your search is too long."),
        ("     ", TYPE_A_WORD),
        ("...", TYPE_A_WORD),
        (" ".join(f"word{n}" for n in range(11)), "Use at most 10 words."),
        ("%", NOTHING_FOUND),
        ("_", NOTHING_FOUND),
        ("%_%", NOTHING_FOUND),
        ("' OR 1=1 --", NOTHING_FOUND),
        ("'; DROP TABLE reviews_publication; --", NOTHING_FOUND),
        ("\\", NOTHING_FOUND),
        ("😀", NOTHING_FOUND),
        ("\u2028", TYPE_A_WORD),
        ("review_interval_months", NOTHING_FOUND),
    ],
)
def test_odd_searches_get_a_message_and_match_nothing(client, published_page, query, answer):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert answer in text_of(response)
    assert 'href="/drugs/crizotinib/"' not in text_of(response)
    assert Publication.objects.count() == 1


def test_a_nul_byte_in_a_search_is_dropped(client, published_page):
    assert 'href="/drugs/crizotinib/"' in text_of(client.get("/search/", {"q": "crizo\x00tinib"}))


@pytest.mark.parametrize("query_string", ["q=%ff%fe", "q=%ED%A0%80", "q=%C0%80", "q[]=crizotinib", "q=liver&q=zzz"])
def test_malformed_query_strings_answer(client, published_page, query_string):
    assert client.get(f"/search/?{query_string}").status_code == 200


def test_a_repeated_query_uses_the_last_one_given(client, published_page):
    html = text_of(client.get("/search/?q=zzz&q=liver"))
    assert "1 page found for “liver”" in html


@pytest.mark.parametrize(
    "url",
    [
        "/drugs/" + "a" * 5000 + "/",
        "/drugs/%C3%BCber/",
        "/drugs/%00/",
        "/drugs/CRIZOTINIB/",
        "/drugs/crizotinib-vs-alectinib/",
        "/compare/crizotinib/",
        "/learn/crizotinib/",
        "/learn/-/",
        "/reviewers/" + "a" * 5000 + "/",
        "/reviewers/%E2%80%AE/",
        "/reviewers/nobody/",
        "/sitemap.xml?p=abc",
        "/sitemap.xml?p=99999999999999999999",
    ],
)
def test_odd_public_addresses_are_not_found(client, published_page, reviewer, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/drugs/",
        "/drugs/crizotinib/",
        "/compare/",
        "/learn/",
        "/reviewers/reviewer/",
        "/search/?q=x",
        "/contact/",
        "/editorial-policy/",
        "/sitemap.xml",
        "/robots.txt",
    ],
)
@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_public_addresses_only_answer_reading(client, published_page, url, method):
    assert getattr(client, method)(url).status_code == 405
    assert Publication.objects.get().withdrawn_at is None


# Admin addresses with ids that do not fit ---------------------------------------------

BAD_IDS = ["999999", "abc", "²", "-1", "1.5", "%00", "99999999999999999999999", "x" * 300]


@pytest.mark.parametrize(
    "url",
    [
        "/admin/reviews/submission/{}/review/",
        "/admin/reviews/submission/{}/preview/",
        "/admin/reviews/submission/{}/review/approve/",
        "/admin/reviews/submission/{}/review/request-changes/",
        "/admin/reviews/submission/{}/change/",
        "/admin/reviews/signoff/{}/preview/",
        "/admin/reviews/signoff/{}/change/",
        "/admin/reviews/publication/{}/withdraw/",
        "/admin/reviews/publication/{}/change/",
        "/admin/reviews/auditentry/{}/change/",
        "/admin/monographs/drugpage/{}/change/",
        "/admin/monographs/drugpage/{}/submit/",
        "/admin/monographs/drugpage/{}/preview/",
        "/admin/monographs/drugpage/{}/history/",
        "/admin/monographs/drugpage/{}/history/1/",
        "/admin/monographs/drugpage/1/history/{}/",
        "/admin/monographs/comparison/{}/submit/",
        "/admin/monographs/article/{}/preview/",
        "/admin/monographs/page/{}/change/",
        "/admin/monographs/questiongroup/{}/change/",
        "/admin/monographs/questiongroup/{}/history/1/",
        "/admin/monographs/drug/{}/history/",
        "/admin/monographs/drug/{}/history/1/",
        "/admin/monographs/sitesettings/{}/history/",
        "/admin/reviews/auditentry/?page={}",
        "/admin/reviews/submission/?status={}",
        "/admin/reviews/signoff/?signed_at__year={}",
        "/admin/reviews/auditentry/?at__year={}",
        "/admin/monographs/source/?date__year={}",
    ],
)
def test_ids_that_fit_no_record_are_refused_plainly(client, published_page, admin_user, url):
    client.force_login(admin_user)
    before = state()
    answers = {
        (method, bad): getattr(client, method)(url.format(bad)).status_code
        for method in ("get", "post")
        for bad in BAD_IDS
    }
    assert all(status in (200, 302, 400, 403, 404, 405) for status in answers.values()), answers
    assert state() == before


@pytest.mark.parametrize(
    "query",
    ["signed_at__year=9999", "signed_at__year=9999&signed_at__month=12", "signed_at__year=2025&signed_at__month=13"],
)
def test_a_date_drill_down_past_what_a_date_holds_is_a_bad_filter(client, published_page, admin_user, query):
    client.force_login(admin_user)
    response = client.get(f"/admin/reviews/signoff/?{query}")
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


# The review decisions: wrong user, wrong state, garbage fields --------------------------


@pytest.fixture
def submission(page, editor):
    return workflow.submit(page, editor, summary="First version")


def label_source_id():
    return Source.objects.get(kind=Source.Kind.LABEL).pk


PEOPLE = {
    "editor": lambda: make_user("editor3", workflow.EDITORS, is_staff=True),
    "superuser without reviewer profile": lambda: make_user("root", is_staff=True, is_superuser=True),
    "staff without a role": lambda: make_user("staff", is_staff=True),
    "reviewer in the group without a profile": lambda: make_user("noprofile", workflow.REVIEWERS, is_staff=True),
    "inactive reviewer": lambda: make_user("inactive", workflow.REVIEWERS, is_staff=True, is_active=False),
}


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("action", ["approve", "request_changes"])
def test_only_a_medical_reviewer_decides(client, no_findings, submission, who, action):
    client.force_login(PEOPLE[who]())
    before = state()
    response = client.post(
        reverse(f"admin:reviews_submission_{action}", args=[submission.pk]),
        {"sources": [label_source_id()], "comment": "Looks fine to me."},
    )
    assert response.status_code in (302, 403)
    assert state() == before


def test_anonymous_visitors_cannot_decide_or_withdraw(client, no_findings, submission, published_page):
    before = state()
    publication = Publication.objects.get()
    for url in (
        reverse("admin:reviews_submission_approve", args=[submission.pk]),
        reverse("admin:reviews_submission_request_changes", args=[submission.pk]),
        reverse("admin:reviews_publication_withdraw", args=[publication.pk]),
        reverse("admin:monographs_drugpage_submit", args=[published_page.pk]),
    ):
        response = client.post(url, {"sources": [label_source_id()], "comment": "x", "reason": "x", "summary": "x"})
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url
    assert state() == before


@pytest.mark.parametrize("status", ["approved", "changes_requested", "superseded"])
@pytest.mark.parametrize("action", ["approve", "request_changes"])
def test_a_submission_no_longer_awaiting_review_cannot_be_decided(
    client, no_findings, page, editor, reviewer, other_reviewer, status, action
):
    submission = workflow.submit(page, editor, summary="First version")
    if status == "approved":
        workflow.approve(submission, reviewer)
    elif status == "changes_requested":
        workflow.request_changes(submission, reviewer, "Cite the label.")
    else:
        workflow.submit(page, editor, summary="Second version")
    client.force_login(other_reviewer)
    before = state()
    response = client.post(
        reverse(f"admin:reviews_submission_{action}", args=[submission.pk]),
        {"sources": [label_source_id()], "comment": "Fine."},
    )
    assert response.status_code == 200
    assert "no longer awaiting review" in text_of(response)
    assert state() == before


@pytest.mark.parametrize(
    "data, message",
    [
        ({"sources": []}, "Tick the sources you checked the page against."),
        ({"sources": ["abc"]}, "Select a valid choice."),
        ({"sources": ["999999"]}, "Select a valid choice."),
        ({"sources": ["99999999999999999999999"]}, "Select a valid choice."),
        ({"comment": "x" * 100_000, "sources": ["abc"]}, "Select a valid choice."),
        ({"go_live_at": "garbage"}, "Enter a valid date/time."),
        ({"go_live_at": "2030-02-30T10:00"}, "Enter a valid date/time."),
        ({"go_live_at": "99999-01-01T00:00"}, "Enter a valid date/time."),
        ({"go_live_at": "\x00"}, "Enter a valid date/time."),
        ({"comment": "Fine\x00", "sources": ["abc"]}, "Null characters are not allowed."),
        ({"go_live_at": "2000-01-01T00:00"}, "Choose a go-live time in the future"),
        ({"go_live_at": "0001-01-01T00:00"}, "Choose a go-live time in the future"),
        ({"go_live_at": "9999-12-31T23:59"}, "when this page&#x27;s next review would be due"),
    ],
)
@pytest.mark.parametrize("zone", ["UTC", "Asia/Tokyo", "America/New_York"])
def test_garbage_in_the_approval_form_is_refused_with_a_message(
    client, settings, no_findings, submission, reviewer, data, message, zone
):
    settings.TIME_ZONE = zone
    client.force_login(reviewer)
    data = {"sources": [label_source_id()], **data}
    before = state()
    response = client.post(reverse("admin:reviews_submission_approve", args=[submission.pk]), data)
    assert response.status_code == 200
    assert message in text_of(response)
    assert state() == before


def test_go_live_after_the_next_review_would_be_due_is_refused(client, no_findings, submission, reviewer):
    client.force_login(reviewer)
    too_late = timezone.localtime() + datetime.timedelta(days=400)
    response = client.post(
        reverse("admin:reviews_submission_approve", args=[submission.pk]),
        {"sources": [label_source_id()], "go_live_at": too_late.strftime("%Y-%m-%dT%H:%M")},
    )
    assert "next review would be due" in text_of(response)
    assert not SignOff.objects.exists()

    in_a_month = timezone.localtime() + datetime.timedelta(days=30)
    client.post(
        reverse("admin:reviews_submission_approve", args=[submission.pk]),
        {"sources": [label_source_id()], "go_live_at": in_a_month.strftime("%Y-%m-%dT%H:%M")},
    )
    submission.refresh_from_db()
    assert submission.status == Submission.Status.SCHEDULED


def test_a_blank_override_reason_does_not_sign_off_over_check_errors(client, submission, reviewer, monkeypatch):
    from reviews.checks.findings import Finding

    error = Finding(code="wrong-biomarker", severity="error", message="The page names EGFR.", location="How it works")
    monkeypatch.setattr("reviews.checks.check_snapshot", lambda snapshot: [error])
    monkeypatch.setattr(workflow, "check_snapshot", lambda snapshot: [error])
    client.force_login(reviewer)
    response = client.post(
        reverse("admin:reviews_submission_approve", args=[submission.pk]),
        {"sources": [label_source_id()], "override_reason": " \n\t "},
    )
    assert response.status_code == 200
    assert "give your reason for signing it off" in text_of(response)
    assert not SignOff.objects.exists()


@pytest.mark.parametrize("comment", ["", "   \n ", "\x00"])
def test_request_changes_needs_a_real_comment(client, no_findings, submission, reviewer, comment):
    client.force_login(reviewer)
    before = state()
    response = client.post(
        reverse("admin:reviews_submission_request_changes", args=[submission.pk]), {"comment": comment}
    )
    assert response.status_code == 200
    assert state() == before


@pytest.mark.parametrize("reason", [None, "", "   ", "\x00", ["  ", " "]])
@pytest.mark.parametrize("who", ["reviewer", "admin_user"])
def test_withdrawal_needs_a_real_reason(client, published_page, reason, who, request):
    client.force_login(request.getfixturevalue(who))
    publication = Publication.objects.get()
    response = client.post(
        reverse("admin:reviews_publication_withdraw", args=[publication.pk]),
        {} if reason is None else {"reason": reason},
    )
    assert response.status_code == 200
    publication.refresh_from_db()
    assert publication.withdrawn_at is None
    assert client.get("/drugs/crizotinib/").status_code == 200


@pytest.mark.parametrize("who", ["editor", "other_editor"])
def test_editors_cannot_withdraw_by_posting_directly(client, published_page, who, request):
    client.force_login(request.getfixturevalue(who))
    publication = Publication.objects.get()
    response = client.post(reverse("admin:reviews_publication_withdraw", args=[publication.pk]), {"reason": "Wrong."})
    assert response.status_code == 403
    publication.refresh_from_db()
    assert publication.withdrawn_at is None


@pytest.mark.parametrize("summary", [None, "", "    ", "x" * 301, "Fixed\x00"])
def test_submitting_needs_a_real_summary(client, page, editor, summary):
    client.force_login(editor)
    response = client.post(
        reverse("admin:monographs_drugpage_submit", args=[page.pk]), {} if summary is None else {"summary": summary}
    )
    assert response.status_code == 200
    assert not Submission.objects.exists()


@pytest.mark.parametrize("who", ["reviewer", "staff"])
def test_only_editors_submit(client, page, reviewer, who):
    user = reviewer if who == "reviewer" else make_user("staff", is_staff=True)
    client.force_login(user)
    response = client.post(reverse("admin:monographs_drugpage_submit", args=[page.pk]), {"summary": "Ready."})
    assert response.status_code in (302, 403)
    assert not Submission.objects.exists()


@pytest.mark.parametrize("who", ["anonymous", "staff without a role"])
def test_the_due_dashboard_is_for_staff_with_a_role(client, published_page, who):
    if who != "anonymous":
        client.force_login(make_user("staff", is_staff=True))
    response = client.get(reverse("admin:reviews_publication_due"))
    assert response.status_code in (302, 403)
    assert "Crizotinib" not in text_of(response)


# Invariant: the public sees only what a reviewer signed off ----------------------------


def public_surfaces(client, reviewer_slug):
    urls = [
        "/",
        "/drugs/",
        "/compare/",
        "/learn/",
        "/drugs/crizotinib/",
        "/drugs/alectinib/",
        f"/reviewers/{reviewer_slug}/",
        "/sitemap.xml",
        "/robots.txt",
    ]
    pages = {url: text_of(client.get(url)) for url in urls}
    for term in ("crizotinib", "alectinib", "liver", "ALK"):
        pages[f"/search/?q={term}"] = text_of(client.get("/search/", {"q": term}))
    return pages


def test_nothing_unsigned_or_withdrawn_reaches_any_public_surface(
    client, no_findings, published_page, crizotinib, editor, reviewer, other_reviewer
):
    # A page that was never signed off.
    alectinib = Drug.objects.create(name="alectinib", slug="alectinib", drug_class="ALK TKI")
    draft = DrugPage.objects.create(
        drug=alectinib, title="DRAFTWORD alectinib", slug="alectinib", summary="DRAFTWORD summary"
    )
    Section.objects.create(page=draft, order=1, heading="DRAFTWORD heading", body="DRAFTWORD body")
    # A published page edited after it was submitted: the edit is not what was signed.
    Section.objects.filter(page=published_page).update(body="Crizotinib blocks ALK and ROS1. LATEEDIT")
    # A published page edited and waiting for review again.
    explainer = Article.objects.create(title="Living with ROS1", slug="living-with-ros1", summary="For families.")
    Section.objects.create(page=explainer, order=1, heading="Daily life", body="Most people keep working.")
    publish(explainer, editor, reviewer)
    Section.objects.filter(page=explainer).update(body="Most people keep working. DRAFTWORD")
    workflow.submit(explainer, editor, summary="DRAFTWORD summary of a change")
    # A scheduled approval, not live yet.
    scheduled = workflow.submit(published_page, editor, summary="LATEEDIT scheduled")
    workflow.approve(scheduled, other_reviewer, go_live_at=timezone.now() + datetime.timedelta(days=2))
    # A withdrawn page.
    withdrawn = Article.objects.create(title="Withdrawn explainer", slug="withdrawn", summary="Withdrawn summary")
    Section.objects.create(page=withdrawn, order=1, heading="Old", body="Withdrawn text about liver checks.")
    publish(withdrawn, editor, reviewer)
    workflow.withdraw(withdrawn, reviewer, "Out of date.")

    surfaces = public_surfaces(client, "reviewer") | public_surfaces(client, "reviewer2")
    for url, html in surfaces.items():
        assert "DRAFTWORD" not in html, url
        assert "LATEEDIT" not in html, url
        assert "/learn/withdrawn/" not in html, url
        assert "Withdrawn text" not in html, url
    assert "Crizotinib blocks <strong>ALK</strong> and ROS1." in surfaces["/drugs/crizotinib/"]
    for word in ("DRAFTWORD", "LATEEDIT", "Withdrawn"):
        assert "No pages found" in text_of(client.get("/search/", {"q": word})), word
    assert client.get("/drugs/alectinib/").status_code == 404
    assert client.get("/learn/withdrawn/").status_code == 410


# Invariant: editor text is inert everywhere ----------------------------------------------

PAYLOAD = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
# For fields of at most 40 characters.
SHORT_PAYLOAD = '"><img src=x onerror=alert(1)>'
MARKDOWN_PAYLOAD = (
    PAYLOAD + ' [click](javascript:alert(1)) <a href="javascript:alert(2)">y</a> ![i](x" onerror="alert(3))'
)


class LiveMarkup(HTMLParser):
    """Collects markup that would run: event handlers, script links, foreign images, scripts calling alert."""

    def __init__(self):
        super().__init__()
        self.found, self.in_script = [], False

    def handle_starttag(self, tag, attrs):
        self.in_script = tag == "script"
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
        self.in_script = False

    def handle_data(self, data):
        if self.in_script and "alert(" in data:
            self.found.append(("script", data[:80]))


def live_markup(html):
    parser = LiveMarkup()
    parser.feed(html)
    return parser.found


@pytest.fixture
def hostile_content(no_findings, crizotinib, editor, reviewer):
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
        control_drug=crizotinib,
        control_arm=PAYLOAD,
        line_of_therapy=PAYLOAD,
        pivotal=True,
    )
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
        workflow.approve(workflow.submit(page, editor, summary=PAYLOAD), reviewer, comment=PAYLOAD)
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


# Cost of the public pages with the demo content ---------------------------------------


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    return Publication.objects.all()


def test_public_pages_of_the_demo_cost_a_handful_of_queries(client, demo, django_assert_max_num_queries):
    urls = ["/", "/drugs/", "/compare/", "/learn/", "/sitemap.xml", "/search/?q=crizotinib", "/contact/"]
    urls += [publication.get_absolute_url() for publication in demo]
    urls += [profile.get_absolute_url() for profile in ReviewerProfile.objects.all()]
    assert len(urls) >= 10
    for url in urls:
        client.get(url)  # the site settings are cached after the first page
        with django_assert_max_num_queries(3):
            assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    "url",
    [
        "/admin/reviews/signoff/?reviewer_name=%00",
        "/admin/monographs/source/?publisher=%00",
        "/admin/reviews/auditentry/?action=%00",
        "/admin/monographs/page/?kind=%00",
        "/admin/autocomplete/?app_label=monographs&model_name=drugpage&field_name=drug&term=%00",
    ],
)
def test_nul_byte_in_an_admin_query_is_a_bad_request(client, admin_user, url):
    client.force_login(admin_user)
    client.raise_request_exception = False
    response = client.get(url)
    assert response.status_code == 400
    assert b"NUL character is not allowed" in response.content
