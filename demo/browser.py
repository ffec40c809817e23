"""Debian's chromium reading pages that Django's test client served: for the accessibility
and print tests, and for README's screenshots (`manage.py screenshots`).

pytest-django's live_server cannot show the demo that `published_demo` loads: on
PostgreSQL the server's thread has a connection of its own, which does not see that
fixture's uncommitted transaction; and a test asking for live_server is made
transactional, so the database is flushed after it, taking the editorial groups that a
migration created away from the tests that follow. So the pages are fetched first, with
Django's test client in this thread, and Chromium gets them, with their headers (the
Content-Security-Policy among them), through Playwright's routing of requests to
http://testserver/; static files come from the static file finders, as runserver serves
them. Nothing is fetched from anywhere else.
"""

import shutil
from contextlib import contextmanager
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from playwright.sync_api import sync_playwright

ORIGIN = "http://testserver"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class ServedSite:
    """The responses of `paths` (with their query strings), as the test client gave them."""

    def __init__(self, client, paths, extra_files=None):
        self.responses = {path: client.get(path) for path in paths}
        self.extra_files = dict(extra_files or {})  # path on the site -> file on disk
        self.unknown = []  # requests for anything else: a page fetched nothing it should

    def url(self, path):
        return f"{ORIGIN}{path}"

    def open_in(self, context):
        context.route(f"{ORIGIN}/**", self._fulfil)
        return context

    def _fulfil(self, route):
        address = urlsplit(route.request.url)
        path = address.path + (f"?{address.query}" if address.query else "")
        if path in self.responses:
            response = self.responses[path]
            route.fulfill(status=response.status_code, headers=dict(response.headers), body=response.content)
            return
        if address.path in self.extra_files:
            route.fulfill(path=self.extra_files[address.path])
            return
        if address.path.startswith(settings.STATIC_URL):
            found = finders.find(address.path.removeprefix(settings.STATIC_URL))
            if found:
                route.fulfill(path=found)
                return
        self.unknown.append(path)
        route.fulfill(status=404, body="")


@contextmanager
def chromium():
    """Started after the database work: Playwright runs an event loop in this thread,
    where Django would refuse database calls."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def watch_csp(page, violations):
    """Collects the Content-Security-Policy violations Chromium reports on the console."""
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text}") if "Content Security Policy" in message.text else None
        ),
    )
    return page
