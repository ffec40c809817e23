"""The browser tests' way of showing pages to Chromium: see demo/browser.py."""

from demo.browser import ServedSite, chromium, watch_csp

__all__ = ["ServedSite", "chromium", "watch_csp"]
