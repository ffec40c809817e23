import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo import corpus
from demo.loader import load_demo
from reviews.checks import load_catalogue


class Command(BaseCommand):
    help = (
        "Measure the content checks on the labelled corpus (tests/corpus/passages.jsonl): recall and "
        "false-alarm rate per kind. Loads the demo data in a transaction it rolls back, so it works on a "
        "freshly migrated database and changes nothing. Exits with status 1 below the thresholds."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--min-recall",
            type=float,
            help=(
                f"Fail when recall over the kinds checked is below this (default {corpus.MIN_RECALL:.2f} over "
                "all kinds; with --kind, only the per-kind floors apply unless this is given)."
            ),
        )
        parser.add_argument(
            "--max-false-alarms",
            type=float,
            help=(
                f"Fail when the false-alarm rate over the kinds checked exceeds this (default "
                f"{corpus.MAX_FALSE_ALARMS:.2f} over all kinds; with --kind, as for --min-recall)."
            ),
        )
        parser.add_argument(
            "--no-kind-floors",
            action="store_true",
            help="Do not apply the per-kind floors of demo.corpus.BASELINE.",
        )
        parser.add_argument("--kind", action="append", choices=corpus.KINDS, help="Only this kind (repeatable).")
        parser.add_argument(
            "--show",
            choices=["misses", "false", "all"],
            help="List the passages behind the numbers: missed errors, false alarms, or every passage.",
        )
        parser.add_argument("--corpus", help="Another corpus file (JSON Lines).")
        parser.add_argument(
            "--suggest-floors",
            action="store_true",
            help="Print the floors today's numbers pass with a small margin, to paste into demo/corpus.py.",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        # The overall defaults are measured over every kind; a subset is held to its per-kind floors.
        if options["min_recall"] is None:
            options["min_recall"] = 0.0 if options["kind"] else corpus.MIN_RECALL
        if options["max_false_alarms"] is None:
            options["max_false_alarms"] = 1.0 if options["kind"] else corpus.MAX_FALSE_ALARMS
        try:
            passages = corpus.load_passages(options["corpus"])
        except (OSError, corpus.CorpusError) as error:
            raise CommandError(str(error), returncode=2) from error
        with transaction.atomic():
            load_demo()
            loaded = time.monotonic()
            score = corpus.score(passages, load_catalogue(), kinds=options["kind"])
            transaction.set_rollback(True)
        finished = time.monotonic()
        self._report(score, options)
        self.stdout.write(
            f"Time: {finished - started:.1f} s ({loaded - started:.1f} s loading the demo data, "
            f"{finished - loaded:.1f} s checking {len(score.results)} passages)."
        )
        if options["suggest_floors"]:
            self._suggest(score)
        baseline = {} if options["no_kind_floors"] else corpus.BASELINE
        if options["kind"]:
            baseline = {k: v for k, v in baseline.items() if k in options["kind"]}
        scope = "the kinds checked" if options["kind"] else "all kinds"
        problems = score.failures(options["min_recall"], options["max_false_alarms"], baseline, name=scope)
        if problems:
            for problem in problems:
                self.stderr.write(f"FAIL {problem}")
            raise CommandError(f"The checks fall short of the corpus thresholds ({len(problems)}).", returncode=1)
        self.stdout.write("The checks meet the corpus thresholds.")

    # Output

    def _report(self, score, options):
        write = self.stdout.write
        gated = score.gated()
        egfr = [r for r in score.results if r.passage["family"] == "egfr"]
        write("Content checks on the labelled corpus (an error passage is caught when an error finding falls on it;")
        write("a correct passage is a false alarm when any error finding falls on it).")
        write("")
        self._table(gated, "Passages (EGFR family apart)", options)
        if egfr:
            write("")
            self._table(corpus.Score(egfr, []), "EGFR family (reported apart, not gated)", options, floors=False)
        if score.skipped:
            write("")
            write(
                f"Skipped {len(score.skipped)} EGFR-family passage(s): the data holds no "
                f"{corpus.EGFR_MARKER_TRIAL} trial yet."
            )
        scaffolding = [r for r in score.results if r.elsewhere]
        if scaffolding:
            write("")
            write(f"Note: {len(scaffolding)} passage(s) raised errors outside the passage (on the page's scaffolding):")
            for result in scaffolding:
                for finding in result.elsewhere:
                    write(f"  {result.passage['id']}: [{finding.code}] {finding.location}: {finding.message}")
        write("")
        scope = "the kinds checked" if options["kind"] else "all kinds"
        write(
            f"Thresholds: recall >= {options['min_recall']:.0%}, false alarms <= {options['max_false_alarms']:.0%} "
            f"({scope}) and the per-kind floors; the issue's targets: recall >= {corpus.TARGET_RECALL:.0%}, "
            f"false alarms <= {corpus.TARGET_FALSE_ALARMS:.0%}."
        )
        if options["show"]:
            self._list(score, options["show"])

    def _table(self, score, title, options, floors=True):
        write = self.stdout.write
        write(title)
        header = (
            f"{'kind':<12} {'passages':>8} {'caught':>9} {'warn only':>9} {'false':>9} "
            f"{'recall':>7} {'false %':>7}  {'floor (recall / false %)':<24}"
        )
        write(header)
        write("-" * len(header))
        kinds = [k for k in corpus.KINDS if any(r.passage["kind"] == k for r in score.results)]
        for kind in kinds:
            floor = corpus.BASELINE.get(kind) if floors and not options["no_kind_floors"] else None
            write(self._row(kind, score.tally(kind), floor))
        write("-" * len(header))
        total_floor = (options["min_recall"], options["max_false_alarms"]) if floors else None
        target = f"target {corpus.TARGET_RECALL:.0%} / {corpus.TARGET_FALSE_ALARMS:.0%}"
        write(f"{self._row('total', score.tally(), total_floor).rstrip()}   ({target})")

    def _row(self, name, tally, floor):
        floor_text = f"{floor[0]:.0%} / {floor[1]:.0%}" if floor else ""
        return (
            f"{name:<12} {tally.passages:>8} {f'{tally.caught}/{tally.errors}':>9} {tally.warned_only:>9} "
            f"{f'{tally.false_alarms}/{tally.correct}':>9} {corpus.percent(tally.recall):>7} "
            f"{corpus.percent(tally.false_alarm_rate):>7}  {floor_text:<24}"
        )

    def _suggest(self, score):
        (min_recall, max_false), per_kind = corpus.suggest_floors(score)
        write = self.stdout.write
        write("")
        write("Floors today's numbers pass (demo/corpus.py):")
        write(f"MIN_RECALL = {min_recall:.2f}")
        write(f"MAX_FALSE_ALARMS = {max_false:.2f}")
        write("BASELINE = {")
        for kind, (recall, false) in per_kind.items():
            write(f'    "{kind}": ({recall:.2f}, {false:.2f}),')
        write("}")
        write("")

    def _list(self, score, show):
        write = self.stdout.write
        chosen = {
            "misses": [r for r in score.results if r.missed],
            "false": [r for r in score.results if r.false_alarm],
            "all": score.results,
        }[show]
        write("")
        write(f"{len(chosen)} passage(s):")
        for result in chosen:
            passage = result.passage
            if result.is_error:
                verdict = "CAUGHT" if result.caught else "WARNED ONLY" if result.warned_only else "MISSED"
            else:
                verdict = "FALSE ALARM" if result.false_alarm else "ok"
            page = passage["page"]
            write(
                f"- {passage['id']} [{verdict}] {page['kind']} {'/'.join(page['drugs'])}, {passage['where']}"
                + (" (EGFR family)" if passage["family"] == "egfr" else "")
            )
            write(f"    “{passage['text']}”")
            if passage.get("why"):
                write(f"    why: {passage['why']}")
            for finding in [*result.errors, *result.warnings]:
                write(f"    {finding.severity.upper()} [{finding.code}] {finding.message}")
