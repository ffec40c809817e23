"""Content checks: a page's prose compared with the site's own structured data.

`check_snapshot(snapshot)` runs every check in CHECKS on what a reviewer is about to
sign and returns Findings; errors block the sign-off unless the reviewer gives a
reason (reviews.workflow.approve). A check is a function (PageText) -> Findings;
adding one means writing it and listing it here.
"""

from monographs.kinds import build_snapshot
from monographs.references import expand_snapshot
from monographs.snapshots import upgrade

from . import attributions, claims, doses, guidelines, names, references, safety, spelling, trials
from .catalogue import load_catalogue
from .findings import ERROR, WARNING, Finding
from .text import PageText

CHECKS = [
    names.drug_names,
    names.biomarkers,
    names.carried_over,
    names.what_drugs_are,
    claims.exclusivity,
    claims.approvals,
    trials.trial_figures,
    trials.survival_claims,
    trials.trial_arms,
    trials.trial_population,
    doses.doses,
    doses.omitted_dose_changes,
    safety.contraception,
    safety.side_effect_rates,
    guidelines.guidelines,
    attributions.attributions,
    spelling.spelling,
    references.figure_references,
]


def check_snapshot(snapshot, catalogue=None):
    """Findings for one snapshot, errors first, each reported once.

    Pass a catalogue (load_catalogue()) to check many pages with one load of the data.
    """
    catalogue = catalogue or load_catalogue()
    # Checks judge what readers read: figure references expanded from the snapshot.
    page = PageText(expand_snapshot(upgrade(snapshot)), catalogue)
    findings = []
    for check in CHECKS:
        findings.extend(check(page))
    unique = _one_per_claim(list(dict.fromkeys(findings)))
    return sorted(unique, key=lambda f: f.severity != ERROR)


# Checks that judge the same claim from two sides: who a trial tested is read by
# names.what_drugs_are ("wrong-subject") and trials.trial_arms ("trial-arms"). On one
# sentence the reviewer sees the first only.
DEFERS_TO = {"trial-arms": "wrong-subject"}


def _one_per_claim(findings):
    codes_at = {}
    for finding in findings:
        codes_at.setdefault((finding.location, finding.text), set()).add(finding.code)
    return [f for f in findings if DEFERS_TO.get(f.code) not in codes_at[(f.location, f.text)]]


def run_checks(page, catalogue=None):
    return check_snapshot(build_snapshot(page), catalogue)


__all__ = ["CHECKS", "ERROR", "WARNING", "Finding", "check_snapshot", "load_catalogue", "run_checks"]
