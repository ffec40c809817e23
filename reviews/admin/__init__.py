"""The review admin, by job: the page forms with their submit button (pages), the review
queue and screen (queue), and the permanent records (records)."""

from django.contrib import admin

from . import pages, queue, records  # noqa: F401  (registers the admins)

# The index gains links to the review queue and the due dashboard.
admin.site.index_template = "admin/reviews/index.html"
