"""Names that do not belong: another drug, or a biomarker none of the page's drugs treat."""

import re

from .findings import ERROR, Finding

# Words right after a biomarker that make it the reason for a treatment.
TREATMENT_BASIS = re.compile(
    r"^[\s-]*(?:positive|\+|mutation|mutations|mutated|mutant|fusion|fusions|rearrangement|rearranged"
    r"|alteration|alterations|test|testing|result|results|driven)\b|^\+",
    re.IGNORECASE,
)
NEGATION = re.compile(r"\b(?:not|never|unlike|rather than|instead of|neither|nor)\b|n't\b", re.IGNORECASE)


def page_areas(page):
    areas = set(page.biomarkers)
    for slug in page.drug_slugs:
        drug = page.catalogue.drugs.get(slug)
        if drug:
            areas |= drug.areas
    return areas


def drug_names(page):
    """Another drug in a disclaimer, or a drug unrelated to the page's drugs anywhere."""
    catalogue = page.catalogue
    areas = page_areas(page)
    page_names = ", ".join(catalogue.drugs[s].name for s in page.drug_slugs if s in catalogue.drugs)
    for sentence in page.sentences:
        for _, slug in sentence.drugs:
            if slug in page.drug_slugs:
                continue
            drug = catalogue.drugs[slug]
            if sentence.disclaimer:
                yield Finding(
                    "other-drug-in-disclaimer",
                    ERROR,
                    f"The disclaimer names {drug.label}, but this page is about {page_names or 'other drugs'}: "
                    "a disclaimer may name only the page's own drugs.",
                    sentence.location,
                    sentence.text,
                )
            elif areas and not drug.areas & areas:
                yield Finding(
                    "unrelated-drug",
                    ERROR,
                    f"{drug.label} is unrelated to this page's drugs ({page_names}): it shares no target, biomarker "
                    f"or condition with them ({drug.name}: {', '.join(sorted(_readable(drug.areas)))}).",
                    sentence.location,
                    sentence.text,
                )


def _readable(areas):
    return {a.removeprefix("condition:") for a in areas}


def biomarkers(page):
    """A biomarker given as the basis for treatment that none of the page's drugs is used for."""
    catalogue = page.catalogue
    allowed = set(page.biomarkers)
    uses = []
    for slug in page.drug_slugs:
        drug = catalogue.drugs.get(slug)
        if drug:
            # A target counts too: the page may explain what the drug acts on before its approvals are all entered.
            allowed |= {a.biomarker for a in drug.approvals if a.biomarker} | drug.targets
            uses += [f"{a.describe()}" for a in drug.approved_for()]
    if not page.drug_slugs:
        return
    for sentence in page.sentences:
        if NEGATION.search(sentence.text):
            continue
        for _, name, end in sentence.biomarkers:
            if name in allowed or not TREATMENT_BASIS.match(sentence.text[end:]):
                continue
            # "Entrectinib, approved for NTRK fusion-positive tumours" speaks of entrectinib.
            if any(name in catalogue.drugs[slug].areas for _, slug in sentence.drugs):
                continue
            known = ", ".join(dict.fromkeys(uses)) or "none recorded"
            yield Finding(
                "unrelated-biomarker",
                ERROR,
                f"{name} is named as a basis for treatment, but none of this page's drugs targets it or is used for "
                f"{name}-positive disease. Their approved uses: {known}.",
                sentence.location,
                sentence.text,
            )
