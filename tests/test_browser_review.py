"""End to end in a real browser (Debian's chromium): edit, submit, review the diff, comment on a section
and send back, answer and resolve, submit again, sign off with the password, read."""

import pytest
from playwright.sync_api import sync_playwright

from demo.browser import CHROMIUM, CHROMIUM_ARGS

NEW_SUMMARY = "A targeted medicine for ALK-positive or ROS1-positive metastatic lung cancer, taken by mouth."

pytestmark = pytest.mark.browser


@pytest.fixture
def browser():
    """Requested after the data fixtures: Playwright runs an event loop in this thread,
    where Django would refuse (or open a second connection for) database calls."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def watched_tab(browser, violations):
    """A new tab whose Content-Security-Policy violations (Chromium reports each on the console) are collected."""
    tab = browser.new_context().new_page()
    tab.on(
        "console",
        lambda message: (
            violations.append(f"{tab.url}: {message.text}") if "Content Security Policy" in message.text else None
        ),
    )
    return tab


def log_in(browser, live_server, username, violations):
    tab = watched_tab(browser, violations)
    tab.set_default_timeout(15_000)
    tab.goto(f"{live_server.url}/admin/login/")
    tab.fill("#id_username", username)
    tab.fill("#id_password", "a-long-test-password")
    tab.click("input[type=submit]")
    tab.wait_for_selector("#user-tools")
    return tab


# live_server empties the database afterwards; serialized_rollback brings back what the
# migrations made (the editorial roles) for the tests that run after this one.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_editor_submits_reviewer_approves_public_page_changes(live_server, published_page, editor, reviewer, browser):
    public_url = f"{live_server.url}/drugs/crizotinib/"
    csp_violations = []

    editor_tab = log_in(browser, live_server, "editor", csp_violations)
    editor_tab.goto(f"{live_server.url}/admin/monographs/drugpage/{published_page.pk}/change/")
    editor_tab.fill("#id_summary", NEW_SUMMARY)
    editor_tab.click("input[name=_continue]")
    editor_tab.wait_for_selector(".messagelist .success")
    editor_tab.click("text=Submit for review")
    editor_tab.fill("#id_summary", "Say that it is taken by mouth")
    editor_tab.click("input[type=submit][value='Submit for review']")
    editor_tab.wait_for_selector(".messagelist .success")

    reader_tab = watched_tab(browser, csp_violations)
    reader_tab.goto(public_url)
    assert NEW_SUMMARY not in reader_tab.content(), "a save or a submission must not change the public page"

    reviewer_tab = log_in(browser, live_server, "reviewer", csp_violations)
    reviewer_tab.goto(f"{live_server.url}/admin/reviews/submission/")
    reviewer_tab.click("a[href$='/review/']")
    diff = reviewer_tab.inner_text("#diff")
    assert "taken by mouth" in diff
    assert "Say that it is taken by mouth" in reviewer_tab.inner_text("#content-main")

    # A comment on one section, and the page goes back to the editor.
    reviewer_tab.select_option("#comment-form select[name=target]", "section:How it works")
    reviewer_tab.fill("#comment-form textarea[name=body]", "Name the test that finds ALK.")
    reviewer_tab.click("#comment-form input[type=submit]")
    reviewer_tab.wait_for_selector(".messagelist .success")
    assert "Name the test that finds ALK." in reviewer_tab.inner_text("#submission-comments")
    reviewer_tab.fill("#request-changes-form textarea[name=comment]", "See my comment on How it works.")
    reviewer_tab.click("#request-changes-form input[type=submit]")
    reviewer_tab.wait_for_selector(".messagelist .success")

    # The editor sees it on the page's form, changes the section, answers, resolves it and submits again.
    editor_tab.goto(f"{live_server.url}/admin/monographs/drugpage/{published_page.pk}/change/")
    comments = editor_tab.locator("#review-comments")
    assert "Name the test that finds ALK." in comments.inner_text()
    body = editor_tab.locator("textarea[name='sections-0-body']")
    body.fill(body.input_value() + " A lab test of the tumour finds ALK.")
    editor_tab.click("input[name=_continue]")
    editor_tab.wait_for_selector(".messagelist .success")
    comments.locator("textarea[name=answer]").fill("The label names the FDA-approved test.")
    comments.locator("input[name=resolved]").check()
    comments.locator("input[type=submit]").click()
    editor_tab.wait_for_selector(".messagelist .success")
    editor_tab.click("text=Submit for review")
    editor_tab.fill("#id_summary", "Say that it is taken by mouth; answered the comment")
    editor_tab.click("input[type=submit][value='Submit for review']")
    editor_tab.wait_for_selector(".messagelist .success")

    # The new submission shows the comment as resolved, with the answer.
    reviewer_tab.goto(f"{live_server.url}/admin/reviews/submission/")
    reviewer_tab.click("a[href$='/review/']")
    earlier = reviewer_tab.inner_text("#comments")
    assert "1 resolved, 0 open" in earlier
    assert "Name the test that finds ALK." in earlier and "The label names the FDA-approved test." in earlier
    sources = reviewer_tab.locator("#approve-form input[name=sources]")
    assert sources.count() > 0
    assert not any(sources.nth(i).is_checked() for i in range(sources.count())), "no source is ticked in advance"
    reviewer_tab.fill("#approve-form textarea[name=comment]", "Checked against the label.")
    reviewer_tab.click("#approve-form input[type=submit]")
    assert "Tick the sources you checked" in reviewer_tab.inner_text("#approve-form")
    for i in range(sources.count()):
        sources.nth(i).check()
    reviewer_tab.click("#approve-form input[type=submit]")
    # The confirmation: what will be published and what the signature means, then the password.
    signature = reviewer_tab.inner_text("#signature")
    assert "Approved for publication as medically accurate" in signature
    assert "Crizotinib" in signature
    reviewer_tab.fill("#sign-form input[name=password]", "not my password")
    reviewer_tab.click("#sign-form input[name=sign]")
    assert "That password is wrong. Nothing was signed." in reviewer_tab.inner_text("#sign-form")
    reviewer_tab.fill("#sign-form input[name=password]", "a-long-test-password")
    reviewer_tab.click("#sign-form input[name=sign]")
    reviewer_tab.wait_for_selector(".messagelist .success")

    # A reader who comes after the sign-off (the first one's browser may keep its copy for
    # the page's short max-age, as a CDN would).
    reader_tab = watched_tab(browser, csp_violations)
    reader_tab.goto(public_url)
    assert NEW_SUMMARY in reader_tab.content()
    assert "Dr Test Reviewer" in reader_tab.inner_text("body")
    for path in ("/", "/search/?q=crizotinib", "/reviewers/"):
        reader_tab.goto(f"{live_server.url}{path}")
    editor_tab.goto(f"{live_server.url}/admin/monographs/drugpage/{published_page.pk}/history/")
    assert csp_violations == [], "the admin flow and the public pages must work under the Content-Security-Policy"
