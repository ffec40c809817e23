"""Load the demo site: checked facts, four published pages, and demo accounts."""

from django.core.management.base import BaseCommand

from demo.loader import load_demo
from monographs.models import Drug, Indication, Outcome, Source, Trial

SITE = "http://127.0.0.1:8000"


class Command(BaseCommand):
    help = (
        "Load the demo content (drugs, trials, pages) and publish it through review. "
        "Safe to run again: nothing is created twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-passwords", action="store_true", help="Give the demo accounts new passwords and print them."
        )
        parser.add_argument(
            "--enrol-2fa",
            action="store_true",
            help="Set up two-factor sign-in for the demo accounts and print their authenticator keys "
            "and recovery codes.",
        )

    def handle(self, *args, reset_passwords=False, enrol_2fa=False, **options):
        result = load_demo(reset_passwords=reset_passwords, enrol_2fa=enrol_2fa)
        out = self.stdout
        out.write(
            f"Facts: {Drug.objects.count()} drugs, {Indication.objects.count()} indications, "
            f"{Trial.objects.count()} trials, {Outcome.objects.count()} outcomes, {Source.objects.count()} sources "
            f"({result.facts['created']} rows created, {result.facts['updated']} updated)."
        )
        if result.settings_created:
            out.write("Site settings: created.")
        out.write("Pages:")
        for page, outcome in result.pages:
            out.write(f"  {outcome:<10} {SITE}{page.get_absolute_url()}  {page.title}")
        out.write("Accounts (log in at " + SITE + "/admin/):")
        for account in result.accounts.values():
            password = account.password or "(unchanged; use --reset-passwords for a new one)"
            out.write(f"  {account.username:<9} {password}")
            if account.totp_secret:
                out.write(f"            authenticator key: {account.totp_secret}")
                out.write(f"            {account.otpauth_url}")
                out.write(f"            recovery codes: {' '.join(account.recovery_codes)}")
        out.write(self.style.SUCCESS("Demo content loaded."))
