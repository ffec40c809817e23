"""How a snapshot reads on the page: contents, key facts, approval lines, trial tables and charts.

Everything here takes a snapshot's plain data and returns plain data for the templates,
so a publication and a preview of a working copy are laid out by the same code. Numbers
are shown exactly as the snapshot stores them; nothing is computed from them except where
a bar ends or a point sits on a chart.
"""

import math
import textwrap
from decimal import Decimal, InvalidOperation
from functools import cache, partial, wraps

from django.utils.functional import SimpleLazyObject
from django.utils.html import strip_tags
from django.utils.text import slugify

from .references import mid_sentence, with_unit
from .rendering import render_markdown
from .snapshots import upgrade

# The ids the page templates give their own sections, headings and figures; an editor's
# heading never takes one of them.
TEMPLATE_ANCHORS = {
    "main",
    "contents",
    "key-facts-heading",
    "trials-heading",
    "comparison-heading",
    "head-to-head-heading",
    "verdict-heading",
    "related-heading",
    "questions-heading",
    "sources-heading",
    "history-heading",
    "glossary-heading",
    "chart-title",
    "chart-desc",
}
# And the drug page's safety sections (includes/safety.html).
SAFETY_PARTS = ("how-to-take", "side-effects", "monitoring", "contraception")
SAFETY_ANCHORS = {f"{part}{suffix}" for part in SAFETY_PARTS for suffix in ("", "-heading")}


def worked_out_when_read(*names):
    """A kind's context, each of `names` worked out from the snapshot only when a template first reads one.

    The page parts that use them are kept by the snapshot's content hash
    ({% snapshot_part %}), so a page served from them reads none and costs none of this work.
    """

    def decorator(context_of):
        @wraps(context_of)
        def lazy_context(snapshot):
            context = cache(partial(context_of, snapshot))
            return {name: SimpleLazyObject(partial(lambda name: context().get(name), name)) for name in names}

        return lazy_context

    return decorator


@worked_out_when_read("drug", "safety", "trials", "page_sections", "contents")
def drug_page_context(snapshot):
    drugs = snapshot["drugs"]
    drug = next((d for d in drugs if d["slug"] == snapshot["drug"]), drugs[0] if drugs else None)
    safety = safety_view(drug) if drug else None
    trials = [trial_view(trial) for trial in snapshot["trials"]]
    sections = page_sections(snapshot, trials, reserved=SAFETY_ANCHORS)
    contents = [{"anchor": "key-facts-heading", "text": "Key facts"}] if drug else []
    contents += [{"anchor": s["anchor"], "text": s["heading"]} for s in sections]
    contents += safety_contents(safety)
    if trials:
        contents.append(
            {
                "anchor": "trials-heading",
                "text": "What the trials found",
                "children": [{"anchor": f"trial-{t['slug']}", "text": t["name"]} for t in trials],
            }
        )
    return {
        "drug": drug_facts(drug) if drug else None,
        "safety": safety,
        "trials": trials,
        "page_sections": sections,
        "contents": contents,
    }


@worked_out_when_read("compared", "head_to_head", "chart", "page_sections", "contents")
def comparison_context(snapshot):
    context = {"compared": [drug_facts(drug) for drug in snapshot["drugs"]]}
    contents = [{"anchor": "comparison-heading", "text": "Side by side"}] if context["compared"] else []
    head_to_head = next((t for t in snapshot["trials"] if t["slug"] == snapshot["head_to_head"]), None)
    if head_to_head:
        context["head_to_head"] = trial_view(head_to_head)
        context["chart"] = outcome_chart(head_to_head)
        contents.append({"anchor": "head-to-head-heading", "text": f"Head to head: the {head_to_head['name']} trial"})
    if snapshot.get("verdict"):
        contents.append({"anchor": "verdict-heading", "text": "The bottom line"})
    context["page_sections"] = page_sections(snapshot, [head_to_head] if head_to_head else [])
    context["contents"] = contents + [{"anchor": s["anchor"], "text": s["heading"]} for s in context["page_sections"]]
    return context


@worked_out_when_read("drug_names", "page_sections", "contents")
def article_context(snapshot):
    sections = page_sections(snapshot, [])
    return {
        "drug_names": [drug["name"] for drug in snapshot["drugs"]],
        "page_sections": sections,
        "contents": [{"anchor": s["anchor"], "text": s["heading"]} for s in sections],
    }


def page_sections(snapshot, trials, reserved=frozenset()):
    """The editor's sections, each with an anchor made from its heading, unique on the page.

    The anchor stays the same while the heading does, so a link to "#how-it-works" keeps
    working through edits elsewhere on the page; a second "How it works" gets "#how-it-works-2".
    """
    taken = TEMPLATE_ANCHORS | reserved | {f"trial-{t['slug']}" for t in trials}
    taken |= {f"forest-{t['slug']}-{part}" for t in trials for part in ("title", "desc")}
    taken |= {f"term-{entry['slug']}" for entry in snapshot.get("glossary", [])}  # includes/glossary.html
    sections = []
    for number, section in enumerate(snapshot["sections"], 1):
        base = slugify(section["heading"], allow_unicode=True) or f"section-{number}"
        anchor, suffix = base, 2
        while anchor in taken:
            anchor, suffix = f"{base}-{suffix}", suffix + 1
        taken.add(anchor)
        sections.append({"heading": section["heading"], "body": section["body"], "anchor": anchor})
    return sections


def safety_contents(safety):
    """Contents entries for the safety sections that includes/safety.html shows."""
    if not safety:
        return []
    shown = [
        ("how-to-take", "How to take it", safety["dose"] or safety["food"] or safety["how_to_take"]),
        ("side-effects", "Side effects and warnings", safety["serious"] or safety["common"]),
        ("monitoring", "Tests while you take it", safety["monitoring"]),
        ("contraception", "Pregnancy and contraception", safety["contraception"]),
    ]
    return [{"anchor": anchor, "text": text} for anchor, text, present in shown if present]


def disclaimer_drugs(snapshot):
    """The page's own drug names, joined for a sentence: a page cannot name another drug."""
    names = [drug["name"] for drug in snapshot["drugs"]]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def drug_facts(drug):
    """The "key facts" of one drug, as rows of label and value."""
    targets = drug["targets_detail"] or ", ".join(drug["targets"])
    return {
        "name": drug["name"],
        "slug": drug["slug"],
        "brand_names": ", ".join(drug["brand_names"]),
        "drug_class": drug["drug_class"],
        "generation": drug["generation"],
        "targets": targets,
        "dose": drug["dose"],
        "dose_verified": drug["dose_verified"],
        "dose_adjustments": drug["dose_adjustments"],
        "route": drug["route"],
        "prescription": "Prescription only" if drug["prescription_only"] else "Available without a prescription",
        "manufacturers": drug["manufacturers"],
        "generic_available": drug["generic_available"],
        "approvals": [approval(indication) for indication in drug["indications"]],
        "pivotal_trials": drug["pivotal_trials"],
    }


def safety_view(drug):
    """Side effects and warnings, monitoring, contraception and how to take it: the drug page's
    safety sections, each fact with the source it cites. None when the drug has no such row."""
    effects = [side_effect_view(row) for row in drug["side_effects"]]
    view = {
        "serious": [e for e in effects if e["kind"] == "serious"],
        "common": [e for e in effects if e["kind"] == "common"],
        "monitoring": drug["monitoring"],
        "contraception": drug["contraception"],
        "food": drug["food_label"],
        "how_to_take": drug["how_to_take"],
        "route": drug["route"],
        "dose": drug["dose"],
    }
    shown = ("serious", "common", "monitoring", "contraception", "food", "how_to_take")
    return view if any(view[key] for key in shown) else None


def side_effect_view(row):
    parts = []
    if row["rate"] is not None:
        about = "about " if row["rate_is_approximate"] else ""
        parts.append(
            f"{about}{row['rate']}% of patients" + (f" ({row['rate_measure']})" if row["rate_measure"] else "")
        )
    if row["fatal_rate"] is not None:
        parts.append(f"fatal in {row['fatal_rate']}%")
    return dict(row, how_often="; ".join(parts))


def approval(indication):
    """One use of a drug as a reader needs it: what for, and its standing with the regulator."""
    condition = indication["condition"]
    if indication["biomarker"]:
        condition = f"{indication['biomarker']}-positive {mid_sentence(condition)}"
    details = [indication[key] for key in ("setting", "line_of_therapy", "population") if indication[key]]
    regulator = indication["regulator"]
    approved = indication["status"] == "approved"
    if approved:
        standing = indication["approval_type_label"] or "Approved"
        if indication["approval_date_display"]:
            standing = f"{standing}, {indication['approval_date_display']}"
    else:
        standing = f"Not approved by the {regulator} for this use (guideline-listed or off-label use)"
    return {
        "condition": condition,
        "details": "; ".join(details),
        "regulator": regulator,
        "approved": approved,
        "standing": standing,
        "date": indication["approval_date"],
    }


def trial_view(trial):
    arms = [{"name": trial["experimental_arm"], "patients": trial["experimental_patients"]}]
    if trial["control_arm"]:
        arms.append({"name": trial["control_arm"], "patients": trial["control_patients"]})
    return {
        "name": trial["name"],
        "slug": trial["slug"],
        "nct_id": trial["nct_id"],
        "phase": trial["phase"],
        "design": trial["design"],
        "population": trial["population"],
        "line_of_therapy": trial["line_of_therapy"],
        "arms": arms,
        "two_arms": len(arms) == 2,
        "outcomes": [outcome_view(outcome, trial) for outcome in trial["outcomes"]],
        "forest_plot": forest_plot(trial),
    }


# Which way is better for a patient, by endpoint: more time or more responses, or fewer
# cancers growing in the brain. A hazard ratio compares the risk of the endpoint's event
# (progression, death), so below 1 always favours the trial's experimental arm.
HIGHER_IS_BETTER = {
    "pfs": True,
    "os": True,
    "orr": True,
    "dor": True,
    "event_free": True,
    "dfs": True,
    "cns_progression": False,
}
TIME_ENDPOINTS = {"pfs", "os", "dor", "dfs"}


def direction(outcome):
    """Which way is better, in words, for the values the outcome gives ("Longer is better")."""
    higher = HIGHER_IS_BETTER.get(outcome["endpoint"])
    if higher is None:
        return ""
    in_time = outcome["unit"] == "months" or (not outcome["unit"] and outcome["endpoint"] in TIME_ENDPOINTS)
    if in_time:
        return "Longer is better" if higher else "Shorter is better"
    return "Higher is better" if higher else "Lower is better"


def significance(outcome, trial):
    """Whether the difference was statistically significant, in words, and how to mark it."""
    if outcome["statistically_significant"] is True:
        return "Statistically significant", "significant"
    if outcome["statistically_significant"] is False:
        return "Not statistically significant", "not-significant"
    if not trial["control_arm"]:
        return "One group only: no comparison was tested", "not-tested"
    return "Significance not stated by the source", "not-stated"


def outcome_view(outcome, trial):
    unit = outcome["unit"]
    experimental = with_unit(outcome["experimental_value"], unit)
    if outcome["experimental_ci_low"] is not None:
        low, high = outcome["experimental_ci_low"], outcome["experimental_ci_high"]
        experimental += f" (95% CI {low}–{high})"
    hazard_ratio = ""
    if outcome["hazard_ratio"] is not None:
        hazard_ratio = outcome["hazard_ratio"]
        if outcome["hr_ci_low"] is not None:
            hazard_ratio += f" (95% CI {outcome['hr_ci_low']}–{outcome['hr_ci_high']})"
    significance_text, significance_mark = significance(outcome, trial)
    return {
        "label": outcome["label"],
        "measure": outcome["measure"],
        "timepoint": outcome["timepoint"],
        "experimental": experimental,
        "control": with_unit(outcome["control_value"], unit),
        "hazard_ratio": hazard_ratio,
        "hr_kind": outcome["hr_kind"],
        "hr_favours": f"Below 1 favours {trial['experimental_arm']}" if hazard_ratio and trial["control_arm"] else "",
        "not_significant": outcome["statistically_significant"] is False,
        "significance": significance_text,
        "significance_mark": significance_mark,
        "direction": direction(outcome),
        "note": outcome["note"],
        "patients": outcome["patients"],
        "source": outcome["source"],
    }


# The charts are drawn in CSS pixels across the width of the page (no viewBox), so their text
# keeps its size on a phone; only positions along a value axis are a share of the width.
LINE_HEIGHT = 18
LABEL_CHARS = 36  # a line of 14px bold text that fits a 390px-wide phone
NOTE_CHARS = 44
BAR_SCALE = 470  # the length of a full bar, in the units of the bar area
BAR_SHARE = 60  # the share of the chart's width (%) a full bar takes; the rest is for its value
BAR_HEIGHT = 22
ROW_GAP = 22
LEGEND_LINE = 24
FOREST_PAD = 8  # the share of the width (%) left at each end of the hazard-ratio axis
FOREST_TICKS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10)


def _number(value):
    try:
        return Decimal(value)
    except (InvalidOperation, TypeError):
        return None


def _lines(text, width, top):
    """Text wrapped to lines of at most `width` characters, each with its baseline."""
    return [{"text": line, "y": top + 14 + i * LINE_HEIGHT} for i, line in enumerate(textwrap.wrap(text, width))]


def _notes(texts, flagged, top):
    """Lines under a result's label, one text each (wrapped if need be); `flagged` marks the last."""
    texts = [text for text in texts if text]
    lines = []
    for number, text in enumerate(texts, 1):
        for line in _lines(text, NOTE_CHARS, top + len(lines) * LINE_HEIGHT):
            lines.append(dict(line, flag=flagged and number == len(texts)))
    return lines


def outcome_chart(trial):
    """Bars for each outcome with per-arm values; a bar's length is its value on its unit's scale.

    Percentages share a 0-100% scale; months share a scale up to the longest median shown,
    so bars in different units are never drawn against each other. Each result says which
    way is better and whether the difference was statistically significant.
    """
    two_arms = bool(trial["control_arm"])
    rows = []
    for outcome in trial["outcomes"]:
        experimental = _number(outcome["experimental_value"])
        control = _number(outcome["control_value"])
        if experimental is None or (two_arms and control is None) or not outcome["unit"]:
            continue
        rows.append((outcome, experimental, control if two_arms else None))
    if not rows:
        return None
    month_max = max(
        [v for o, e, c in rows if o["unit"] == "months" for v in (e, c) if v is not None], default=Decimal(1)
    )
    scale = {"%": Decimal(100), "months": month_max or Decimal(1)}
    arm_names = [trial["experimental_arm"]] + ([trial["control_arm"]] if two_arms else [])
    legend = [
        {
            "name": name,
            "css": "bar-experimental" if i == 0 else "bar-control",
            "y": 4 + i * LEGEND_LINE,
            "text_y": 17 + i * LEGEND_LINE,
        }
        for i, name in enumerate(arm_names)
    ]
    top = len(arm_names) * LEGEND_LINE + 12
    chart_rows, described = [], []
    for outcome, experimental, control in rows:
        label = _lines(outcome["label"], LABEL_CHARS, top)
        top = label[-1]["y"] - 14 + LINE_HEIGHT
        words, mark = significance(outcome, trial)
        notes = _notes([direction(outcome), words], mark == "not-significant", top)
        top = notes[-1]["y"] - 14 + LINE_HEIGHT + 4
        values = [(experimental, outcome["experimental_value"])]
        if two_arms:
            values.append((control, outcome["control_value"]))
        bars = []
        for arm, (number, text) in enumerate(values):
            width = float(min(number / scale[outcome["unit"]], 1) * BAR_SCALE)
            y = top + arm * (BAR_HEIGHT + 4)
            bars.append(
                {
                    "arm": arm_names[arm],
                    "css": "bar-experimental" if arm == 0 else "bar-control",
                    "y": y,
                    "width": round(width, 1),
                    "text_x": round(width / BAR_SCALE * BAR_SHARE, 2),
                    "text_y": y + BAR_HEIGHT - 6,
                    "value": with_unit(text, outcome["unit"]),
                }
            )
        top += len(bars) * (BAR_HEIGHT + 4) + ROW_GAP
        chart_rows.append({"label_lines": label, "notes": notes, "bars": bars})
        said = [", ".join(f"{bar['arm']} {bar['value']}" for bar in bars), direction(outcome).lower(), words.lower()]
        described.append(f"{outcome['label']}: {'; '.join(filter(None, said))}.")
    return {
        "height": top - ROW_GAP + 4,
        "bar_share": BAR_SHARE,
        "bar_scale": BAR_SCALE,
        "rows": chart_rows,
        "legend": legend,
        "title": f"{trial['name']}: results by treatment arm",
        "description": " ".join(described),
    }


def forest_plot(trial):
    """Each hazard ratio of a trial as a point, with its 95% confidence interval as a line.

    The axis is logarithmic, as hazard ratios are: 0.5 and 2 sit at the same distance from 1.
    """
    rows = []
    for outcome in trial["outcomes"]:
        hazard_ratio = _number(outcome["hazard_ratio"])
        if hazard_ratio is None or hazard_ratio <= 0:
            continue
        low, high = _number(outcome["hr_ci_low"]), _number(outcome["hr_ci_high"])
        interval = (low, high) if low and high and low > 0 else None
        rows.append((outcome, hazard_ratio, interval))
    if not rows:
        return None
    values = [float(v) for _, hr, interval in rows for v in (hr, *(interval or ()))] + [1.0]
    axis_low, axis_high = min(values) / 1.3, max(values) * 1.3
    span = math.log(axis_high) - math.log(axis_low)

    def at(value):
        return round(FOREST_PAD + (math.log(float(value)) - math.log(axis_low)) / span * (100 - 2 * FOREST_PAD), 2)

    experimental = trial["experimental_arm"]
    control = trial["control_arm"] or "the comparison group"
    top, plot_rows, described = 0, [], []
    for outcome, hazard_ratio, interval in rows:
        label = _lines(outcome["label"], LABEL_CHARS, top)
        top = label[-1]["y"] - 14 + LINE_HEIGHT
        kind = f"{outcome['hr_kind'].capitalize()} HR" if outcome["hr_kind"] else "HR"
        result = f"{kind} {outcome['hazard_ratio']}"
        if interval:
            result += f" (95% CI {outcome['hr_ci_low']}–{outcome['hr_ci_high']})"
        else:
            result += " (no interval reported)"
        words, mark = significance(outcome, trial)
        notes = _notes([result, words], mark == "not-significant", top)
        top = notes[-1]["y"] - 14 + LINE_HEIGHT + 6
        plot_rows.append(
            {
                "label_lines": label,
                "notes": notes,
                "y": top + 8,
                "tick_top": top - 4,
                "tick_bottom": top + 20,
                "point": at(hazard_ratio),
                "low": at(interval[0]) if interval else None,
                "high": at(interval[1]) if interval else None,
            }
        )
        described.append(f"{outcome['label']}: {result}, {words.lower()}.")
        top += 16 + ROW_GAP
    axis_y = top
    ticks = [
        {"value": f"{tick:g}", "x": at(tick), "no_difference": tick == 1}
        for tick in FOREST_TICKS
        if axis_low <= tick <= axis_high
    ]
    return {
        "title": f"{trial['name']}: hazard ratios with their 95% confidence intervals",
        "description": (
            f"Hazard ratios from the {trial['name']} trial, {experimental} compared with {control}. "
            f"Below 1 favours {experimental}; above 1 favours {control}. " + " ".join(described)
        ),
        "rows": plot_rows,
        "axis_start": FOREST_PAD,
        "axis_end": 100 - FOREST_PAD,
        "axis_y": axis_y,
        "tick_end": axis_y + 5,
        "tick_y": axis_y + 20,
        "one": at(1),
        "ticks": ticks,
        "favours_y": axis_y + 44,
        "favours_experimental": f"← Favours {experimental}",
        "favours_control_y": axis_y + 44 + LINE_HEIGHT,
        "favours_control": f"Favours {control} →",
        "height": axis_y + 44 + LINE_HEIGHT + 8,
    }


def source_view(source):
    """A cited source, with links only to web addresses (never another scheme)."""
    url = source.get("url") or ""
    links = []
    if url.startswith(("https://", "http://")):
        links.append({"href": url, "text": "Read the source"})
    if source.get("pmid"):
        links.append({"href": f"https://pubmed.ncbi.nlm.nih.gov/{source['pmid']}/", "text": f"PMID {source['pmid']}"})
    if source.get("doi"):
        links.append({"href": f"https://doi.org/{source['doi']}", "text": f"DOI {source['doi']}"})
    publisher, citation = source.get("publisher") or "", source.get("citation") or ""
    # A citation usually starts with its journal ("N Engl J Med 2014;371:2167"): say it once.
    if publisher and citation.startswith(publisher):
        publisher = ""
    details = [value for value in (publisher, citation, source.get("version")) if value]
    return {
        "title": source.get("title", ""),
        "kind": source.get("kind_label", ""),
        "details": ", ".join(details),
        "date": source.get("date"),
        "note": source.get("note", ""),
        "links": links,
    }


def readable_text(snapshot):
    """The text a reader sees on a page, as plain text blocks (what search indexes)."""
    snapshot = upgrade(snapshot)
    blocks = [snapshot["title"], snapshot["summary"]]
    for section in snapshot["sections"]:
        blocks.append(section["heading"])
        blocks.append(strip_tags(render_markdown(section["body"], snapshot)))
    for group in snapshot["question_groups"]:
        blocks.append(group["heading"])
        blocks.append(strip_tags(render_markdown(group["intro"], snapshot)))
        blocks.extend(group["questions"])
    if snapshot.get("verdict"):
        blocks.append(strip_tags(render_markdown(snapshot["verdict"], snapshot)))
    return [" ".join(block.split()) for block in blocks if block and block.strip()]
