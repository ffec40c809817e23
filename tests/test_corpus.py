"""The content checks measured on the labelled corpus (tests/corpus/passages.jsonl).

The scoring test fails when the checks fall below the floors of demo.corpus (what
they reached when the corpus was written, less a small margin): a change to a check
that loses catches or raises false alarms shows up here. Raise the floors as the
checks improve; `python manage.py check_corpus --show misses` lists what to work on.
"""

import json
from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from demo import corpus
from reviews.checks import load_catalogue


@pytest.fixture(scope="module")
def passages():
    return corpus.load_passages()


# The corpus itself


def test_corpus_has_enough_passages_with_unique_ids(passages):
    assert len(passages) >= 300
    assert len([p for p in passages if p["family"] != "egfr"]) >= 300
    ids = [p["id"] for p in passages]
    assert len(set(ids)) == len(ids)


def test_every_kind_has_errors_and_correct_passages(passages):
    labels = Counter((p["kind"], p["label"]) for p in passages if p["family"] != "egfr")
    for kind in corpus.KINDS:
        assert labels[(kind, "error")] >= 10, kind
        assert labels[(kind, "correct")] >= 15, kind


def test_about_two_in_five_passages_are_errors(passages):
    errors = sum(p["label"] == "error" for p in passages)
    assert 0.35 <= errors / len(passages) <= 0.45


def test_passages_are_placed_everywhere_a_page_has_prose(passages):
    assert {p["where"] for p in passages} == set(corpus.PLACES)
    assert {p["page"]["kind"] for p in passages} == set(corpus.PAGE_KINDS)


def test_errors_say_why_and_egfr_passages_are_marked(passages):
    assert all(p.get("why") for p in passages if p["label"] == "error")
    egfr_words = ("osimertinib", "flaura", "aura3", "adaura", "tagrisso")
    for passage in passages:
        about_egfr = "osimertinib" in passage["page"]["drugs"] or any(
            word in passage["text"].lower() for word in egfr_words[1:4]
        )
        if about_egfr:
            assert passage["family"] == "egfr", passage["id"]


def test_a_malformed_record_is_refused(tmp_path):
    path = tmp_path / "bad.jsonl"
    record = {"id": "x", "kind": "dose", "label": "error", "page": {"kind": "drug", "drugs": ["crizotinib"]}}
    path.write_text(json.dumps(record | {"where": "section", "text": "250 mg once daily."}) + "\n")
    with pytest.raises(corpus.CorpusError, match="needs a why"):
        corpus.load_passages(path)


# The checks measured


@pytest.fixture
def score(demo, passages):
    return corpus.score(passages, load_catalogue())


def test_the_checks_meet_the_corpus_floors(score):
    assert score.failures() == []


def test_findings_fall_on_the_passage_not_on_the_page_around_it(score):
    # The scaffolding a passage is placed in (the page's title, a neutral heading, a table's header row)
    # raises no error of its own, so every error counted is about the passage.
    assert [(r.passage["id"], r.elsewhere) for r in score.results if r.elsewhere] == []


def test_a_known_error_is_caught_where_it_was_placed(demo):
    passage = {
        "id": "t",
        "kind": "exclusivity",
        "label": "error",
        "family": "alk-ros1",
        "page": {"kind": "drug", "drugs": ["crizotinib"]},
        "where": "question",
        # A question that takes the claim for granted makes it (one that only asks it is a warning).
        "text": "Since crizotinib is the only FDA-approved medicine for ROS1-positive NSCLC, should I start it now?",
        "why": "entrectinib, repotrectinib and taletrectinib are approved too",
    }
    (result,) = corpus.score([passage], load_catalogue()).results
    assert result.caught
    assert {f.location for f in result.errors} == {f"question group 1: {corpus.QUESTION_HEADING}"}


def test_the_command_reports_and_applies_thresholds(db, capsys):
    call_command("check_corpus", "--kind", "carryover", "--show", "misses")
    out = capsys.readouterr().out
    assert "carryover" in out and "recall" in out and "90%" in out
    with pytest.raises(CommandError):
        call_command("check_corpus", "--kind", "spelling", "--min-recall", "1.0")
