"""Fill the database with fictional published pages, to measure the site at scale."""

import time

from django.core.management.base import BaseCommand, CommandError

from demo.catalogue import CatalogueRefused, generate

MAX_PAGES = 100_000


class Command(BaseCommand):
    help = (
        "Add N fictional drug pages, comparisons and explainers (Fictinib-00001, trial FICTION-00001), "
        "each signed off and published as the review workflow would. Refuses a database holding "
        "pages that are not fictional test content unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, required=True, help=f"How many pages to add (1 to {MAX_PAGES:,})")
        parser.add_argument(
            "--force", action="store_true", help="Add the pages even though the database holds real content"
        )

    def handle(self, *args, pages, force, **options):
        if not 1 <= pages <= MAX_PAGES:
            raise CommandError(f"--pages must be between 1 and {MAX_PAGES:,}; got {pages}.")
        started = time.monotonic()
        try:
            made = generate(pages, force=force, progress=lambda done: self.stdout.write(f"  {done} pages…"))
        except CatalogueRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        self.stdout.write(f"Published {made} fictional test pages in {time.monotonic() - started:.1f} s.")
