"""Report a problem: readers tell editors what is wrong with a published page.

A report names the page and the signed-off version the reader saw; it is rate-limited,
guarded by CSRF and a honeypot, listed for editors and reviewers in the admin, resolved
there with a note, and never shown on a public page.
"""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from feedback import throttle
from feedback.models import ProblemReport
from reviews import workflow
from reviews.models import Publication, SignOff

from .conftest import logged_in, make_user, messages_of, publish, text_of

pytestmark = pytest.mark.django_db

REPORT_URL = "/report/drug/crizotinib/"
LIST_URL = "/admin/feedback/problemreport/"


def report(client, message="The dose in the second section looks wrong.", address="127.0.0.1", **fields):
    return client.post(REPORT_URL, {"message": message, **fields}, REMOTE_ADDR=address)


def resolve_url(report):
    return reverse("admin:feedback_problemreport_resolve", args=[report.pk])


@pytest.fixture
def filed(published_page):
    """One open report on the published crizotinib page."""
    return ProblemReport.file(Publication.objects.get(), message="The liver question is unclear.")


# Reporting ---------------------------------------------------------------------------------


def test_every_published_page_links_to_the_form_with_its_version(client, published_page):
    publication = Publication.objects.get()
    page = text_of(client.get("/drugs/crizotinib/"))
    assert f'href="{REPORT_URL}?version={publication.content_hash}"' in page
    form = text_of(client.get(f"{REPORT_URL}?version={publication.content_hash}"))
    assert "Crizotinib (Xalkori)" in form
    assert f'value="{publication.content_hash}"' in form


def test_a_report_is_stored_with_its_page_and_version_and_the_reader_is_thanked(client, published_page):
    publication = Publication.objects.get()
    response = report(client, email="reader@example.org", version=publication.content_hash)
    assert response.status_code == 302
    assert response["Location"] == "/report/drug/crizotinib/thanks/"
    assert "Thank you" in text_of(client.get(response["Location"]))
    stored = ProblemReport.objects.get()
    assert stored.publication == publication
    assert (stored.kind, stored.slug, stored.title) == ("drug", "crizotinib", "Crizotinib (Xalkori)")
    assert stored.content_hash == publication.content_hash
    assert stored.message == "The dose in the second section looks wrong."
    assert stored.email == "reader@example.org"
    assert stored.resolved_at is None


def test_a_report_keeps_the_earlier_version_the_reader_saw(client, published_page, editor, reviewer):
    first = Publication.objects.get().content_hash
    published_page.summary = "A targeted medicine for ALK-positive or ROS1-positive lung cancer, updated."
    published_page.save()
    publish(published_page, editor, reviewer, summary="Summary updated")
    current = Publication.objects.get().content_hash
    assert current != first and SignOff.objects.filter(content_hash=first).exists()

    report(client, version=first)
    assert ProblemReport.objects.get().content_hash == first


@pytest.mark.parametrize("claimed", ["", "f" * 64, "not a hash", "x" * 5000])
def test_a_version_that_was_never_signed_off_records_the_current_one(client, published_page, claimed):
    assert report(client, version=claimed).status_code == 302
    assert ProblemReport.objects.get().content_hash == Publication.objects.get().content_hash


@pytest.mark.parametrize(
    "data, error",
    [
        ({"message": ""}, "Tell us what is wrong before sending."),
        ({"message": "   \n  "}, "Tell us what is wrong before sending."),
        ({"message": "x" * 2001}, "Keep it to 2,000 characters or fewer (you wrote 2001)."),
        ({"message": "Wrong dose.", "email": "not-an-email"}, "Enter an email address such as name@example.org"),
        (
            {"message": "Wrong dose.", "email": "a" * 60 + "@" + "b" * 60 + ".c" * 100 + ".org"},
            "at most 254 characters",
        ),
        ({"message": "Wrong\x00dose."}, "Null characters are not allowed."),
    ],
    ids=["empty", "blank", "too-long", "bad-email", "long-email", "nul-byte"],
)
def test_bad_input_gets_the_form_back_with_its_error_and_stores_nothing(client, published_page, data, error):
    response = client.post(REPORT_URL, data)
    assert response.status_code == 200
    page = text_of(response)
    assert error in page
    assert "Your report was not sent." in page
    assert ProblemReport.objects.count() == 0


def test_the_longest_message_allowed_is_stored_with_its_line_breaks(client, published_page):
    # 2,000 characters as the browser counts them: each line break sent as two.
    message = ("x" * 99 + "\r\n") * 20
    assert report(client, message=message).status_code == 302
    stored = ProblemReport.objects.get().message
    assert len(stored) == 1999  # the last line break is trimmed
    assert stored.count("\n") == 19 and "\r" not in stored


def test_the_honeypot_is_hidden_by_a_class_and_filling_it_stores_nothing_but_thanks(client, published_page):
    form = text_of(client.get(REPORT_URL))
    assert re.search(r'<div class="report-form__trap">\s*<label for="id_website">', form)
    assert "style=" not in form
    stylesheet = Path(__file__).resolve().parent.parent / "feedback/static/feedback/report.css"
    assert ".report-form__trap { display: none; }" in stylesheet.read_text()

    response = report(client, website="http://spam.example")
    assert response.status_code == 302
    assert response["Location"] == "/report/drug/crizotinib/thanks/"
    assert ProblemReport.objects.count() == 0


def test_the_sixth_report_from_one_address_within_the_hour_is_refused(client, published_page):
    for _ in range(throttle.PER_ADDRESS):
        assert report(client).status_code == 302
    response = report(client, message="One more.")
    assert response.status_code == 429
    assert "You have sent 5 reports in the last hour" in text_of(response)
    assert ProblemReport.objects.count() == throttle.PER_ADDRESS
    # Another reader is not held back by the first.
    assert report(client, address="192.0.2.7").status_code == 302


def test_a_page_takes_a_limited_number_of_reports_an_hour_from_everyone(client, published_page, monkeypatch):
    monkeypatch.setattr(throttle, "PER_PAGE", 3)
    for n in range(3):
        assert report(client, address=f"192.0.2.{n}").status_code == 302
    response = report(client, address="192.0.2.99")
    assert response.status_code == 429
    assert "many reports about this page" in text_of(response)
    assert ProblemReport.objects.count() == 3


def test_with_the_cache_unreachable_reports_are_still_accepted(client, published_page, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "drugsite.cache.TolerantRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
    for _ in range(throttle.PER_ADDRESS + 1):
        assert report(client).status_code == 302
    assert ProblemReport.objects.count() == throttle.PER_ADDRESS + 1


def test_an_unknown_or_withdrawn_page_takes_no_reports(client, published_page, reviewer):
    assert client.get("/report/drug/no-such-drug/").status_code == 404
    assert client.post("/report/drug/no-such-drug/", {"message": "Wrong."}).status_code == 404
    assert client.get("/report/article/crizotinib/").status_code == 404
    workflow.withdraw(published_page, reviewer, "Superseded by new label information.")
    assert client.get(REPORT_URL).status_code == 404
    assert report(client).status_code == 404
    assert client.get("/report/drug/crizotinib/thanks/").status_code == 404
    assert ProblemReport.objects.count() == 0


def test_a_post_without_the_csrf_token_is_refused(published_page):
    browser = Client(enforce_csrf_checks=True)
    assert report(browser).status_code == 403
    assert ProblemReport.objects.count() == 0

    form = browser.get(REPORT_URL)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text_of(form)).group(1)
    assert report(browser, csrfmiddlewaretoken=token).status_code == 302
    assert ProblemReport.objects.count() == 1


def test_the_form_answers_only_get_and_post(client, published_page):
    assert client.put(REPORT_URL).status_code == 405
    assert client.post("/report/drug/crizotinib/thanks/").status_code == 405


# The admin ---------------------------------------------------------------------------------


def test_editors_see_reports_with_page_version_message_and_date(filed, editor):
    page = text_of(logged_in(editor).get(LIST_URL))
    assert "Crizotinib (Xalkori)" in page
    assert f"{filed.content_hash[:12]} (current)" in page
    assert "The liver question is unclear." in page
    assert "Mark resolved" in page


@pytest.mark.parametrize("who", ["editor", "reviewer", "admin_user"])
def test_editors_reviewers_and_administrators_resolve_a_report_with_a_note(filed, who, request):
    user = request.getfixturevalue(who)
    client = logged_in(user)
    change = text_of(client.get(reverse("admin:feedback_problemreport_change", args=[filed.pk])))
    assert resolve_url(filed) in change

    response = client.post(resolve_url(filed), {"note": "Clarified in the next revision."})
    assert response.status_code == 302
    filed.refresh_from_db()
    assert filed.resolved_at is not None
    assert filed.resolved_by == user
    assert filed.resolution_note == "Clarified in the next revision."
    assert "Resolved: the report on Crizotinib (Xalkori)." in messages_of(client.get(response["Location"]))
    assert filed.pk not in [r.pk for r in ProblemReport.objects.open()]
    assert "The liver question is unclear." not in text_of(client.get(f"{LIST_URL}?resolved=no"))
    assert "The liver question is unclear." in text_of(client.get(f"{LIST_URL}?resolved=yes"))


def test_resolving_needs_a_note_and_happens_once(filed, editor, reviewer):
    client = logged_in(editor)
    response = client.post(resolve_url(filed), {"note": "  "})
    assert response.status_code == 200
    assert "Say what was done about the report." in text_of(response)
    filed.refresh_from_db()
    assert filed.resolved_at is None

    client.post(resolve_url(filed), {"note": "No error: the page is right."})
    response = logged_in(reviewer).post(resolve_url(filed), {"note": "Fixed."})
    filed.refresh_from_db()
    assert filed.resolved_by == editor
    assert filed.resolution_note == "No error: the page is right."
    assert "This report is already resolved." in messages_of(response)


def test_anonymous_and_non_staff_users_cannot_reach_the_reports(filed):
    for client in (Client(), logged_in(make_user("reader"))):
        for url in (LIST_URL, resolve_url(filed)):
            response = client.get(url)
            assert response.status_code == 302
            assert response["Location"].startswith("/admin/login/")
        client.post(resolve_url(filed), {"note": "Done."})
    staff_without_role = logged_in(make_user("intern", is_staff=True))
    assert staff_without_role.get(LIST_URL).status_code == 403
    assert staff_without_role.post(resolve_url(filed), {"note": "Done."}).status_code == 403
    filed.refresh_from_db()
    assert filed.resolved_at is None


def test_nobody_adds_edits_or_deletes_reports_in_the_admin(filed, admin_user):
    client = logged_in(admin_user)
    assert client.get(f"{LIST_URL}add/").status_code == 403
    assert client.get(f"{LIST_URL}{filed.pk}/delete/").status_code == 403
    client.post(f"{LIST_URL}{filed.pk}/change/", {"message": "Rewritten."})
    filed.refresh_from_db()
    assert filed.message == "The liver question is unclear."


@pytest.mark.parametrize(
    "url",
    [
        f"{LIST_URL}{{}}/change/",
        f"{LIST_URL}{{}}/resolve/",
        f"{LIST_URL}?created_at__year={{}}",
        f"{LIST_URL}?resolved={{}}",
    ],
)
def test_ids_that_fit_no_report_are_refused_plainly(filed, admin_user, url):
    client = logged_in(admin_user)
    for bad in ["999999", "abc", "-1", "99999999999999999999999", "x" * 300]:
        for method in (client.get, client.post):
            assert method(url.format(bad), {"note": "Done."}).status_code in (200, 302, 400, 404), (url, bad)
    filed.refresh_from_db()
    assert filed.resolved_at is None


def test_a_script_in_a_report_is_stored_as_text_and_shown_escaped(client, published_page, editor):
    message = '<script>alert("x")</script> the dose is wrong'
    report(client, message=message)
    stored = ProblemReport.objects.get()
    assert stored.message == message
    editor_client = logged_in(editor)
    for url in (LIST_URL, reverse("admin:feedback_problemreport_change", args=[stored.pk]), resolve_url(stored)):
        page = text_of(editor_client.get(url))
        assert "&lt;script&gt;alert(" in page, url
        assert '<script>alert("x")' not in page, url


def test_reports_never_appear_on_public_pages(client, published_page):
    report(client, message="Zyxwvut: crizotinib dose is wrong", email="zyxwvut@example.org")
    assert ProblemReport.objects.count() == 1
    for url in (
        "/",
        "/drugs/",
        "/drugs/crizotinib/",
        "/search/?q=crizotinib",
        "/sitemap.xml",
        REPORT_URL,
        "/report/drug/crizotinib/thanks/",
    ):
        assert "zyxwvut" not in text_of(client.get(url)).lower(), url


def test_the_editorial_roles_hold_the_report_permissions():
    for n, group in enumerate((workflow.EDITORS, workflow.REVIEWERS)):
        user = make_user(f"member{n}", group, is_staff=True)
        user = User.objects.get(pk=user.pk)
        assert user.has_perm("feedback.view_problemreport")
        assert user.has_perm("feedback.change_problemreport")
        assert not user.has_perm("feedback.delete_problemreport")
