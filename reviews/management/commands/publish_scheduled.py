from django.core.management.base import BaseCommand

from reviews import workflow


class Command(BaseCommand):
    help = "Publish approved pages whose scheduled go-live time has come. Meant for cron, e.g. every 5 minutes."

    def handle(self, *args, **options):
        published = workflow.publish_scheduled()
        for publication in published:
            self.stdout.write(f"Published {publication.title} ({publication.get_absolute_url()})")
        self.stdout.write(f"{len(published)} scheduled page(s) published.")
