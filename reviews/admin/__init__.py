"""The review admin, by job: the page forms with their submit button (pages), the review
queue and screen (queue), the permanent records (records) and the review steps of each
kind of page (workflows)."""

from django.contrib import admin

from . import assignment, pages, queue, records, workflows  # noqa: F401  (registers the admins)

# The index gains links to the review queue and the due dashboard.
admin.site.index_template = "admin/reviews/index.html"
