"""Every figure traceable: the sources a page's figures come from must be in its own list.

A page shows figures from its data (trial results in its tables and chart, side-effect
rates and contraception periods, figures its prose quotes by reference), and each of
those rows cites a Source. A reader checks a figure against the page's "Sources" list,
so a snapshot whose figures use a source the list leaves out cannot be approved
(reviews.workflow.approve) and the content checks tell the editor which to add.
"""

from .references import references, resolve, resolver


def figure_sources(snapshot):
    """{source id: {"source": its citation, "figures": what on the page uses it}} for the figures shown."""
    used = {}

    def use(source_id, source, what):
        if source_id is not None:
            entry = used.setdefault(source_id, {"source": source, "figures": []})
            if what not in entry["figures"]:
                entry["figures"].append(what)

    for trial in _trials_shown(snapshot):
        for outcome in trial.get("outcomes", []):
            use(outcome.get("source_id"), outcome.get("source", ""), f"{trial['name']}: {outcome['label']}")
    for drug in _safety_shown(snapshot):
        for row in drug.get("side_effects", []):
            use(row["source_id"], row["source"], f"{drug['name']}: {row['name']}")
        for row in drug.get("monitoring", []):
            use(row["source_id"], row["source"], f"{drug['name']}: {row['test']}")
        for row in drug.get("contraception", []):
            use(row["source_id"], row["source"], f"{drug['name']}: contraception ({row['who_label'].lower()})")
    codes = resolver(snapshot)
    for text in _prose(snapshot):
        for code in references(text):
            figure = resolve(code, codes)
            if figure is not None:
                use(figure.source_id, figure.source, f"{figure.group}: {figure.title} (quoted in the text)")
    return used


def unlisted_sources(snapshot):
    """The sources the page's figures use that its "Sources" list leaves out, with the figures."""
    listed = {source.get("id") for source in snapshot.get("sources", [])}
    return [
        {"source_id": source_id, **entry}
        for source_id, entry in figure_sources(snapshot).items()
        if source_id not in listed
    ]


def _trials_shown(snapshot):
    """The trials whose results the page lays out: all of a drug page's, a comparison's head-to-head one."""
    trials = snapshot.get("trials", [])
    if snapshot.get("kind") == "drug":
        return trials
    if snapshot.get("kind") == "comparison":
        return [trial for trial in trials if trial["slug"] == snapshot.get("head_to_head")]
    return []


def _safety_shown(snapshot):
    if snapshot.get("kind") != "drug":
        return []
    return [drug for drug in snapshot.get("drugs", []) if drug["slug"] == snapshot.get("drug")]


def _prose(snapshot):
    yield snapshot.get("summary", "")
    yield snapshot.get("verdict") or ""
    for section in snapshot.get("sections", []):
        yield section.get("body", "")
    for group in snapshot.get("question_groups", []):
        yield group.get("intro", "")
