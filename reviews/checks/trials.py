"""Figures and survival claims about a named trial, judged against the trial's recorded outcomes.

figures.read_figures() reads each number with its arm, endpoint, analysis, assessor and
time point; here each claim (a figure, an "A vs B" pair and the hazard ratio or ratio
that goes with it) is compared with the outcomes of the trial named in the sentence, or
carried from an earlier sentence of the same section. A finding names the claim it judged
and what the data says, once per claim.
"""

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from monographs.models import Outcome

from . import language
from .figures import (
    ANALYSES,
    ANALYSIS_SETS,
    CONTROL,
    EXPERIMENTAL,
    _at_words,
    decimal,
    read_figures,
    same_endpoint,
    stage_of,
    timepoint_months,
)
from .findings import ERROR, WARNING, Finding

ENDPOINT_LABELS = dict(Outcome.Endpoint.choices)
ANALYSIS_LABELS = {**dict(Outcome.Analysis.choices), "interim": "Interim analysis"}
PIVOTAL = re.compile(r"\bpivotal\s+(?:\w+\s+)?trial\b", re.IGNORECASE)
LABEL_TIMEPOINT = re.compile(r"^(\d+)-(month|year)")
HALF = Decimal("0.5")
MAYBE_FIGURE = re.compile(
    r"\d|fold|doubl|tripl|halv|twice|half|times|quarter|third|fifth"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty"
    r"|sixty|seventy|eighty|ninety)\b",
    re.IGNORECASE,
)
NAME_DIGITS = re.compile(r"[^\d\s]*(?:\s+[^\d\s]+)*\s*[\w-]*\d[\w-]*")
NUMBERS = re.compile(r"(?<![\d.])(\d+\.\d+|\d+)(?![\d.])")
SURVIVAL_WORDS = ("surviv", "live", "living", "life", "lives", "death")
# Words one of which every survival claim, for or against, contains.
CLAIM_WORDS = (
    "prolong",
    "longer",
    "benefit",
    "advantage",
    "gain",
    "improv",
    "extend",
    "lengthen",
    "increas",
    "boost",
    "reduc",
    "lower",
    "cut",
    "superior",
    "better",
    "significant",
    "difference",
    "outperform",
    "beat",
    "surpass",
    "add",
)


@dataclass(frozen=True)
class Slot:
    """One recorded number: an arm's value, an interval end, a hazard ratio or a note's percentage."""

    outcome: object
    name: str
    kind: str
    value: Decimal


def _timepoint(outcome):
    """The outcome's landmark in months: from its timepoint field, else (older objects) its label."""
    months = getattr(outcome, "months", None)
    if months is not None or getattr(outcome, "timepoint", None) is not None:
        return months
    match = LABEL_TIMEPOINT.match(outcome.label)
    if not match:
        return None
    return int(match.group(1)) * (12 if match.group(2) == "year" else 1)


def _assessor(outcome):
    recorded = getattr(outcome, "assessor", None)
    if recorded is not None:
        return recorded
    label = outcome.label.lower()
    return "investigator" if "investigator" in label else "independent" if "independent" in label else ""


def _stage(outcome):
    recorded = getattr(outcome, "population", None)
    if recorded is not None:
        return stage_of(recorded) if recorded else ""
    return stage_of(outcome.label)


def _slots(outcome):
    slots = []
    unit = outcome.unit
    for name in ("experimental", "control", "experimental_ci_low", "experimental_ci_high"):
        if outcome.values.get(name) is not None and unit:
            slots.append(Slot(outcome, name, unit, outcome.values[name]))
    if outcome.hazard_ratio is not None:
        slots.append(Slot(outcome, "hr", "hr", outcome.hazard_ratio))
        for name, bound in zip(("hr_ci_low", "hr_ci_high"), outcome.hr_ci, strict=True):
            if bound is not None:
                slots.append(Slot(outcome, name, "hr_ci", bound))
    # "84% crossover" lives in the outcome's note.
    for number in re.findall(r"(\d+(?:\.\d+)?)\s*%(?!\s*(?:CI|confidence))", outcome.note):
        slots.append(Slot(outcome, "note", "%", decimal(number)))
    return slots


class TrialData:
    """A trial's outcomes as slots, and which drug is in which arm."""

    def __init__(self, trial):
        self.trial = trial
        self.outcomes = trial.outcomes
        self.slots = [slot for outcome in trial.outcomes for slot in _slots(outcome)]
        controls = getattr(trial, "control_drugs", None)
        if controls is None:  # before control_drug became control_drugs
            controls = [trial.control_drug] if getattr(trial, "control_drug", "") else []
        self.controls = set(controls)
        has_control_values = any(o.values.get("control") is not None for o in trial.outcomes)
        explicit = getattr(trial, "single_arm", None)
        self.single_arm = explicit if explicit is not None else not self.controls and not has_control_values
        self.arms = {trial.experimental_drug: EXPERIMENTAL, **dict.fromkeys(self.controls, CONTROL)}

    def arm_of(self, figure):
        if figure.arm.startswith("other:"):
            # The partner of a figure bound to one arm belongs to the other.
            other = self._arm(figure.arm.removeprefix("other:"))
            return {EXPERIMENTAL: CONTROL, CONTROL: EXPERIMENTAL}.get(other, "")
        return figure.arm or self._arm(figure.drug)

    def _arm(self, name):
        if name in (EXPERIMENTAL, CONTROL):
            return name
        if name == self.trial.experimental_drug:
            return EXPERIMENTAL
        if name in self.controls:
            return CONTROL
        return ""

    def drug_in_trial(self, slug):
        return not slug or slug == self.trial.experimental_drug or slug in self.controls


def _data(page):
    """TrialData for each trial, and the trials each sentence speaks of, built once per page."""
    cached = getattr(page, "_trial_checks", None)
    if cached is not None:
        return cached
    catalogue = page.catalogue
    trials = {name: TrialData(trial) for name, trial in catalogue.trials.items()}
    context, block, carried = {}, None, []
    for sentence in page.sentences:
        if sentence.block != block:
            block, carried = sentence.block, []
        named = list(dict.fromkeys(name for _, name in sentence.trials))
        if named:
            context[sentence.index] = named
            carried = named
            continue
        if PIVOTAL.search(sentence.text) and sentence.drugs:
            pivotal = [
                t.name for t in catalogue.trials.values() if t.pivotal and t.experimental_drug == sentence.drugs[0][1]
            ]
            if len(pivotal) == 1:
                context[sentence.index] = pivotal
                continue
        context[sentence.index] = carried
    page._trial_checks = (trials, context)
    return page._trial_checks


# Judging one figure -------------------------------------------------------------------


def close(figure, recorded):
    """Does the figure as written (and hedged) fit the recorded number?"""
    value, half = figure.value, HALF / (10**figure.places)
    if getattr(figure, "scale", 1) == 12:
        # Years are rounded to the year or the half year: "three years" is 30-42 months, "2.5 years" 27-33.
        half = Decimal(6) if figure.places == 0 else Decimal(3) if figure.written.endswith(".5") else half * 12
    if figure.risk_cut:
        return abs(recorded - value) <= (Decimal("0.1") if figure.places == 1 else Decimal("0.02"))
    if figure.bound == "about":
        return abs(recorded - value) <= max(recorded * Decimal("0.05"), half)
    if figure.bound == "above":
        return value < recorded <= value * Decimal("1.35") + half
    if figure.bound == "below":
        return value * Decimal("0.65") - half <= recorded < value
    if figure.bound == "nearly":
        return value * Decimal("0.9") - half <= recorded <= value + half
    return abs(recorded - value) <= half


def _failures(figure, slot, data):
    """Which of the figure's stated circumstances the slot's outcome does not share."""
    outcome, failed = slot.outcome, []
    if slot.name == "note":
        # "84% crossover" is said of the trial, not of an endpoint.
        return ["hedged"] if figure.bound else []
    arm = data.arm_of(figure)
    if arm and slot.name in ("experimental", "control") and slot.name != arm:
        failed.append("arm")
    if figure.endpoint and not same_endpoint(outcome.endpoint, figure.endpoint):
        failed.append("endpoint")
    recorded_time = _timepoint(outcome)
    if figure.timepoint is not None and recorded_time is not None and figure.timepoint != recorded_time:
        failed.append("timepoint")
    if figure.analyses and outcome.analysis not in figure.analyses:
        failed.append("analysis")
    recorded_stage = _stage(outcome)
    if figure.population and recorded_stage and figure.population != recorded_stage:
        failed.append("population")
    recorded_assessor = _assessor(outcome)
    if figure.assessor and recorded_assessor and figure.assessor != recorded_assessor:
        failed.append("assessor")
    return failed


def _describe(outcome):
    return outcome.describe()


def _endpoint_name(endpoint):
    return ENDPOINT_LABELS.get(endpoint, endpoint).lower()


def _analysis_words(figure):
    if figure.analyses == ANALYSIS_SETS["published"]:
        return "published (journal) analyses"
    names = sorted(figure.analyses)
    return " or ".join(ANALYSIS_LABELS.get(a, a).lower() for a in names)


def _arm_words(data, arm):
    trial = data.trial
    if arm == EXPERIMENTAL:
        return f"{trial.experimental_drug}'s (experimental arm)"
    controls = ", ".join(sorted(data.controls)) or "the control arm"
    return f"{controls}'s (control arm)"


def judge_figure(figure, data):
    """(outcomes the figure fits, problem or "")."""
    name = data.trial.name
    if figure.drug and not data.drug_in_trial(figure.drug):
        return {}, f"{figure.drug} was not an arm of {name}"
    if figure.kind.startswith("diff_"):
        return _difference(figure, data)
    kind = figure.kind
    hits = [s for s in data.slots if s.kind == kind and close(figure, s.value)]
    full = [s for s in hits if not _failures(figure, s, data)]
    if full:
        outcomes = {id(s.outcome): s.outcome for s in full}
        problem = _interval_problem(figure, full) if figure.ci else ""
        return outcomes, problem
    if figure.kind == "hr" and not figure.risk_cut:
        bounds = [s for s in data.slots if s.kind == "hr_ci" and close(figure, s.value)]
        bounds = [s for s in bounds if "endpoint" not in _failures(figure, s, data)] or bounds
        if bounds and not hits:
            slot = bounds[0]
            end = "lower" if slot.name == "hr_ci_low" else "upper"
            return {}, (
                f"{figure.show()} is the {end} end of the 95% CI of {name}'s {_describe(slot.outcome)}; "
                f"the hazard ratio is {slot.outcome.hazard_ratio}"
            )
    if not hits:
        return {}, f"{figure.show()} matches no recorded result of {name}"
    best = min(hits, key=lambda s: len(_failures(figure, s, data)))
    failed = _failures(figure, best, data)
    outcome = best.outcome
    if "arm" in failed:
        return {}, (
            f"{figure.show()} is {_arm_words(data, best.name)} figure in {name}'s {_describe(outcome)}, "
            f"not {_arm_words(data, data.arm_of(figure))}: the arms are swapped"
        )
    if "endpoint" in failed:
        return {}, (f"{figure.show()} is {name}'s {_describe(outcome)}, not {_endpoint_name(figure.endpoint)}")
    if "timepoint" in failed:
        return {}, f"{figure.show()} is {name}'s {_describe(outcome)}, at another time point"
    if "population" in failed:
        return {}, f"{figure.show()} is {name}'s {_describe(outcome)}, not stage {figure.population}"
    if "analysis" in failed:
        return {}, f"{figure.show()} is {name}'s {_describe(outcome)}, not the {_analysis_words(figure)}"
    return {}, f"{figure.show()} is {name}'s {_describe(outcome)}, not {figure.assessor} assessment"


def _difference(figure, data):
    """ "3.9 months longer": the gap between the arms of an outcome."""
    unit = figure.kind.removeprefix("diff_")
    candidates = []
    for outcome in data.outcomes:
        experimental, control = outcome.values.get("experimental"), outcome.values.get("control")
        if experimental is None or control is None or outcome.unit != unit:
            continue
        if figure.endpoint and not same_endpoint(outcome.endpoint, figure.endpoint):
            continue
        if figure.analyses and outcome.analysis not in figure.analyses:
            continue
        candidates.append((abs(experimental - control), outcome))
    fits = {id(o): o for gap, o in candidates if close(figure, gap)}
    if fits or not candidates:
        return fits, ""
    unit_words = " months" if unit == "months" else " percentage points"
    recorded = "; ".join(f"{_describe(o)} (a difference of {gap}{unit_words})" for gap, o in candidates)
    return {}, f"{figure.show()} does not fit the recorded difference in {data.trial.name}: {recorded}"


def _interval_problem(figure, full):
    if figure.kind == "hr":
        recorded = [s.outcome for s in full if s.outcome.hr_ci[0] is not None]
        intervals = [(o.hr_ci[0], o.hr_ci[1]) for o in recorded]
    else:
        recorded = [s.outcome for s in full if s.outcome.values.get("experimental_ci_low") is not None]
        intervals = [(o.values["experimental_ci_low"], o.values["experimental_ci_high"]) for o in recorded]
    if not intervals:
        return ""
    low, high = figure.ci
    places = max(len(str(low).split(".")[1]) if "." in str(low) else 0, 0)
    tolerance = HALF / (10**places)
    if any(abs(a - low) <= tolerance and abs(b - high) <= tolerance for a, b in intervals):
        return ""
    shown = "; ".join(f"{a}-{b}" for a, b in intervals)
    return f"the 95% CI of {figure.show().split(' (')[0]} is {shown}, not {low}-{high}"


def _ratio_problem(figure, data):
    candidates = []
    for outcome in data.outcomes:
        experimental, control = outcome.values.get("experimental"), outcome.values.get("control")
        if not experimental or not control:
            continue
        if figure.endpoint and not same_endpoint(outcome.endpoint, figure.endpoint):
            continue
        if not figure.endpoint and outcome.unit != "months":
            continue
        if figure.analyses and outcome.analysis not in figure.analyses:
            continue
        candidates.append((max(experimental, control) / min(experimental, control), outcome))
    if not candidates:
        return {}, ""
    fits = {id(o): o for ratio, o in candidates if _ratio_fits(figure, ratio)}
    if fits:
        return fits, ""
    recorded = "; ".join(f"{_describe(o)} ({ratio:.1f} times)" for ratio, o in candidates)
    return {}, f"{figure.show()} does not fit the recorded ratio of {data.trial.name}: {recorded}"


def _ratio_fits(figure, ratio):
    value = figure.value if figure.value >= 1 else 1 / figure.value
    if figure.bound == "above":
        return value <= ratio <= value * Decimal("1.6")
    if figure.bound == "below":
        return value * Decimal("0.6") <= ratio < value
    if figure.bound == "nearly":
        return value * Decimal("0.85") <= ratio <= value * Decimal("1.05")
    return abs(ratio - value) <= value * Decimal("0.12")


# Checks -------------------------------------------------------------------------------


def _trial_for(figure, sentence, names):
    """The trial named last before the figure, else the first named in or before the sentence."""
    before = [name for start, name in sentence.trials if start < figure.start]
    return before[-1] if before else names[0]


def _trial_spans(sentence):
    """Where trial names stand: their digits ("PROFILE 1014", "ALTA-1L") are not figures."""
    spans = []
    for start, name in sentence.trials:
        numbered = NAME_DIGITS.match(sentence.text, start)
        end = numbered.end() if numbered and numbered.end() - start <= len(name) else start + len(name)
        spans.append((start, end))
    return spans


def _claim(sentence_text, figures, names):
    trial = " and ".join(dict.fromkeys(names))
    endpoint = next((f.endpoint for f in figures if f.endpoint), "")
    words = f" {_endpoint_name(endpoint)}" if endpoint else ""
    pieces = []
    for figure in figures:
        shown = figure.show()
        if figure.drug:
            shown += f" ({figure.drug})"
        elif figure.arm and not figure.arm.startswith("other:"):
            shown += f" ({figure.arm} arm)"
        pieces.append(shown)
    analysis = next((f for f in figures if f.analyses), None)
    said = f", {_analysis_words(analysis)}" if analysis else ""
    return f"{trial}{words} {', '.join(pieces)}{said}"


def _data_text(data_by_name, names, figures, extra=()):
    endpoints = {f.endpoint for f in figures if f.endpoint}
    lines = []
    for name in dict.fromkeys(names):
        data = data_by_name[name]
        relevant = [
            o
            for o in data.outcomes
            if o.figures() and (not endpoints or any(same_endpoint(o.endpoint, e) for e in endpoints))
        ]
        relevant += [o for o in extra if o in data.outcomes and o not in relevant]
        shown = relevant or [o for o in data.outcomes if o.figures()]
        if shown:
            lines.append(f"{name}: " + "; ".join(_describe(o) for o in shown))
    return ". ".join(lines)


def trial_figures(page):
    """Each figure claim about a trial that its recorded outcomes do not bear out, once per claim."""
    data_by_name, context = _data(page)
    for sentence in page.sentences:
        if not MAYBE_FIGURE.search(sentence.text):
            continue
        names = context.get(sentence.index)
        inferred = not names
        if inferred:
            names = _trials_of_drugs(sentence, data_by_name)
            if not names:
                continue
        arms = data_by_name[names[0]].arms if len(names) == 1 or not sentence.trials else {}
        text, figures = read_figures(sentence, _trial_spans(sentence), arms)
        if not figures:
            continue
        if inferred:
            # No trial named: take the one trial of the drugs named whose results the figures quote.
            names = [n for n in names if _quotes(figures, data_by_name[n])]
            if len(names) != 1:
                continue
            if arms is not data_by_name[names[0]].arms:
                text, figures = read_figures(sentence, _trial_spans(sentence), data_by_name[names[0]].arms)
        for figure in figures:
            figure.trial = _trial_for(figure, sentence, names)
        yield from _judge_sentence(sentence, figures, data_by_name, names)


def _trials_of_drugs(sentence, data_by_name):
    """Trials of the drugs a sentence names: those comparing two of them first."""
    slugs = {slug for _, slug in sentence.drugs}
    if sentence.subject:
        slugs.add(sentence.subject)
    if not slugs:
        return []
    both = [n for n, d in data_by_name.items() if d.trial.experimental_drug in slugs and d.controls & slugs]
    if both:
        return both
    return [n for n, d in data_by_name.items() if d.trial.experimental_drug in slugs or d.controls & slugs]


def _quotes(figures, data):
    """Do the figures quote this trial? A recorded value with an endpoint named, or two recorded values."""
    values = {s.value for s in data.slots}
    quoted = [f for f in figures if f.kind in ("%", "months", "hr") and f.value in values]
    return len(quoted) >= 2 or any(f.endpoint for f in quoted)


def _judge_sentence(sentence, figures, data_by_name, names):
    groups = {}
    for figure in figures:
        groups.setdefault(figure.group, []).append(figure)
    judged = {}
    reported = set()
    for number, members in groups.items():
        problems, outcome_sets, extra = [], [], []
        for figure in members:
            data = data_by_name[figure.trial]
            if figure.kind == "ratio":
                fits, problem = _ratio_problem(figure, data)
                if fits:
                    outcome_sets.append(fits)
            else:
                fits, problem = judge_figure(figure, data)
                judged[id(figure)] = fits
                if fits:
                    outcome_sets.append(fits)
            if problem:
                problems.append(problem)
        values = [f for f in members if f.kind != "ratio"]
        if not problems and len(values) > 1:
            shared = set.intersection(*[set(judged.get(id(f), {})) for f in values])
            if not shared:
                problems.append(_mixed(values, judged, data_by_name))
        if problems:
            reported.add(number)
            extra = [o for s in outcome_sets for o in s.values()]
            yield _finding(sentence, members, names, problems, data_by_name, extra)
    yield from _hazard_ratio_beside_other_results(sentence, figures, judged, data_by_name, names, reported)
    yield from _analyses_mixed(sentence, figures, judged, data_by_name, names, reported)


def _analyses_mixed(sentence, figures, judged, data_by_name, names, reported):
    """ "72% responded and responses lasted 18.3 months": two endpoints of one trial that each of its analyses
    reports, quoted from two analyses that share none (72% with 17.6 months; 66% with 18.3 months)."""
    quoted = [
        f
        for f in figures
        if f.kind in ("%", "months") and f.endpoint and not f.analyses and f.group not in reported and judged.get(id(f))
    ]
    for index, first in enumerate(quoted):
        for second in quoted[index + 1 :]:
            if first.trial != second.trial or first.group == second.group:
                continue
            fits_first, fits_second = judged[id(first)].values(), judged[id(second)].values()
            endpoints_first = {o.endpoint for o in fits_first}
            endpoints_second = {o.endpoint for o in fits_second}
            if endpoints_first & endpoints_second:
                continue
            analyses_first = {o.analysis for o in fits_first}
            analyses_second = {o.analysis for o in fits_second}
            if analyses_first & analyses_second:
                continue
            recorded = {}
            for outcome in data_by_name[first.trial].outcomes:
                recorded.setdefault(outcome.analysis, set()).add(outcome.endpoint)

            def reports_both(analyses, recorded=recorded, first=endpoints_first, second=endpoints_second):
                return any(first & recorded.get(a, set()) and second & recorded.get(a, set()) for a in analyses)

            if not (reports_both(analyses_first) and reports_both(analyses_second)):
                continue
            own_first = sorted(fits_first, key=lambda o: (not reports_both({o.analysis}), o.label))[0]
            own_second = sorted(fits_second, key=lambda o: (not reports_both({o.analysis}), o.label))[0]
            problem = (
                f"{first.show()} is {first.trial}'s {_describe(own_first)}, but {second.show()} is its "
                f"{_describe(own_second)}: each analysis reports both, so the figures come from different analyses"
            )
            reported.update((first.group, second.group))
            yield _finding(sentence, [first, second], names, [problem], data_by_name, [own_first, own_second])
            return


def _mixed(values, judged, data_by_name):
    hrs = [f for f in values if f.kind == "hr"]
    others = [f for f in values if f.kind != "hr"]
    if hrs and others:
        hr = hrs[0]
        hr_outcome = sorted(judged[id(hr)].values(), key=lambda o: o.label)[0]
        other = others[0]
        own = sorted(judged[id(other)].values(), key=lambda o: o.label)[0]
        own_hr = own.hazard_ratio if own.hazard_ratio is not None else "not recorded"
        return (
            f"HR {hr.value} is {hr.trial}'s {_describe(hr_outcome)}, but it stands beside {other.show()} from "
            f"{_describe(own)}, whose HR is {own_hr}"
        )
    described = []
    for figure in values:
        outcome = sorted(judged[id(figure)].values(), key=lambda o: o.label)[0]
        described.append(f"{figure.show()} is {_describe(outcome)}")
    return "these figures come from different results: " + "; ".join(described)


def _unsure(members, problems):
    """A lone percentage that names no endpoint and matches nothing: "vision problems in about 60% of
    people, a figure that did not change in ALEX" may be about something else. A warning, not an error."""
    return (
        len(members) == 1
        and members[0].kind == "%"
        and not members[0].endpoint
        and all("matches no recorded result" in p for p in problems)
    )


def _finding(sentence, members, names, problems, data_by_name, extra=()):
    claim = _claim(sentence.text, members, [f.trial for f in members] or names)
    data = _data_text(data_by_name, [f.trial for f in members], members, extra)
    return Finding(
        "trial-figure",
        WARNING if _unsure(members, problems) else ERROR,
        f"Claim: {claim}. {'; '.join(dict.fromkeys(problems))}. Data: {data}.",
        sentence.location,
        sentence.text,
    )


def _hazard_ratio_beside_other_results(sentence, figures, judged, data_by_name, names, reported):
    """ "12% vs 45%, HR 0.16, with median PFS 34.8 vs 10.9 months" pins 0.16 on the PFS figures."""
    quoted = {f.value for f in figures if f.kind == "hr"}
    for hr in figures:
        if hr.kind != "hr" or hr.risk_cut or hr.group in reported or not judged.get(id(hr)):
            continue
        for other in figures:
            if other.kind in ("hr", "ratio") or other.group == hr.group or not judged.get(id(other)):
                continue
            own = {o.hazard_ratio for o in judged[id(other)].values()}
            if None in own or hr.value in own or own & quoted:
                continue
            hr_outcome = sorted(judged[id(hr)].values(), key=lambda o: o.label)[0]
            other_outcome = sorted(judged[id(other)].values(), key=lambda o: o.label)[0]
            problem = (
                f"HR {hr.value} is {hr.trial}'s {_describe(hr_outcome)}, but it stands beside {other.show()} "
                f"from {_describe(other_outcome)}, whose HR is {', '.join(str(h) for h in sorted(own))}"
            )
            members = [hr, other]
            yield _finding(sentence, members, names, [problem], data_by_name, [hr_outcome, other_outcome])
            reported.add(hr.group)
            break


# Survival -----------------------------------------------------------------------------

BENEFIT = _at_words(
    r"\bprolong\w*\s+(?:\w+\s+){0,3}?(?:life|lives|survival)"
    r"|\b(?:help|helps|helped|helping|allow\w*|let|lets|enable\w*)\s+(?:\w+\s+){0,3}?(?:live|living|survive)\s+longer"
    r"|\b(?:live|lives|living|lived|survive[sd]?|surviving)\s+(?:\w+\s+)?longer"
    r"|(?<!free\s)(?<!free-)\b(?:overall\s+)?survival\s+(?:benefit|advantage|gain)"
    r"|\b(?:improv|extend|lengthen|increas|boost)\w*\s+(?:\w+\s+){0,2}?(?<!free\s)(?<!free-)(?:overall\s+)?survival\b"
    r"(?!\s+rate)"
    r"|\b(?:reduc|lower|cut)\w*\s+(?:\w+\s+){0,2}?(?:risk\s+of\s+death|deaths?)\b"
    r"|\blonger\s+overall\s+survival|\boverall\s+survival\s+(?:was\s+|is\s+)?(?:longer|better|improved|superior)"
    r"|\b(?:benefit|advantage)\s+in\s+overall\s+survival"
    r"|\b(?:extend|lengthen|add)\w*\s+(?:\w+\s+){0,2}?(?:life|lives|years\s+of\s+life)"
    r"|\b(?:outperform\w*|beat|surpass\w*|(?:was|were|is)\s+(?:superior|better))\b[^.;?]{0,60}?\boverall\s+survival"
    r"|\boverall\s+survival\b[^.;?]{0,60}?\b(?:outperform\w*|beat|surpass\w*)\b"
    r"|\bsignificant(?:ly)?\s+(?:\w+\s+)?(?:longer|better|improved|greater|gain|benefit|advantage|improvement|difference)"
    # "a proven gain in how long people live", "improves how long patients survive".
    r"|\b(?:gain|improvement|increase|benefit|advantage|difference)s?\s+(?:in|to)\s+how\s+long\s+(?:\w+\s+){1,2}?"
    r"(?:live|lived|survive[sd]?)\b"
    r"|\b(?:improv|extend|lengthen|increas)\w*\s+how\s+long\s+(?:\w+\s+){1,2}?(?:live|lived|survive[sd]?)\b",
    re.IGNORECASE,
)
NEGATION = re.compile(
    r"\b(?:not|no|never|without|nor|neither|cannot|unclear|unproven|uncertain|unknown|whether|failed|fail"
    r"|lack(?:ed|s)?|insufficient)\b|n[’']t\b",
    re.IGNORECASE,
)
OVERALL_SURVIVAL = re.compile(
    r"\b(?:overall\s+survival|OS)\b|(?<!free\s)(?<!free-)\bsurvival\b(?!\s+rate)", re.IGNORECASE
)
# Overall survival said, or a share of people alive: "83% were alive at 18 months".
SURVIVAL_SAID = re.compile(
    OVERALL_SURVIVAL.pattern + r"|\b(?:alive|died|deaths?)\b"
    # "lived a median of 81.1 months", "survived longer": not "lived without the cancer growing".
    r"|\b(?:lived|survived)\b(?!\s+(?:\w+\s+){0,2}?(?:without|free|before|until))",
    re.IGNORECASE,
)
NOT_REALLY_NEGATION = re.compile(r"\bnot\s+(?:just|only|merely)\b", re.IGNORECASE)
NOT_SIGNIFICANT = re.compile(
    r"\bnot\s+(?:\w+\s+)?significant|\bnon-?significant|\bdid\s+not\s+reach\s+(?:statistical\s+)?significance"
    r"|\bnot\s+(?:\w+\s+)?(?:significantly\s+)?different",
    re.IGNORECASE,
)
NO_OS_DIFFERENCE = _at_words(
    r"(?:overall\s+survival|\bOS\b)\b(?:[^.;]|\.\d){0,80}?\bnot\s+(?:statistically\s+)?(?:significant|significantly)"
    # "overall survival did not, in the end, differ significantly between the arms".
    r"|(?:overall\s+survival|\bOS\b)\b(?:[^.;]|\.\d){0,60}?(?:\bnot|n[’']t)\b[^.;?]{0,30}?\bdiffer(?:ed)?\s+"
    r"(?:\w+\s+)?(?:significantly|meaningfully|statistically)"
    r"|\bno\s+(?:statistically\s+)?(?:significant\s+)?(?:difference|improvement|benefit|advantage)\s+in\s+"
    r"(?:overall\s+)?survival"
    r"|\b(?:statistically\s+)?significant\s+(?:difference|improvement|benefit)\s+in\s+overall\s+survival",
    re.IGNORECASE,
)
# The claim is the subject of a denied or unproven predicate: "a survival gain has not been shown",
# "longer survival is yet to be demonstrated", "any survival benefit remains unproven".
# Up to the predicate of the claim's own clause: not into "which ...", "but ...", "and ...".
_SAME_PREDICATE = r"(?:(?!\b(?:which|that|who|but|while|whereas|although|though|as|and)\b)[^.;:?!]){0,80}?"
DENIED_AFTER = re.compile(
    _SAME_PREDICATE + r"\b(?:(?:has|have|had|was|were|is|are)\s+(?:not|never|yet\s+to)\s+(?:\w+\s+)?(?:been\s+|be\s+)?"
    r"|(?:has|have|had|was|were|is|are)n[’']t\s+(?:\w+\s+)?(?:been\s+)?"
    r"|(?:remains?|remained|is|was|are|were)\s+(?:still\s+)?(?:yet\s+)?to\s+be\s+)"
    r"(?:shown|proven|proved|demonstrated|established|confirmed|seen|found|observed|reported|documented)\b"
    r"|" + _SAME_PREDICATE + r"\b(?:remains?|remained|is|was|are|were)\s+(?:still\s+)?"
    r"(?:unproven|unconfirmed|unestablished|undemonstrated|unclear|uncertain|unknown)\b",
    re.IGNORECASE,
)
CLAUSE_START = re.compile(r"[;:—–(]|\s-\s|,\s+(?:but|while|whereas|although|though)\b|\.\s")


def _polarity(text):
    """("benefit" | "no benefit", the words) for a sentence claiming something about survival."""
    question_from = len(text)
    if text.rstrip().endswith("?"):
        # "Crizotinib improved survival in PROFILE 1014: will it do the same for me?" claims before asking.
        breaks = [m.end() for m in CLAUSE_START.finditer(text)]
        question_from = breaks[-1] if breaks else 0
    match = BENEFIT.search(text)
    if match and match.start() >= question_from:
        return "", ""
    if match and match.group(0).lower().startswith("significant") and not SURVIVAL_SAID.search(text):
        match = None  # "progression-free survival was significantly longer" says nothing of survival
    if match:
        starts = [m.end() for m in CLAUSE_START.finditer(text, 0, match.start())]
        before = text[max(starts[-1] if starts else 0, match.start() - 90) : match.start()]
        before = NOT_REALLY_NEGATION.sub("", before)
        negated = NEGATION.search(before) or language.negation(text, match.start())
        denied = DENIED_AFTER.match(text, match.end())
        if negated or denied or NOT_SIGNIFICANT.search(text[match.end() :]):
            return "no benefit", match.group(0)
        return "benefit", match.group(0)
    match = NO_OS_DIFFERENCE.search(text)
    if match:
        starts = [m.end() for m in CLAUSE_START.finditer(text, 0, match.start())]
        before = text[starts[-1] if starts else 0 : match.start()]
        if match.group(0).lower().startswith(("no", "overall", "os")) or NEGATION.search(before):
            return "no benefit", match.group(0)
        return "benefit", match.group(0)
    return "", ""


def _describe_os(outcome):
    described = outcome.describe()
    return f"{described} ({outcome.note})" if outcome.note and outcome.note not in described else described


def _stated_analysis(text, position=None):
    """The analysis a claim names: in its own clause first ("interim figures ...; the final analysis showed")."""
    stated = [
        (match.start(), match.lastgroup)
        for match in ANALYSES.finditer(text)
        if match.lastgroup in ("interim", "final", "primary", "updated")
    ]
    if position is not None and len(stated) > 1:
        start, end = language.clause_at(text, position)
        own = [name for at, name in stated if start <= at < end]
        if own:
            return own[0]
    return stated[0][1] if stated else ""


def _survival_outcomes(data, analysis):
    os_outcomes = [o for o in data.outcomes if o.endpoint == "os"]
    if analysis:
        wanted = ANALYSIS_SETS[analysis]
        chosen = [o for o in os_outcomes if o.analysis in wanted]
        if chosen:
            return chosen
    final = [o for o in os_outcomes if o.analysis == "final"]
    return final or os_outcomes


def _survival_trials(page, sentence, names, data_by_name):
    if names:
        return names
    named = {slug for _, slug in sentence.drugs}
    numbers = {decimal(n) for n in NUMBERS.findall(sentence.text)}
    quoted = [
        name
        for name, data in data_by_name.items()
        if any(o.endpoint == "os" and numbers & set(o.values.values()) for o in data.outcomes)
        and (data.trial.experimental_drug in named or not named)
    ]
    if len(quoted) == 1:
        return quoted
    slugs = {slug for _, slug in sentence.drugs}
    pairs = [
        name for name, data in data_by_name.items() if data.trial.experimental_drug in slugs and data.controls & slugs
    ]
    if not pairs and len(slugs) == 1:
        # "People taking alectinib lived longer": the drug's one randomised trial with a survival result.
        own = [
            name
            for name, data in data_by_name.items()
            if data.trial.experimental_drug in slugs
            and not data.single_arm
            and any(o.endpoint == "os" for o in data.outcomes)
        ]
        pairs = own if len(own) == 1 else []
    return pairs


# "Each newer ALK medicine", "all second-generation ALK inhibitors", "none of the EGFR drugs".
CLASS_CLAIM = re.compile(
    r"\b(?i:(?P<quantifier>each|every|all|both|any|no|none|neither|the)\s+(?:of\s+(?:the|these|its)\s+)?)?"
    r"(?i:(?P<age>newer|later|next[- ]generation|first[- ]generation|second[- ]generation|third[- ]generation"
    r"|second[- ]\s*and\s+third[- ]generation|second[- ]\s*or\s+third[- ]generation)\s*)?"
    r"(?P<target>[A-Z][A-Z0-9]{2,5})[- ]?(?i:targeted\s+|targeting\s+)?"
    r"(?i:(?P<noun>medicines?|drugs?|inhibitors?|TKIs?|treatments?|therapies|therapy|tablets?|pills?))\b",
)
GENERATIONS = {"first": {1}, "second": {2}, "third": {3}}


def _class_members(catalogue, match):
    """The drugs a class phrase speaks of: those with the target, of the generation named; or None."""
    quantifier, age = (match.group("quantifier") or "").lower(), (match.group("age") or "").lower()
    plural = match.group("noun").lower().endswith(("s", "therapies"))
    if not age and not (quantifier and quantifier != "the"):
        return None  # "ALK medicines help ..." is too vague; "the ALK drug" is one drug
    if quantifier == "the" and not (age and plural):
        return None
    target = match.group("target")
    members = [d for d in catalogue.drugs.values() if target in d.targets and d.generation]
    if not members:
        return None
    if "newer" in age or "later" in age or "next" in age:
        oldest = min(d.generation for d in members)
        members = [d for d in members if d.generation > oldest]
    elif age:
        wanted = set().union(*(GENERATIONS[w] for w in GENERATIONS if w in age))
        members = [d for d in members if d.generation in wanted]
    return [d.slug for d in sorted(members, key=lambda d: (d.generation, d.slug))] or None


def _class_survival(sentence, catalogue, data_by_name, polarity, words):
    """A survival claim about a whole class: one member whose trials say otherwise makes it wrong."""
    match = CLASS_CLAIM.search(sentence.text)
    members = _class_members(catalogue, match) if match else None
    if not members:
        return None
    contrary, unknown, evidence = [], [], []
    for slug in members:
        own = [d for d in data_by_name.values() if d.trial.experimental_drug == slug and not d.single_arm]
        results = [(d, [o for o in _survival_outcomes(d, "") if o.significant is not None]) for d in own]
        known = [(d, outcomes) for d, outcomes in results if outcomes]
        if not known:
            unknown.append(f"{slug} ({', '.join(d.trial.name for d in own) or 'no trial recorded'})")
            continue
        significant = [d for d, outcomes in known if any(o.significant for o in outcomes)]
        described = "; ".join(
            f"{d.trial.name}: " + "; ".join(_describe_os(o) for o in outcomes) for d, outcomes in known
        )
        evidence.append(f"{slug}: {described}")
        if (polarity == "benefit" and not significant) or (polarity == "no benefit" and significant):
            contrary.append(f"{slug}: {described}")
    claim = f"Claim: {match.group(0).strip()}: “{words}” (a claim about {', '.join(members)})"
    if contrary:
        said = (
            "showed no statistically significant overall survival benefit"
            if polarity == "benefit"
            else ("showed a statistically significant overall survival benefit")
        )
        return Finding(
            "survival-claim",
            ERROR,
            f"{claim}. {'Not every one of them did' if polarity == 'benefit' else 'One of them did'}: the trial "
            f"of {'; '.join(contrary)} {said}.",
            sentence.location,
            sentence.text,
        )
    if polarity == "benefit" and unknown:
        return Finding(
            "survival-claim",
            WARNING,
            f"{claim}. No recorded evidence for {', '.join(unknown)}: no overall-survival result is recorded."
            + (f" Data: {'; '.join(evidence)}." if evidence else ""),
            sentence.location,
            sentence.text,
        )
    return False  # judged: the class's recorded results agree


def survival_claims(page):
    """Survival benefit claimed, or denied, against the trial's recorded overall-survival result."""
    data_by_name, context = _data(page)
    for sentence in page.sentences:
        text = sentence.text
        lower = text.lower()
        if not any(word in lower for word in SURVIVAL_WORDS) and " OS" not in text:
            continue
        if not any(word in lower for word in CLAIM_WORDS):
            continue
        polarity, words = _polarity(text)
        if not polarity:
            continue
        if not sentence.trials:
            judged = _class_survival(sentence, page.catalogue, data_by_name, polarity, words)
            if judged is not None:
                if judged:
                    yield judged
                continue
        names = _survival_trials(page, sentence, context.get(sentence.index), data_by_name)
        analysis = _stated_analysis(text, text.find(words))
        for name in names:
            finding = _judge_survival(sentence, data_by_name[name], polarity, words, analysis)
            if finding and finding.severity == ERROR and language.reported(text, text.find(words)):
                # "Some headlines said alectinib extends life, but ...": reported, not claimed.
                finding = replace(
                    finding,
                    severity=WARNING,
                    message=f"{finding.message} (Not an error: the sentence reports what others say; check whether "
                    "it endorses it.)",
                )
            if finding:
                yield finding


def _judge_survival(sentence, data, polarity, words, analysis):
    name = data.trial.name
    if not analysis:
        # "83% were alive at 18 months, a significant benefit": the figures say which analysis is meant.
        numbers = {decimal(n) for n in NUMBERS.findall(sentence.text)}
        quoted = {o.analysis for o in data.outcomes if o.endpoint == "os" and numbers & set(o.values.values())}
        if len(quoted) == 1 and quoted <= set(ANALYSIS_SETS):
            analysis = quoted.pop()
    if not analysis:
        # "By 18 months FLAURA had shown ...": a landmark names the analysis that reported it.
        months = timepoint_months(sentence.text)
        landmark = {o.analysis for o in data.outcomes if o.endpoint == "os" and months and _timepoint(o) == months}
        if len(landmark) == 1 and landmark <= set(ANALYSIS_SETS):
            analysis = landmark.pop()
    claim = f"Claim: {name}: “{words}”" + (f" ({ANALYSIS_LABELS[analysis].lower()})" if analysis else "")
    outcomes = _survival_outcomes(data, analysis)
    described = "; ".join(_describe_os(o) for o in outcomes)
    if data.single_arm:
        if polarity != "benefit":
            return None
        return Finding(
            "survival-claim",
            ERROR,
            f"{claim}. {name} had a single arm, so it cannot show that anyone lived longer than with another "
            f"treatment. Data: {described or 'no overall-survival result recorded'}.",
            sentence.location,
            sentence.text,
        )
    if not outcomes:
        if polarity != "benefit":
            return None
        return Finding(
            "survival-claim",
            WARNING,
            f"{claim}. No recorded evidence: {name} has no overall-survival result recorded.",
            sentence.location,
            sentence.text,
        )
    known = [o for o in outcomes if o.significant is not None]
    if not known:
        if polarity != "benefit":
            return None
        return Finding(
            "survival-claim",
            WARNING,
            f"{claim}. No recorded evidence of a significant difference. Data: {described}.",
            sentence.location,
            sentence.text,
        )
    significant = any(o.significant for o in known)
    which = known[0].analysis
    stage = ANALYSIS_LABELS.get(which, which).lower()
    note = ""
    if not analysis and which != "final":
        note = f" Only the {stage} is recorded."
    if polarity == "benefit" and not significant:
        return Finding(
            "survival-claim",
            ERROR,
            f"{claim}. {name} showed no statistically significant overall survival benefit in the {stage}."
            f"{note} Data: {'; '.join(_describe_os(o) for o in known)}.",
            sentence.location,
            sentence.text,
        )
    if polarity == "no benefit" and significant:
        return Finding(
            "survival-claim",
            ERROR,
            f"{claim}. The {stage} of {name} showed a statistically significant overall survival benefit."
            f"{note} Data: {'; '.join(_describe_os(o) for o in known)}.",
            sentence.location,
            sentence.text,
        )
    return None


# Arms -----------------------------------------------------------------------------------------

COMPARISON = re.compile(
    r"\b(?:compar\w*|versus|vs\.?|against|than|pitt\w*|head[- ]to[- ]head|randomi[sz]\w*)(?=\W|$)", re.IGNORECASE
)
COMPARATOR_STATED = re.compile(
    r"\b(?:comparator|control)(?:\s+(?:arm|group|drugs?|treatments?|medicines?))?\s*(?:was|were|is|:|consisted\s+of"
    r"|received|took|got|given)\s+|\b(?:compar\w*|tested|pitt\w*)\s+(?:[\w-]+\s+){1,4}?(?:with|to|against|versus|vs\.?)\s+"
    r"|\b(?:versus|vs\.?|against)\s+",
    re.IGNORECASE,
)
NOT_OF_THE_TRIAL = re.compile(
    r"\b(?:like|unlike|as\s+with|as\s+for|besides|apart\s+from|rather\s+than|instead\s+of|before|after|than\s+with"
    r"|later|then|switch\w*\s+to|moved?\s+to|crossed\s+over\s+to|followed\s+by)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)


# What a comparator arm is said to be: "compared osimertinib with platinum-pemetrexed chemotherapy",
# "alectinib was tested against chemotherapy", "the control group received docetaxel".
COMPARATOR_PHRASE = re.compile(
    r"\b(?:compar\w*|tested|pitt\w*|randomi[sz]\w*)\s+(?:[\w-]+\s+){0,4}?(?:with|to|against|versus|vs\.?)\s+"
    r"|\b(?:versus|vs\.?)\s+"
    r"|\b(?:comparator|control)(?:\s+(?:arm|group|treatment))?\s*(?:was|were|is|:|received|got|took|given)\s+",
    re.IGNORECASE,
)
COMPARATOR_END = re.compile(
    r"[,;:.()]|\b(?:in|among|for|who|whose|as|at|and\s+(?:found|showed|saw|reported))\b", re.IGNORECASE
)
TREATMENT_WORDS = re.compile(
    r"\b(?:chemo(?:therapy)?|platinum|pemetrexed|cisplatin|carboplatin|docetaxel|paclitaxel|gemcitabine"
    r"|placebo|standard\s+(?:care|treatment|therapy)|best\s+supportive\s+care|observation|immunotherapy)\b",
    re.IGNORECASE,
)


def _comparator_mismatch(text, start, end, trial):
    """A comparator named as a treatment ("chemotherapy", "placebo") that the recorded control arm is not."""
    recorded = (getattr(trial, "control_arm", None) or "").lower()
    for stated in COMPARATOR_PHRASE.finditer(text, start, end):
        stop = COMPARATOR_END.search(text, stated.end(), end)
        phrase = text[stated.end() : stop.start() if stop else min(end, stated.end() + 60)]
        words = [m.group(0).lower() for m in TREATMENT_WORDS.finditer(phrase)]
        if words and not any(w.split()[0].removesuffix("therapy") in recorded for w in words):
            return phrase.strip()
    return ""


def trial_arms(page):
    """ "The ALEX trial compared lorlatinib with crizotinib", "FLAURA's comparator was gefitinib"."""
    data_by_name, _ = _data(page)
    for sentence in page.sentences:
        named = list(dict.fromkeys(name for _, name in sentence.trials))
        if len(named) != 1 or not sentence.drugs or sentence.disclaimer:
            continue
        text = sentence.text
        if not COMPARISON.search(text) and "comparator" not in text.lower() and "control" not in text.lower():
            continue
        data = data_by_name[named[0]]
        trial = data.trial
        arms = f"{trial.experimental_drug} vs " + (" or ".join(sorted(data.controls)) or "a control not on this site")
        start, end = language.clause_at(text, sentence.trials[0][0])
        if not COMPARISON.search(text, start, end) and not COMPARATOR_STATED.search(text, start, end):
            start, end = 0, len(text)
        strangers = [
            slug
            for position, slug in sentence.drugs
            if start <= position < end
            and not data.drug_in_trial(slug)
            and not NOT_OF_THE_TRIAL.search(text[max(0, position - 30) : position])
        ]
        wrong = "" if strangers else _comparator_mismatch(text, start, end, trial)
        if wrong:
            recorded = getattr(trial, "control_arm", "") or "none: it had a single arm"
            yield Finding(
                "trial-arms",
                ERROR,
                f"Claim: {trial.name}'s comparator was {wrong}. {trial.name}'s control arm was {recorded}. "
                f"Data: {trial.name}: {arms}.",
                sentence.location,
                text,
            )
            continue
        if strangers:
            yield Finding(
                "trial-arms",
                ERROR,
                f"Claim: {', '.join(dict.fromkeys(strangers))} in {trial.name}. "
                f"{' and '.join(dict.fromkeys(strangers))} was not an arm of {trial.name}. Data: {trial.name}: {arms}.",
                sentence.location,
                text,
            )
            continue
        if len(data.controls) < 2:
            continue
        stated = COMPARATOR_STATED.search(text)
        if not stated:
            continue
        after = [(p, slug) for p, slug in sentence.drugs if p >= stated.end()]
        if not after or after[0][1] not in data.controls:
            continue
        # "gefitinib 250 mg or erlotinib 150 mg": every control named anywhere in the sentence counts.
        said = data.controls & {slug for _, slug in sentence.drugs}
        if said < data.controls:
            missing = " or ".join(sorted(data.controls - said))
            yield Finding(
                "trial-arms",
                ERROR,
                f"Claim: {trial.name}'s comparator was {' or '.join(sorted(said))}. The comparator arm was "
                f"{' or '.join(sorted(data.controls))}: {missing} is left out. Data: {trial.name}: {arms}.",
                sentence.location,
                text,
            )


# Who a trial enrolled -------------------------------------------------------------------

QUESTION_END = re.compile(r"\?\s*$")
POPULATION_APART = re.compile(r"[;:—–]|\s-\s|,\s*(?:and|but|while|whereas|which|where)\b|\.\s", re.IGNORECASE)
POPULATION_BEFORE = re.compile(
    r"\b(?:in|with|among|amongst|enrolled|enrolling|recruited|included|including|of)\s+(?:[\w-]+\s+){0,4}?$",
    re.IGNORECASE,
)


def _population_biomarkers(catalogue):
    """{trial name: the biomarkers its recorded population names} (cached on the catalogue)."""
    cached = getattr(catalogue, "_population_biomarkers", None)
    if cached is None:
        cached = {
            name: {catalogue._biomarker_names[m.group(1)] for m in catalogue._biomarker_re.finditer(trial.population)}
            for name, trial in catalogue.trials.items()
        }
        catalogue._population_biomarkers = cached
    return cached


# "ROS1-positive", "ROS1 disease", "ROS1 lung cancer": a biomarker named as a use.
A_USE = re.compile(
    r"[\s-]*(?:positive|\+|fusions?|rearranged|mutat\w*|disease|cancer|lung|NSCLC|tumou?rs?)\b", re.IGNORECASE
)
EVIDENCE_FROM = re.compile(
    r"\b(?:comes?|came|derives?|derived|stems?|stemmed)\s+(?:\w+\s+){0,2}?from\s+(?:the\s+)?(?:\w+\s+)?$"
    r"|\b(?:based|rests?|rested|relies|relied)\s+(?:\w+\s+){0,2}?on\s+(?:the\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)


def trial_population(page):
    """ "PROFILE 1014 tested crizotinib in people with ROS1-positive disease": the trial enrolled another
    biomarker's patients (its recorded population names ALK only)."""
    from .names import CONTRAST, _as_basis

    catalogue = page.catalogue
    enrolled = _population_biomarkers(catalogue)
    for sentence in page.sentences:
        named = list(dict.fromkeys(name for _, name in sentence.trials))
        if len(named) != 1 or not sentence.biomarkers or sentence.disclaimer or QUESTION_END.search(sentence.text):
            continue
        trial = catalogue.trials.get(named[0])
        recorded = enrolled.get(named[0])
        if not trial or not recorded:
            continue
        text = sentence.text
        trial_at = sentence.trials[0][0]
        # "The evidence for crizotinib in ROS1-positive disease comes mainly from PROFILE 1014": the use named
        # before the trial is what the trial is said to have shown.
        source_of = EVIDENCE_FROM.search(text[max(0, trial_at - 40) : trial_at])
        for position, name, end in sentence.biomarkers:
            if source_of and position < trial_at and name not in recorded and A_USE.match(text, end):
                if language.negation(text, position) or language.negation(text, trial_at):
                    continue
                yield Finding(
                    "trial-population",
                    ERROR,
                    f"Claim: {trial.name} is the evidence for use in {name}-positive disease. Data: {trial.name} "
                    f"enrolled {trial.population}.",
                    sentence.location,
                    text,
                )
                break
            if name in recorded or position < trial_at or not _as_basis(sentence, end):
                continue
            # Who the trial enrolled, said after it in the same clause: "ALEX ... in people with ROS1-positive
            # NSCLC"; not "About 1-2% are ROS1-positive" nor "..., and ROS1-positive disease is rarer".
            if POPULATION_APART.search(text, trial_at, position) or not POPULATION_BEFORE.search(
                text[max(trial_at, position - 40) : position]
            ):
                continue
            if language.negation(text, position) or CONTRAST.search(text[max(0, position - 50) : position]):
                continue
            yield Finding(
                "trial-population",
                ERROR,
                f"Claim: {trial.name} enrolled people with {name}-positive disease. Data: {trial.name} enrolled "
                f"{trial.population}.",
                sentence.location,
                text,
            )
            break
