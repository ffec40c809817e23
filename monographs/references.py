"""Figures by reference: prose that names a trial result, dose or approval by its row.

An editor writes `[[outcome:alex/pfs/updated/investigator]]` where the figure belongs;
rendering puts the figure there, labelled with its analysis and source, taken from the
page's snapshot and nothing else. So prose cannot drift from the data it quotes, and
the one sanitizer still sees all of it: a reference becomes Markdown text (escaped)
before markdown-it and bleach run, never HTML.

A code names its row by the row's own data (readable in a diff, the same on every
database) or by its id (`[[outcome:14]]`):

    [[outcome:<trial slug>/<endpoint>/<analysis>[/<assessor>][/<timepoint>]]]
    [[approval:<drug slug>/<biomarker>-<condition>/<approval date or "undated" or "not-approved">]]
    [[dose:<drug slug>]]
    [[dose-change:<drug slug>/<kind>/<population, up to its first comma or bracket>]]

A code the snapshot cannot resolve (a row the page does not show, a typo, two rows
sharing a code) reads as MISSING on the page; the content checks report it as an error.
"""

import copy
import re
from dataclasses import dataclass

from django.utils.text import slugify

# Anything in double brackets is meant as a reference; what is not a known code is missing.
REFERENCE = re.compile(r"\[\[([^\[\]\n]*)\]\]")
MISSING = "[missing reference]"
# The Markdown for MISSING: bold, and its brackets escaped so that "(...)" after it is no link.
_MISSING_MARKDOWN = r"**\[missing reference\]**"
# Characters that would make a figure's text into Markdown (emphasis, links, HTML, table cells).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~])")


@dataclass(frozen=True)
class Figure:
    code: str  # the readable code, as the picker offers it: "outcome:alex/pfs/updated/investigator"
    id_code: str  # the same row by id: "outcome:14"
    kind: str  # outcome, approval, dose, dose-change
    group: str  # what the picker lists it under: a trial's or a drug's name
    title: str  # what it is, for the picker: "Progression-free survival (investigator-assessed) — updated analysis"
    text: str  # what the page reads in its place (plain text)
    values: tuple = ()  # (kind, value) pairs a bare figure in prose may repeat: ("months", "34.8"), ("hr", "0.43")
    source_id: int | None = None  # the Source the figure comes from, where its row records one
    source: str = ""  # and that source's citation

    @property
    def reference(self):
        return f"[[{self.code}]]"


def figures(snapshot):
    """Every figure a page can refer to, from its snapshot alone, in the order the page shows them."""
    found = []
    for drug in snapshot.get("drugs", []):
        if drug.get("dose"):
            found.append(_dose(drug))
        found += [_dose_change(drug, change) for change in drug.get("dose_adjustments", [])]
        found += [_approval(drug, indication) for indication in drug.get("indications", [])]
    for trial in snapshot.get("trials", []):
        found += [_outcome(trial, outcome) for outcome in trial.get("outcomes", [])]
    return found


def resolver(snapshot):
    """{code: [figures]}, by readable code and by id; two rows may share a readable code."""
    codes = {}
    for figure in figures(snapshot):
        for code in dict.fromkeys((figure.code, figure.id_code)):
            codes.setdefault(normalise(code), []).append(figure)
    return codes


def normalise(code):
    return re.sub(r"\s+", "", code).lower()


def resolve(code, codes):
    """The one figure a code names, or None."""
    found = codes.get(normalise(code), [])
    return found[0] if len(found) == 1 else None


def references(text):
    """The codes written in a text, in order."""
    return [match.group(1) for match in REFERENCE.finditer(text or "")]


def expand(text, snapshot=None, codes=None):
    """Markdown with each reference replaced by its figure's text, escaped; an unresolved one by MISSING.

    Without a snapshot nothing resolves: references only ever read from a page's own data.
    """
    if not text or "[[" not in text:
        return text
    if codes is None:
        codes = resolver(snapshot) if snapshot is not None else {}

    def replace(match):
        figure = resolve(match.group(1), codes)
        return _MISSING_MARKDOWN if figure is None else escape(figure.text)

    return REFERENCE.sub(replace, text)


def escape(text):
    """Plain text as Markdown that reads as the same text, on one line."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def expand_snapshot(snapshot):
    """A copy of the snapshot with its Markdown fields (the ones that may hold references) expanded.

    The prose as written stays under "written", for the checks about references themselves.
    """
    codes = resolver(snapshot)
    expanded = copy.deepcopy(snapshot)
    for section in expanded.get("sections", []):
        section["body"] = expand(section.get("body", ""), codes=codes)
    for group in expanded.get("question_groups", []):
        group["intro"] = expand(group.get("intro", ""), codes=codes)
    if expanded.get("verdict"):
        expanded["verdict"] = expand(expanded["verdict"], codes=codes)
    expanded["written"] = snapshot
    return expanded


# How each kind of figure reads ---------------------------------------------------------------


def _dose(drug):
    text = drug["dose"]
    if not drug.get("dose_verified", True):
        text += " (dose to be confirmed against the current label)"
    return Figure(
        code=f"dose:{drug['slug']}",
        id_code=f"dose:{drug.get('id')}",
        kind="dose",
        group=_name(drug),
        title="Usual adult dose",
        text=text,
        values=(("dose", drug["dose"]),),
    )


def _dose_change(drug, change):
    population = change["population"]
    short = re.split(r"[,(;]", population, maxsplit=1)[0]
    return Figure(
        code=f"dose-change:{drug['slug']}/{change['kind']}/{slugify(short)}",
        id_code=f"dose-change:{change['id']}",
        kind="dose-change",
        group=_name(drug),
        title=f"Dose change: {population}",
        text=f"{change['dose']} for {mid_sentence(population)}",
        values=(("dose", change["dose"]),),
    )


def _approval(drug, indication):
    use = f"{indication['condition_short']}"
    if indication["biomarker"]:
        use = f"{indication['biomarker']}-positive {use}"
    details = [indication[key] for key in ("setting", "line_of_therapy", "population") if indication.get(key)]
    described = ", ".join([use, *details])
    regulator = indication["regulator"]
    key = f"{indication['biomarker'] or 'any'}-{indication['condition_short']}"
    if indication["status"] != "approved":
        when = "not-approved"
        text = f"not approved by the {regulator} for this use ({_name(drug)} for {described})"
        title = f"Not approved: {described}"
    else:
        when = indication["approval_date"] or "undated"
        approval = (indication.get("approval_type_label") or "approval").lower()
        shown = indication.get("approval_date_display") or "date not recorded"
        text = f"{shown} ({regulator} {approval} of {_name(drug)} for {described})"
        title = f"{regulator} {approval}, {shown}: {described}"
    return Figure(
        code=f"approval:{drug['slug']}/{slugify(key)}/{when}",
        id_code=f"approval:{indication['id']}",
        kind="approval",
        group=_name(drug),
        title=title,
        text=text,
        values=(("year", indication["approval_date"][:4]),) if indication.get("approval_date") else (),
    )


def _outcome(trial, outcome):
    unit = outcome["unit"]
    experimental, control = outcome["experimental_value"], outcome["control_value"]
    parts, values = [], []
    if experimental is not None and control is not None:
        parts.append(
            f"{with_unit(experimental, unit)} with {trial['experimental_arm']} "
            f"vs {with_unit(control, unit)} with {trial['control_arm']}"
        )
        values += [(unit, experimental), (unit, control)]
    elif experimental is not None:
        shown = with_unit(experimental, unit)
        if outcome["experimental_ci_low"] is not None:
            shown += f", 95% CI {outcome['experimental_ci_low']}–{outcome['experimental_ci_high']}"
        parts.append(shown)
        values.append((unit, experimental))
    if outcome["hazard_ratio"] is not None:
        kind = f"{outcome['hr_kind']} " if outcome["hr_kind"] else ""
        shown = f"{kind}HR {outcome['hazard_ratio']}"
        if outcome["hr_ci_low"] is not None:
            shown += f", 95% CI {outcome['hr_ci_low']}–{outcome['hr_ci_high']}"
        parts.append(shown)
        values.append(("hr", outcome["hazard_ratio"]))
    details = [_measured(outcome)]
    if outcome.get("population"):
        details.append(outcome["population"])
    details += [label for label in (outcome["assessor_label"], outcome["analysis_label"]) if label]
    details = [mid_sentence(d) for d in details]
    if outcome["patients"]:
        details.append(f"{outcome['patients']} patients")
    if parts and outcome["note"]:
        details.append(outcome["note"])
    elif parts and outcome["statistically_significant"] is False:
        details.append("not statistically significant")
    figure = ", ".join(parts) or outcome["note"] or "no figures recorded"
    label = f"{', '.join(details)}; {outcome['source']}"
    # "not significantly different (84% crossover)" takes its label inside its own brackets.
    text = f"{figure[:-1]}; {label})" if figure.endswith(")") else f"{figure} ({label})"
    code = "/".join(part for part in (trial["slug"], outcome["endpoint"], outcome["analysis"]) if part)
    for extra in (outcome["assessor"], outcome["timepoint"]):
        if extra:
            code += f"/{slugify(extra)}"
    return Figure(
        code=f"outcome:{code}",
        id_code=f"outcome:{outcome['id']}",
        kind="outcome",
        group=f"{trial['name']} trial",
        title=outcome["label"],
        text=text,
        values=tuple(values),
        source_id=outcome.get("source_id"),
        source=outcome.get("source", ""),
    )


def _name(drug):
    return drug.get("name") or drug["slug"]


def _measured(outcome):
    endpoint = outcome["endpoint_label"]
    if outcome["measure"] == "median":
        return f"median {mid_sentence(endpoint)}"
    if outcome["timepoint"]:
        return f"{outcome['timepoint']} {mid_sentence(endpoint)}"
    return endpoint


def with_unit(value, unit):
    """A figure as readers see it: "74%", "34.8 months"; nothing for a value not recorded."""
    if value is None:
        return ""
    return f"{value}%" if unit == "%" else f"{value} {unit}".strip()


def mid_sentence(words):
    """ "Progression-free survival" inside a phrase; "CNS progression" and "FDA label" keep their capitals."""
    if len(words) > 1 and words[0].isupper() and words[1].islower():
        return words[0].lower() + words[1:]
    return words
