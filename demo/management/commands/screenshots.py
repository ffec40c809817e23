"""README's screenshots, taken again from the demo content: the drug page and the review screen.

    python manage.py screenshots                  # into docs/screenshots/
    python manage.py screenshots --output DIR

Needs the demo content (`make demo`) and Debian's chromium. To show the review screen, an
edit of the crizotinib page is submitted for review inside a transaction that is rolled
back afterwards: the database is left as it was.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from demo.browser import ServedSite, chromium
from monographs.models import DrugPage
from reviews import workflow
from reviews.models import Publication

DRUG_PAGE = "/drugs/crizotinib/"
VIEWPORT = {"width": 1280, "height": 900}


class Command(BaseCommand):
    help = "Takes README's screenshots (drug page, review screen) from the demo content."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "docs" / "screenshots"))

    def handle(self, *args, **options):
        output = Path(options["output"])
        output.mkdir(parents=True, exist_ok=True)
        sites = self._serve()
        with chromium() as browser:
            for name, (site, path) in sites.items():
                context = site.open_in(browser.new_context(viewport=VIEWPORT, device_scale_factor=1))
                tab = context.new_page()
                tab.goto(site.url(path))
                tab.wait_for_load_state("load")
                target = output / f"{name}.png"
                tab.screenshot(path=str(target))
                context.close()
                if site.unknown:
                    raise CommandError(f"{path} asked for addresses that were not served: {site.unknown}")
                self.stdout.write(f"{target}")

    def _serve(self):
        """The pages as the site serves them, fetched before the browser starts (it runs an event loop)."""
        page = DrugPage.objects.filter(slug="crizotinib").first()
        if page is None or not Publication.objects.filter(page=page).exists():
            raise CommandError("No published crizotinib page: load the demo content first (make demo).")
        reader = Client()
        sites = {"drug-page": (ServedSite(reader, [DRUG_PAGE]), DRUG_PAGE)}
        # The reviewer is signed in by the command, which has the database anyway: no second factor.
        with transaction.atomic(), override_settings(STAFF_2FA_REQUIRED=False):
            editor, reviewer = _demo_user(workflow.EDITORS), _demo_user(workflow.REVIEWERS)
            page.summary = page.summary.replace("non-small cell lung cancer", "non-small cell lung cancer (NSCLC)", 1)
            page.save()
            submission = workflow.submit(page, editor, summary="Give the cancer's abbreviation")
            staff = Client()
            staff.force_login(reviewer)
            review = reverse("admin:reviews_submission_review", args=[submission.pk])
            preview = reverse("admin:reviews_submission_preview", args=[submission.pk])
            sites["review-screen"] = (ServedSite(staff, [review, preview]), review)
            transaction.set_rollback(True)
        return sites


def _demo_user(group):
    user = get_user_model().objects.filter(groups__name=group, is_active=True).order_by("pk").first()
    if user is None:
        raise CommandError(f"No user in the group {group!r}: load the demo content first (make demo).")
    return user
