"""How a snapshot reads on the page: key facts, approval lines, trial tables and the chart.

Everything here takes a snapshot's plain data and returns plain data for the templates,
so a publication and a preview of a working copy are laid out by the same code. Numbers
are shown exactly as the snapshot stores them; nothing is computed from them except the
length of a bar.
"""

from decimal import Decimal, InvalidOperation

from django.utils.html import strip_tags

from .references import mid_sentence, with_unit
from .rendering import render_markdown
from .snapshots import upgrade


def drug_page_context(snapshot):
    drugs = snapshot["drugs"]
    drug = next((d for d in drugs if d["slug"] == snapshot["drug"]), drugs[0] if drugs else None)
    return {
        "drug": drug_facts(drug) if drug else None,
        "trials": [trial_view(trial) for trial in snapshot["trials"]],
    }


def comparison_context(snapshot):
    context = {"compared": [drug_facts(drug) for drug in snapshot["drugs"]]}
    head_to_head = next((t for t in snapshot["trials"] if t["slug"] == snapshot["head_to_head"]), None)
    if head_to_head:
        context["head_to_head"] = trial_view(head_to_head)
        context["chart"] = outcome_chart(head_to_head)
    return context


def article_context(snapshot):
    return {"drug_names": [drug["name"] for drug in snapshot["drugs"]]}


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
        "outcomes": [outcome_view(outcome) for outcome in trial["outcomes"]],
    }


def outcome_view(outcome):
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
    return {
        "label": outcome["label"],
        "measure": outcome["measure"],
        "timepoint": outcome["timepoint"],
        "experimental": experimental,
        "control": with_unit(outcome["control_value"], unit),
        "hazard_ratio": hazard_ratio,
        "hr_kind": outcome["hr_kind"],
        "not_significant": outcome["statistically_significant"] is False,
        "note": outcome["note"],
        "patients": outcome["patients"],
        "source": outcome["source"],
    }


# The chart's geometry, in SVG user units; the SVG scales to the width of the page.
CHART_WIDTH = 640
BAR_MAX = 470
BAR_HEIGHT = 22
LABEL_HEIGHT = 22
ROW_GAP = 20
LEGEND_HEIGHT = 34


def _number(value):
    try:
        return Decimal(value)
    except (InvalidOperation, TypeError):
        return None


def outcome_chart(trial):
    """Bars for each outcome with per-arm values; a bar's length is its value on its unit's scale.

    Percentages share a 0-100% scale; months share a scale up to the longest median shown,
    so bars in different units are never drawn against each other.
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
    bars_per_row = len(arm_names)
    row_height = LABEL_HEIGHT + bars_per_row * (BAR_HEIGHT + 4) + ROW_GAP
    chart_rows = []
    for index, (outcome, experimental, control) in enumerate(rows):
        top = LEGEND_HEIGHT + index * row_height
        values = [(experimental, outcome["experimental_value"])]
        if two_arms:
            values.append((control, outcome["control_value"]))
        bars = []
        for arm, (number, text) in enumerate(values):
            width = float(min(number / scale[outcome["unit"]], 1) * BAR_MAX)
            y = top + LABEL_HEIGHT + arm * (BAR_HEIGHT + 4)
            bars.append(
                {
                    "arm": arm_names[arm],
                    "css": "bar-experimental" if arm == 0 else "bar-control",
                    "y": y,
                    "width": round(width, 1),
                    "text_x": round(width + 6, 1),
                    "text_y": y + BAR_HEIGHT - 6,
                    "value": with_unit(text, outcome["unit"]),
                }
            )
        chart_rows.append({"label": outcome["label"], "label_y": top + 15, "bars": bars})
    legend = [
        {"name": name, "css": "bar-experimental" if i == 0 else "bar-control", "x": i * 320, "text_x": i * 320 + 22}
        for i, name in enumerate(arm_names)
    ]
    return {
        "width": CHART_WIDTH,
        "height": LEGEND_HEIGHT + len(chart_rows) * row_height,
        "rows": chart_rows,
        "legend": legend,
        "title": f"{trial['name']}: results by treatment arm",
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
    """The text a reader sees on a page, as plain text blocks (for search and its excerpts)."""
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


def excerpt(blocks, terms, length=200):
    """The passage with the most of the terms (the title only if nothing else has one), trimmed."""
    best, best_count = None, 0
    for block in blocks[1:]:
        folded = block.casefold()
        count = sum(term.casefold() in folded for term in terms)
        if count > best_count:
            best, best_count = block, count
    if best is None:
        return ""
    folded = best.casefold()
    start = min(folded.find(t.casefold()) for t in terms if t.casefold() in folded)
    start = max(0, start - length // 3)
    text = best[start : start + length]
    return ("…" if start else "") + text + ("…" if start + length < len(best) else "")


def matches(blocks, terms):
    text = " ".join(blocks).casefold()
    return all(term.casefold() in text for term in terms)
