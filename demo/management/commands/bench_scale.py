"""Measure the site at N pages (issue 11, point 3): each figure with its target, medians of several runs."""

import os
import statistics
import time
from contextlib import contextmanager

import reversion
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from demo.catalogue import CatalogueRefused, generate, is_fictional
from monographs.models import Drug, Page, Source
from reviews.models import Publication
from reviews.status import changed_since_signoff

# (name, address, target in ms, most queries allowed or None): what point 3 of issue 11 asks.
PUBLIC = [
    ("home", "/", 300, 3),
    ("drug index, page 2", "/drugs/?page=2", 300, 3),
    ("comparison index", "/compare/", 300, 3),
    ("sitemap index", "/sitemap.xml", 300, 3),
    ("sitemap of pages (every page's address)", "/sitemap-pages.xml", 1000, 3),
]
ADMIN = [
    ("admin page list with status", "/admin/monographs/page/", 300, None),
    ("admin status filter: published", "/admin/monographs/page/?status=published", 300, None),
    (
        "admin status filter: changes awaiting review",
        "/admin/monographs/page/?status=changes_awaiting_review",
        300,
        None,
    ),
    ("review queue", "/admin/reviews/submission/", 300, None),
    ("due-review dashboard", "/admin/reviews/publication/due/", 300, None),
]
STALE_TARGET_MS = 1000
GENERATION_TARGET_S = 300  # for 10,000 pages
SAMPLE_PAGES = 500  # generated and rolled back to time generation when the catalogue is reused


class Command(BaseCommand):
    help = (
        "Build (or reuse) a catalogue of N fictional pages and print what the public pages, the admin lists, "
        "the sitemap, stale detection and generation cost at that size, each with its target."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=10_000, help="Catalogue size (default 10,000)")
        parser.add_argument("--runs", type=int, default=7, help="Runs of each measurement; the median is shown")
        parser.add_argument(
            "--temporary",
            action="store_true",
            help="Measure in a new database made for the run and dropped after it, not the configured one",
        )

    def handle(self, *args, pages, runs, temporary, **options):
        if not 1 <= pages <= 100_000 or not 1 <= runs <= 100:
            raise CommandError("--pages must be between 1 and 100,000 and --runs between 1 and 100.")
        if temporary:
            name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
            self.stdout.write(f"Temporary database: {name}")
            try:
                self.bench(pages, runs)
            finally:
                connection.creation.destroy_test_db(name, verbosity=0)
        else:
            self.bench(pages, runs)

    def bench(self, pages, runs):
        self.failed = []
        generated = self.catalogue(pages)
        with (
            override_settings(STAFF_2FA_REQUIRED=False, SECURE_SSL_REDIRECT=False, PUBLIC_PAGE_CACHE=False),
            rolled_back(),
        ):
            admin = User.objects.create_superuser("bench-scale-admin", "bench@example.org", None)
            load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
            self.stdout.write(
                f"\nAt {Publication.objects.live().count():,} published pages (median of {runs} runs; "
                f"machine load average {load}):"
            )
            self.row("figure", "ms", "queries", "target")
            drug = Publication.objects.live().filter(kind="drug").order_by("slug").first()
            public = [*PUBLIC, ("drug page (not cached)", drug.get_absolute_url(), 300, None)]
            for name, url, target, queries in public:
                self.request(Client(), name, url, target, queries, runs)
            client = Client()
            client.force_login(admin)
            for name, url, target, queries in ADMIN:
                self.request(client, name, url, target, queries, runs)
            self.stale(runs)
            if generated is None:
                generated = self.sample_generation()
        self.stdout.write(generated)
        if self.failed:
            self.stdout.write(self.style.WARNING(f"Over target: {', '.join(self.failed)}"))
        else:
            self.stdout.write(self.style.SUCCESS("Every figure within its target."))

    def catalogue(self, pages):
        """Tops the catalogue up to `pages` pages; returns the generation figure if it generated them all."""
        have = sum(1 for title in Page.objects.values_list("title", flat=True) if is_fictional(title))
        if have >= pages:
            self.stdout.write(f"Reusing the catalogue of {have:,} fictional pages in this database.")
            return None
        self.stdout.write(f"Generating {pages - have:,} fictional pages (the database has {have:,})…")
        started = time.monotonic()
        try:
            generate(pages - have)
        except CatalogueRefused as refusal:
            raise CommandError(f"{refusal} Or run bench_scale --temporary.") from refusal
        seconds = time.monotonic() - started
        return self.generation_line(pages - have, seconds, "")

    def sample_generation(self):
        """Generation timed on SAMPLE_PAGES more pages, rolled back, when the catalogue was reused."""
        started = time.monotonic()
        with rolled_back():
            generate(SAMPLE_PAGES, force=True)
        seconds = time.monotonic() - started
        return self.generation_line(SAMPLE_PAGES, seconds, " (a sample, rolled back; the catalogue was reused)")

    def generation_line(self, made, seconds, note):
        per_10k = seconds / made * 10_000
        ok = per_10k <= GENERATION_TARGET_S
        if not ok:
            self.failed.append("generation")
        return (
            f"Generation: {made:,} pages in {seconds:.1f} s{note}, {per_10k:.0f} s per 10,000 pages "
            f"(target {GENERATION_TARGET_S} s per 10,000) {'ok' if ok else 'OVER'}"
        )

    def request(self, client, name, url, target, most_queries, runs):
        response = client.get(url)  # the site settings, the session: loaded once per client
        if response.status_code != 200:
            raise CommandError(f"{url} answered {response.status_code}.")
        timings, counts = [], set()
        for _ in range(runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            counts.add(len(queries))
        median = statistics.median(timings)
        ok = median <= target and (most_queries is None or max(counts) <= most_queries)
        if not ok:
            self.failed.append(name)
        limit = f"< {target} ms" + (f", <= {most_queries} queries" if most_queries is not None else "")
        self.row(name, f"{median:.0f}", "/".join(str(c) for c in sorted(counts)), limit, ok)

    def stale(self, runs):
        """Stale detection over every live publication: as it is, then after editing a row every page shows."""
        live = Publication.objects.live()
        self.timed("stale detection, nothing changed", lambda: changed_since_signoff(live), runs)
        source = Source.objects.filter(citations__isnull=False).order_by("pk").first()
        drug = Drug.objects.filter(pages__isnull=False).order_by("pk").first()
        for noun, row, field in (("a source every page cites", source, "publisher"), ("one drug", drug, "dose")):
            if row is None:
                continue
            with rolled_back():
                with reversion.create_revision():
                    setattr(row, field, f"{getattr(row, field)} (edited for measuring)")
                    row.save()
                changed = self.timed(f"stale detection after editing {noun}", lambda: changed_since_signoff(live), runs)
            self.stdout.write(f"    {len(changed):,} pages found awaiting review")

    def timed(self, name, measure, runs):
        timings = []
        for _ in range(runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                result = measure()
                timings.append((time.perf_counter() - started) * 1000)
        median = statistics.median(timings)
        ok = median <= STALE_TARGET_MS
        if not ok:
            self.failed.append(name)
        self.row(name, f"{median:.0f}", str(len(queries)), f"< {STALE_TARGET_MS} ms", ok)
        return result

    def row(self, name, ms, queries, target, ok=None):
        verdict = "" if ok is None else ("ok" if ok else "OVER")
        self.stdout.write(f"  {name:<48} {ms:>7} {queries:>8}  {target:<28} {verdict}")


class RolledBack(Exception):
    pass


@contextmanager
def rolled_back():
    """Everything done inside is undone: the measurements leave the database as they found it."""
    try:
        with transaction.atomic():
            yield
            raise RolledBack
    except RolledBack:
        pass
