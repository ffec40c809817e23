"""Rebuild the search index from the publications: after a restore, a bulk write, or an upgrade."""

import time

from django.core.management.base import BaseCommand

from public.models import SearchName, index_publications
from public.signals import BATCH
from reviews.models import Publication


class Command(BaseCommand):
    help = "Rebuild the search index (documents and names) from the live publications."

    def handle(self, *args, **options):
        started = time.monotonic()
        SearchName.objects.filter(documents=None).delete()
        ids = list(Publication.objects.order_by("pk").values_list("pk", flat=True))
        live = 0
        for start in range(0, len(ids), BATCH):
            live += index_publications(Publication.objects.filter(pk__in=ids[start : start + BATCH]))
        self.stdout.write(
            f"Indexed {live} live publication(s) of {len(ids)}, "
            f"{SearchName.objects.count()} name(s), in {time.monotonic() - started:.1f} s."
        )
