from django.core.management.base import BaseCommand, CommandError

from monographs.models import Page
from reviews.checks import ERROR, load_catalogue, run_checks


class Command(BaseCommand):
    help = (
        "Run the content checks on pages' working copies (all pages if no slug is given). "
        "Exits with status 1 when any error is found, for CI and cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", metavar="slug", help="Page addresses, e.g. crizotinib")

    def handle(self, *args, slugs, **options):
        pages = Page.objects.order_by("slug")
        if slugs:
            pages = pages.filter(slug__in=slugs)
            unknown = sorted(set(slugs) - set(pages.values_list("slug", flat=True)))
            if unknown:
                raise CommandError(f"No page with the address: {', '.join(unknown)}.", returncode=2)
        catalogue = load_catalogue()
        errors = warnings = 0
        for page in pages:
            findings = run_checks(page, catalogue)
            page_errors = sum(f.severity == ERROR for f in findings)
            errors += page_errors
            warnings += len(findings) - page_errors
            self.stdout.write(f"{page.slug}: {page_errors} error(s), {len(findings) - page_errors} warning(s)")
            for finding in findings:
                self.stdout.write(f"  {finding.severity.upper()} [{finding.code}] {finding.location}")
                self.stdout.write(f"    {finding.message}")
                if finding.text:
                    self.stdout.write(f"    “{finding.text}”")
        self.stdout.write(f"{errors} error(s), {warnings} warning(s).")
        if errors:
            raise CommandError(f"The content checks found {errors} error(s).", returncode=1)
