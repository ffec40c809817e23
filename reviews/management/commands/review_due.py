from django.core.management.base import BaseCommand, CommandError

from reviews.status import due_publications


class Command(BaseCommand):
    help = "List published pages whose medical review is overdue or due soon. Meant for cron."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30, help="How far ahead counts as due soon (default 30)")
        parser.add_argument(
            "--fail-if-overdue", action="store_true", help="Exit with status 1 when any page is overdue"
        )

    def handle(self, *args, days, fail_if_overdue, **options):
        if not 0 <= days <= 366:
            raise CommandError("--days must be between 0 and 366.")
        overdue, soon = due_publications(within_days=days)
        for heading, publications in (("Overdue", overdue), (f"Due within {days} days", soon)):
            self.stdout.write(f"{heading}: {len(publications)}")
            for publication in publications:
                self.stdout.write(
                    f"  {publication.review_due:%Y-%m-%d}  {publication.title}  {publication.get_absolute_url()}"
                    f"  (last reviewed by {publication.signoff.reviewer_name})"
                )
        if overdue and fail_if_overdue:
            raise CommandError(f"{len(overdue)} page(s) overdue for review.", returncode=1)
