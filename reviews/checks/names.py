"""Names that do not belong: another drug, or a biomarker none of the page's drugs treat.

Template carry-over is text copied from another drug's page: the other drug (or its
biomarker) stands where the page's own should, in any heading, question, summary,
verdict or disclaimer. Mentions that set it apart are legitimate: comparisons ("unlike
osimertinib, which targets EGFR"), a drug named with its own area, lists of other options.

A claim can also be given to the wrong drug (what_drugs_are): a brand in brackets or "sold
as" that is another drug's, a target or generation the drug lacks, a trial credited to a
drug that was in neither arm ("In CROWN, brigatinib ...", "X was compared with Y in ALEX":
a trial named at the head of its clause speaks of the drugs after it, one named at the end
of those before it), and arm sizes swapped ("151 took alectinib" where ALEX gave it 152).
"""

import re

from . import language
from .catalogue import variant_key
from .findings import ERROR, Finding

# Words right after a biomarker that make it the reason for a treatment.
TREATMENT_BASIS = re.compile(
    r"^[\s-]*(?:positive|\+|mutation|mutations|mutated|mutant|fusion|fusions|rearrangement|rearranged"
    r"|alteration|alterations|test|testing|result|results|driven)\b|^\+",
    re.IGNORECASE,
)
# A biomarker named as what does not qualify: "an EGFR result on its own does not make you eligible".
NOT_A_BASIS = re.compile(
    r"\b(?:does|do|did|would|will|is|are|was|were|can)(?:\s+not|n't)\s+(?:\w+\s+){0,2}?"
    r"(?:make\s+(?:you|someone|people|patients|a\s+patient)\s+eligible|qualify|count|enough|sufficient|suffice"
    r"|a\s+(?:reason|basis|ground)|mean\s+(?:you|they)\s+(?:can|should|will)|apply)\b"
    r"|\b(?:won't|cannot|can't)\s+(?:\w+\s+){0,2}?(?:qualify|make\s+\w+\s+eligible|count)\b"
    r"|\b(?:not|never|in)eligible\b|\bdoes\s+not\s+qualify\b|\bis\s+not\s+(?:a\s+)?(?:reason|basis)\b"
    # "If it shows EGFR, the medicines on this page are not the ones for you": sent elsewhere, not treated here.
    r"|\b(?:is|are|was|were)(?:\s+not|n't)\s+(?:\w+\s+){0,2}?(?:the\s+(?:ones?|medicines?|drugs?|treatments?)\s+for"
    r"|right|suitable|appropriate|meant|intended|an?\s+option|for\s+you)\b"
    r"|\b(?:not|no\s+longer)\s+(?:suitable|appropriate|right|an?\s+option)\s+for\b",
    re.IGNORECASE,
)
# Words that name a variant of a biomarker before the basis word: "EGFR exon 19 deletion", "EGFR L858R mutation".
VARIANT = re.compile(
    r"^[\s-]*(?:(?:exon\s+\d+\s+)?(?:deletions?|del|insertions?|ins|amplifications?|skipping|point)|[A-Z]\d{2,4}[A-Z]"
    r"|exon\s+\d+)(?:\s+(?:or|and|/)\s+(?:an?\s+)?(?:(?:exon\s+\d+\s+)?(?:deletions?|insertions?)|[A-Z]\d{2,4}[A-Z]))*"
    r"(?=[\s-]*(?:positive|mutation|mutations|mutated|mutant|fusion|alteration|alterations|\+|[.,;]|$))",
)
VARIANT_MENTION = re.compile(r"\bexon\s+\d+\s+(?:deletion|del|insertion|ins)\b|\b[A-Z]\d{2,4}[A-Z]\b")
CONTRAST = re.compile(
    r"\b(?:unlike|rather\s+than|instead\s+of|in\s+contrast|whereas|compared\s+(?:with|to)|versus|vs\.?|than|other"
    r"|alternatives?|not\s+for|not\s+used|such\s+as|like|including|differs?|different)\b",
    re.IGNORECASE,
)
# The page's own drug spoken of as if it were this one: "X is a prescription medicine", "before starting X".
NAME = r"[A-Za-z][\w-]+"
IDENTITY = re.compile(
    rf"^\s*(?P<d1>{NAME})\s+(?:\([^)]*\)\s+)?(?:is|are)\s+(?:a|an)\s+(?:prescription|prescription-only)\s+"
    r"(?:medicine|medication|drug)"
    rf"|(?P<d2>{NAME})\s+(?:\([^)]*\)\s+)?(?:must|should)\s+only\s+be\s+(?:used|taken|prescribed)"
    r"|\b(?:before|while|after)\s+(?:you\s+|I'm\s+|I\s+am\s+|I\s+|you're\s+|you\s+are\s+|we're\s+)?"
    r"(?:start|starting|take|taking|begin|beginning|stop|stopping)\s+"
    rf"(?P<d3>{NAME})"
    rf"|\byour\s+(?P<d4>{NAME})\s+(?:dose|treatment|tablets?|capsules?|prescription)"
    rf"|\b(?:this|the)\s+(?:medicine|drug|medication)\s+\(?(?P<d5>{NAME})",
    re.IGNORECASE,
)
# A judgement between treatments: "is a better first choice than", "is preferred", "wins".
VERDICT = re.compile(
    r"\b(?:is|are|remains?|was)\s+(?:\w+\s+){0,2}?(?:better|preferred|superior|preferable|stronger)\b"
    r"|\b(?:is|remains?)\s+(?:the|a)\s+(?:better|best|preferred|stronger|first)\s+(?:\w+\s+)?(?:choice|pick|option)\b"
    r"|\b(?:wins|comes\s+out\s+ahead|edges\s+it)\b",
    re.IGNORECASE,
)
SECTION_ABOUT_OTHERS = re.compile(
    r"\bafter\b|\bother\b|\balternativ|\boptions?\b|\bcompar|\bvs\b|\bversus\b|\binstead\b|\bnext\b|\bswitch",
    re.IGNORECASE,
)


DENIED_AFTER = re.compile(
    r"\b(?:is|are|was|were|does|do|did|would|will|can|could|should)(?:\s+not|n't)\b|\b(?:cannot|never)\b"
    # "If it has an EGFR mutation, neither medicine here is for you", "none of these drugs is used".
    r"|\b(?:neither|none)\b",
    re.IGNORECASE,
)
TARGETS_END = re.compile(
    r",?\s*\b(?:which|but|while|whereas|and\s+(?:it|they|this|its|is|was|are|has|have|had))\b|\bthan\b"
    r"|\b(?:approved|licensed|indicated|prescribed|used)\b",
    re.IGNORECASE,
)


def page_areas(page):
    areas = set(page.biomarkers)
    for slug in page.drug_slugs:
        drug = page.catalogue.drugs.get(slug)
        if drug:
            areas |= drug.areas
    return areas


def _own_area_named(catalogue, sentence, drug):
    """ "osimertinib, which targets EGFR": the sentence places the drug in its own area."""
    named = {name for _, name, _ in sentence.biomarkers} | {f"condition:{slug}" for _, slug in sentence.conditions}
    return bool(named & drug.areas)


def drug_names(page):
    """Another drug in a disclaimer, or a drug unrelated to the page's drugs anywhere."""
    catalogue = page.catalogue
    areas = page_areas(page)
    page_names = ", ".join(catalogue.drugs[s].name for s in page.drug_slugs if s in catalogue.drugs)
    for sentence in page.sentences:
        for position, slug in sentence.drugs:
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
                before = sentence.text[max(0, position - 40) : position]
                if CONTRAST.search(before) or _own_area_named(catalogue, sentence, drug):
                    continue
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


def carried_over(page):
    """Another drug spoken of as the page's own: template text from another drug's page."""
    if page.snapshot.get("kind") == "comparison" and page.drug_slugs:
        yield from _verdict_of_another(page)
    if page.snapshot.get("kind") != "drug" or not page.drug_slugs:
        return
    catalogue = page.catalogue
    own = ", ".join(catalogue.drugs[s].name for s in page.drug_slugs if s in catalogue.drugs)
    for sentence in page.sentences:
        if sentence.disclaimer or all(slug in page.drug_slugs for _, slug in sentence.drugs):
            continue
        for match in IDENTITY.finditer(sentence.text):
            name = next(g for g in match.groups() if g)
            slug = catalogue._drug_names.get(name.lower())
            if not slug or slug in page.drug_slugs:
                continue
            heading = sentence.location.split(": ", 1)[-1]
            if SECTION_ABOUT_OTHERS.search(heading) or CONTRAST.search(sentence.text[: match.start()]):
                continue
            yield Finding(
                "template-carry-over",
                ERROR,
                f"“{match.group(0).strip()}” speaks of {catalogue.drugs[slug].label} as if it were this page's "
                f"medicine, but this page is about {own}: text copied from another page?",
                sentence.location,
                sentence.text,
            )


def _verdict_of_another(page):
    """ "Alectinib is a better first choice than crizotinib" in the verdict of crizotinib vs brigatinib: the verdict
    of another comparison."""
    catalogue = page.catalogue
    compared = " and ".join(catalogue.drugs[s].name for s in page.drug_slugs if s in catalogue.drugs)
    for sentence in page.sentences:
        if sentence.location != "verdict":
            continue
        text = sentence.text
        for start, end in language.clauses(text):
            judged = VERDICT.search(text, start, end)
            if not judged:
                continue
            _, slug = _clause_subject(sentence, start, judged.start())
            # Set against one of the compared drugs: "alectinib is a better first choice than crizotinib".
            against = any(judged.start() < pos < end and s in page.drug_slugs for pos, s in sentence.drugs)
            if slug and slug not in page.drug_slugs and against and not language.negation(text, judged.start()):
                yield Finding(
                    "template-carry-over",
                    ERROR,
                    f"The verdict judges {catalogue.drugs[slug].label}, but this page compares {compared}: "
                    "text copied from another comparison?",
                    sentence.location,
                    text,
                )


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
    yield from _variants(page, allowed, uses)
    for sentence in page.sentences:
        for position, name, end in sentence.biomarkers:
            if name in allowed or not _as_basis(sentence, end):
                continue
            # "not for EGFR-mutated cancer", "unlike osimertinib, which needs an EGFR result": set apart.
            if language.negation(sentence.text, position) or CONTRAST.search(
                sentence.text[max(0, position - 50) : position]
            ):
                continue
            # "an EGFR or ALK result on its own does not make you eligible": named as what does not qualify.
            _, clause_end = language.clause_at(sentence.text, position)
            if NOT_A_BASIS.search(sentence.text, end, clause_end):
                continue
            # "People with an EGFR mutation are not treated with alectinib": the clause denies it as a basis.
            if DENIED_AFTER.search(sentence.text, end, clause_end):
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


def _variants(page, allowed, uses):
    """A variant of another drug's target named without its gene: "an exon 19 deletion" on an ALK page."""
    variants = {}
    for drug in page.catalogue.drugs.values():
        variants.update(drug.variants)
    if not variants:
        return
    for sentence in page.sentences:
        text = sentence.text
        for match in VARIANT_MENTION.finditer(text):
            target = variants.get(variant_key(match.group(0)))
            if not target or target in allowed or any(name == target for _, name, _ in sentence.biomarkers):
                continue
            position = match.start()
            if language.negation(text, position) or CONTRAST.search(text[max(0, position - 50) : position]):
                continue
            _, clause_end = language.clause_at(text, position)
            if NOT_A_BASIS.search(text, match.end(), clause_end):
                continue
            if any(target in page.catalogue.drugs[slug].areas for _, slug in sentence.drugs):
                continue
            known = ", ".join(dict.fromkeys(uses)) or "none recorded"
            yield Finding(
                "unrelated-biomarker",
                ERROR,
                f"{match.group(0)}, a variant of {target}, is named as a basis for treatment, but none of this page's "
                f"drugs targets {target} or is used for {target}-positive disease. Their approved uses: {known}.",
                sentence.location,
                sentence.text,
            )
            break


def _as_basis(sentence, end, depth=0):
    """Whether the biomarker ending at `end` is followed by a word that makes it a basis for treatment:
    directly ("ALK-positive"), after a variant ("EGFR exon 19 deletion"), or through a list whose last
    biomarker carries it ("an EGFR or ALK result")."""
    text = sentence.text
    rest = text[end:]
    if TREATMENT_BASIS.match(rest):
        return True
    variant = VARIANT.match(rest)
    if variant and (TREATMENT_BASIS.match(rest[variant.end() :]) or variant.group(0).strip()):
        return True
    if depth < 4:
        for position, _, other_end in sentence.biomarkers:
            # "ALK- or ROS1-positive": a suspended hyphen joins the list too.
            if position > end and re.fullmatch(r"-?\s*(?:,\s*(?:or\s+|and\s+)?|/\s*|or\s+|and\s+)", text[end:position]):
                return _as_basis(sentence, other_end, depth + 1)
    return False


# What a drug is said to be: its brand, its targets, its generation.
TARGET_VERB = re.compile(
    r"\b(?:acts?\s+on|blocks?|targets?|inhibits?|works?\s+against|(?:has|have|with)\s+activity\s+against"
    r"|is\s+an?\s+(?:[\w-]+\s+){0,3}?(?=(?:ALK|ROS1|EGFR|MET|RET|NTRK|RON)\b))",
    re.IGNORECASE,
)
# "has no effect on MET", "no activity against RON", or a target verb that is negated ("does not block MET").
NO_EFFECT = re.compile(
    r"(?P<denied>\b(?:has|have|had|with|shows?|showed)\s+no\s+(?:\w+\s+)?(?:effect|activity|action)\s+(?:on|against)\b"
    r"|\b(?:is|are|was)\s+(?:not\s+active|inactive)\s+against\b)"
    r"|\b(?:acts?\s+on|block|blocks|target|targets|inhibit|inhibits|hit|hits|works?\s+against)\b",
    re.IGNORECASE,
)
DENIAL_HINT = re.compile(r"\bno\b|\bnot\b|n't\b|\bnever\b|\binactive\b|\bcannot\b|\bneither\b", re.IGNORECASE)
BARE_TARGET = re.compile(
    r"\s*(?:[,.;:)(]|$|(?:and|or|nor|either|itself|directly|at\s+all|kinases?|proteins?|receptors?|signall?ing)\b)",
    re.IGNORECASE,
)
NOT_ONLY = re.compile(r"\bnot\s+(?:only|just|simply|merely)\b", re.IGNORECASE)
GENERATION = re.compile(r"\b(first|second|third|1st|2nd|3rd)[- ]generation\b", re.IGNORECASE)
PREDICATE = re.compile(
    r"\W*?(?:\s*\([^)]*\)\s*)?(?:(?:is|was|remains|counts\s+as|belongs\s+to)\s+(?:also\s+)?(?:(?:a|an|the)\s+(?:[\w-]+\s+){0,2})?"
    r"|,\s*(?:a|an|the)\s+(?:[\w-]+\s+)?)",
    re.IGNORECASE,
)
PLURAL_PREDICATE = re.compile(
    r"\s*(?:\([^)]*\)\s*)?,?\s+(?:are|were)\s+(?:both\s+|all\s+)?(?:(?:the\s+)?(?:[\w-]+\s+){0,2})?", re.IGNORECASE
)
AND_OR = re.compile(r"\b(?:and|or)\b")
LIST_JOIN = re.compile(r"\s*(?:\([^)]*\)\s*)?(?:,\s*(?:and\s+)?|\s+and\s+)")
# Words between a name and another name of the same drug: "(", "(brand name ", ", sold as ".
SAME_DRUG = re.compile(
    r"\s*\(\s*(?:(?:brand|trade)(?:\s+name)?s?\s*:?\s*|(?:sold|marketed)\s+as\s+|also\s+(?:called|known\s+as)\s+"
    r"|(?:the\s+)?brand(?:\s+name)?\s+(?:of|for)\s+)?|,\s*(?:the\s+)?brand(?:\s+name)?\s+(?:of|for)\s+"
    r"|,?\s+(?:(?:is|was)\s+)?(?:sold|marketed)\s+(?:in\s+the\s+US\s+)?(?:as|under\s+the\s+(?:brand\s+)?name)\s+"
    r"|'s\s+brand(?:\s+name)?\s+is\s+|\s+is\s+the\s+brand(?:\s+name)?\s+(?:of|for)\s+",
    re.IGNORECASE,
)
GENERATION_NUMBER = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}
SUBJECT_EXCLUDED = re.compile(
    r"\b(?:unlike|than|with|versus|vs\.?|after|over|from|like|against|compared\s+(?:to|with)|such\s+as|to|of)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _clause_subject(sentence, start, at):
    text = sentence.text
    excluded_end, closed = None, False
    drugs = sentence.drugs
    for i, (position, slug) in enumerate(drugs):
        if position >= at:
            break
        # "Like alectinib and brigatinib, lorlatinib ...": a list after "like" is set apart as a whole. Its
        # "and" closes it; a comma continues it only when an "and" follows ("like A, B and C, D ...").
        join = text[excluded_end:position] if excluded_end is not None else ""
        listed = excluded_end is not None and not closed and LIST_JOIN.fullmatch(join)
        if listed and not AND_OR.search(join):
            after = _name_end(text, position)
            listed = i + 1 < len(drugs) and AND_OR.search(text[after : drugs[i + 1][0]])
            listed = listed and LIST_JOIN.fullmatch(text[after : drugs[i + 1][0]])
        if listed or SUBJECT_EXCLUDED.search(text[max(start, position - 30) : position]):
            closed = bool(listed) and bool(AND_OR.search(join))
            excluded_end = _name_end(text, position)
            continue
        excluded_end = None
        if position >= start:
            return position, slug
    return None, ""


def _name_end(text, position):
    named = re.match(r"[\w-]+", text[position:])
    return position + (named.end() if named else 0)


def what_drugs_are(page):
    """A brand given to the wrong drug, a target or generation that is another drug's."""
    catalogue = page.catalogue
    generations = {
        d.get("slug"): GENERATION_NUMBER.get((d.get("generation") or "").split(" ")[0].lower())
        for d in page.snapshot.get("drugs", [])
    }
    for sentence in page.sentences:
        if not sentence.drugs:
            continue
        text = sentence.text
        if sentence.trials:
            for message in trial_subjects(page, sentence):
                yield Finding("wrong-subject", ERROR, message, sentence.location, text)
        # "Taletrectinib (Rozlytrek)": the name in brackets must be the same drug's.
        for (position, slug), (other_position, other) in zip(sentence.drugs, sentence.drugs[1:], strict=False):
            match = catalogue._drug_re.match(text, position)
            if match and slug != other and SAME_DRUG.fullmatch(text[match.end() : other_position]):
                named = text[other_position : catalogue._drug_re.match(text, other_position).end()]
                yield Finding(
                    "wrong-subject",
                    ERROR,
                    f"claim: {match.group(0)} is {named}; data: {named} is {catalogue.drugs[other].label}, "
                    f"and {catalogue.drugs[slug].name} is {catalogue.drugs[slug].label}.",
                    sentence.location,
                    text,
                )
        for start, end in language.clauses(text):
            yield from _targets_denied(catalogue, sentence, start, end)
            for verb in TARGET_VERB.finditer(text, start, end):
                position, slug = _clause_subject(sentence, start, verb.start())
                drug = catalogue.drugs.get(slug)
                if not drug or language.negation(text, verb.start()):
                    continue
                # The targets named run to the next clause: "acts on RET, and it is not approved for ROS1".
                stop = TARGETS_END.search(text[verb.end() : end])
                limit = verb.end() + stop.start() if stop else end
                named = [
                    name
                    for pos, name, _ in sentence.biomarkers
                    if verb.end() <= pos < limit and not language.negation(text, pos)
                ]
                wrong = [name for name in dict.fromkeys(named) if name not in drug.targets]
                if wrong:
                    yield Finding(
                        "wrong-subject",
                        ERROR,
                        f"claim: {drug.name} acts on {', '.join(wrong)}; data: {drug.name} targets "
                        f"{', '.join(sorted(drug.targets)) or 'nothing recorded'}.",
                        sentence.location,
                        text,
                    )
            for match in GENERATION.finditer(text, start, end):
                for slug in _generation_subjects(catalogue, sentence, start, match.start()):
                    recorded = generations.get(slug) or catalogue.drugs[slug].generation
                    said = GENERATION_NUMBER[match.group(1).lower()]
                    if recorded and said != recorded and not language.negation(text, match.start()):
                        ordinal = {1: "first", 2: "second", 3: "third"}[recorded]
                        yield Finding(
                            "wrong-subject",
                            ERROR,
                            f"claim: {catalogue.drugs[slug].name} is {match.group(0)}; data: it is {ordinal} "
                            "generation.",
                            sentence.location,
                            text,
                        )


def _targets_denied(catalogue, sentence, start, end):
    """ "Crizotinib blocks ALK but has no effect on MET": a target the drug has, said not to be one."""
    text = sentence.text
    if not DENIAL_HINT.search(text, start, end):
        return
    for match in NO_EFFECT.finditer(text, start, end):
        if not match.group("denied") and not (
            TARGET_VERB.match(text, match.start()) and language.negation(text, match.start())
        ):
            continue
        if NOT_ONLY.search(text, max(start, match.start() - 20), match.end()):
            continue
        _, slug = _clause_subject(sentence, start, match.start())
        if not slug:
            _, slug = _clause_subject(sentence, 0, match.start())
        drug = catalogue.drugs.get(slug)
        if not drug:
            continue
        stop = re.search(r",|but|while|whereas", text[match.end() : end])
        limit = match.end() + stop.start() if stop else end
        # The target itself, not "ALK-negative disease" or "ALK resistance mutations".
        denied = [
            name
            for pos, name, name_end in sentence.biomarkers
            if match.end() <= pos < limit and name in drug.targets and BARE_TARGET.match(text, name_end)
        ]
        if denied:
            yield Finding(
                "wrong-subject",
                ERROR,
                f"claim: {drug.name} does not act on {', '.join(dict.fromkeys(denied))}; data: {drug.name} targets "
                f"{', '.join(sorted(drug.targets))}.",
                sentence.location,
                text,
            )


def _generation_subjects(catalogue, sentence, start, at):
    """The drugs "X is a second-generation ..." or "X and Y are second-generation" speaks of, or none."""
    text = sentence.text
    position, slug = _clause_subject(sentence, start, at)
    if not slug:
        return []
    # Only "X is a second-generation ...": not "second-generation drugs like X".
    group = [(position, slug)]
    for pos, other in sentence.drugs:
        if position < pos < at:
            named = catalogue._drug_re.match(text, group[-1][0])
            if named and LIST_JOIN.fullmatch(text[named.end() : pos]):
                group.append((pos, other))
            else:
                break
    named = catalogue._drug_re.match(text, group[-1][0])
    between = text[named.end() : at] if named else ""
    if len(group) == 1 and PREDICATE.fullmatch(between):
        return [slug]
    if len(group) > 1 and PLURAL_PREDICATE.fullmatch(between):
        return list(dict.fromkeys(s for _, s in group))
    return []


# A trial credited to the wrong drug: "In CROWN, brigatinib ...", "X was compared with Y in ALEX".
TRIAL_LEADS_BEFORE = re.compile(r"^[\s,(]*(?:(?:in|during|throughout)\s+)?(?:the\s+)?$", re.IGNORECASE)
TRIAL_LEADS_AFTER = re.compile(
    r"^(?:\s+(?:trial|study)(?=\s+of\b)|(?:\s+(?:trial|study))?(?:\s*\([^)]*\))?\s*(?:,|(?:has\s+|had\s+|also\s+|directly\s+)?"
    r"(?:compared|tested|studied|evaluated|pitted|randomi[sz]ed|enrolled|assigned|gave|showed|found|measured"
    r"|was\s+(?:a\s+)?(?:trial|study|comparison)\s+of)))",
    re.IGNORECASE,
)
TRIAL_IN = re.compile(r"^[\s,(]*(?:in|during)\s+(?:the\s+)?$", re.IGNORECASE)
TRIAL_TRAILS_BEFORE = re.compile(
    r"\b(?:in|from|during|through|by)\s+(?:the\s+)?$|'s\s+(?:[\w-]+\s+)?(?:trial|study)\s*,?\s*$", re.IGNORECASE
)
TRIAL_TRAILS_AFTER = re.compile(r"^(?:\s+(?:trial|study))?(?:\s*\([^)]*\))?\s*(?:[,.;:)]|$)", re.IGNORECASE)
NOT_AN_ARM = re.compile(
    r"\b(?:unlike|rather\s+than|instead\s+of|other\s+than|besides|apart\s+from|except|after|before|since|following"
    r"|like|such\s+as|including|later|earlier|then|next|subsequent|progress(?:ed|ion)?\s+on|previous|prior"
    r"|switch\w*\s+to|moved?\s+to|crossed\s+over\s+to|followed\s+by|replaced\s+by)\s+(?:the\s+)?(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
ARM_SIZE_AFTER = re.compile(
    r"^\s+(?:(?:people|patients|participants|adults)\s+)?(?:took|received|got|were\s+(?:given|assigned\s+to"
    r"|randomi[sz]ed\s+to|treated\s+with)|(?:were\s+)?in\s+the|on|to)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
ARM_SIZE_BEFORE = re.compile(
    r"^\s*(?:(?:arm|group)(?:\s+(?:of|had|has|with|numbered|enrolled))?\s*|\(\s*(?:n\s*=\s*)?|:\s*|,\s*n\s*=\s*"
    r"|\s(?:(?:was|were)\s+(?:given|assigned|randomi[sz]ed)\s+)?to\s+)$",
    re.IGNORECASE,
)


SEGMENT_BREAK = re.compile(r"\s*\|\s*|,\s+(?:and|or|while|whilst|whereas)\s+", re.IGNORECASE)


def _trial_segments(catalogue, sentence, start, end):
    """(trial, segment start, segment end) for each trial named in a clause whose drugs it speaks of."""
    text = sentence.text
    named = [(pos, name) for pos, name in sentence.trials if start <= pos < end]
    segments, previous_end = [], start
    for i, (pos, name) in enumerate(named):
        match = catalogue._trial_re.match(text, pos)
        name_end = match.end() if match else pos + len(name)
        following = named[i + 1][0] if i + 1 < len(named) else end
        before, after = text[previous_end:pos], text[name_end:following]
        if TRIAL_LEADS_BEFORE.match(before) and (TRIAL_LEADS_AFTER.match(after) or TRIAL_IN.match(before)):
            segments.append((name, name_end, following))
            previous_end = following
        elif TRIAL_TRAILS_BEFORE.search(before) and TRIAL_TRAILS_AFTER.match(text[name_end:end]):
            segments.append((name, previous_end, pos))
            previous_end = name_end
        else:
            previous_end = name_end
    return segments


def _arm_sizes(catalogue, sentence, trial, lo, hi):
    """ "152 took crizotinib" where the trial gave 152 to the other arm."""
    if not trial.experimental_patients or not trial.control_patients or len(trial.control_drugs) != 1:
        return
    control = next(iter(trial.control_drugs))
    sizes = {trial.experimental_drug: trial.experimental_patients, control: trial.control_patients}
    if sizes[trial.experimental_drug] == sizes[control]:
        return
    text = sentence.text
    drugs = [(pos, slug) for pos, slug in sentence.drugs if lo <= pos < hi and slug in sizes]
    for number in language.numbers(text[lo:hi]):
        if number.words or number.value != int(number.value):
            continue
        at, stop = lo + number.start, lo + number.end
        value = int(number.value)
        if value not in sizes.values():
            continue
        drug = next((slug for pos, slug in drugs if pos > stop and ARM_SIZE_AFTER.match(text[stop:pos])), "")
        if not drug:
            for pos, slug in reversed(drugs):
                name = catalogue._drug_re.match(text, pos)
                if pos < at and name and ARM_SIZE_BEFORE.match(text[name.end() : at]):
                    drug = slug
                    break
        if drug and sizes[drug] != value:
            other = next(slug for slug in sizes if slug != drug)
            # One message per sentence: the second number of a swapped pair says the same.
            yield (
                f"claim: {value} people took {catalogue.drugs[drug].name} in {trial.name}; data: {trial.name} "
                f"gave {catalogue.drugs[trial.experimental_drug].name} to {sizes[trial.experimental_drug]} and "
                f"{catalogue.drugs[control].name} to {sizes[control]} (the {value} were on "
                f"{catalogue.drugs[other].name})."
            )
            return


def trial_subjects(page, sentence):
    """Messages for drugs credited with a trial they were not in, and swapped arm sizes."""
    catalogue = page.catalogue
    text = sentence.text
    # A table row's cells are apart ("| Lorlatinib | In CROWN, ... |"), and so are the halves of
    # "In ALEX, alectinib beat crizotinib, and lorlatinib came later".
    spans = []
    for start, end in language.clauses(text):
        cut = start
        for stop in SEGMENT_BREAK.finditer(text, start, end):
            spans.append((cut, stop.start()))
            cut = stop.end()
        spans.append((cut, end))
    for start, end in spans:
        segments = _trial_segments(catalogue, sentence, start, end)
        if not segments:
            continue
        named_arms = set()
        for pos, name in sentence.trials:
            if start <= pos < end:
                named_arms |= catalogue.trials[name].arms
        for name, lo, hi in segments:
            trial = catalogue.trials[name]
            for pos, slug in sentence.drugs:
                if not lo <= pos < hi or slug in trial.arms or slug in named_arms:
                    continue
                if NOT_AN_ARM.search(text[max(lo, pos - 40) : pos]) or language.negation(text, pos):
                    continue
                controls = ", ".join(
                    sorted(catalogue.drugs[c].name for c in trial.control_drugs if c in catalogue.drugs)
                )
                tested = catalogue.drugs[trial.experimental_drug].name
                yield (
                    f"claim: {catalogue.drugs[slug].name} was in {trial.name}; data: {trial.name} tested {tested}"
                    f"{f' against {controls}' if controls else ''}, not {catalogue.drugs[slug].name}."
                )
            if len({name for _, name in sentence.trials}) > 1:
                yield from _arm_sizes(catalogue, sentence, trial, lo, hi)
    # One trial named: any "N took X" in the sentence is about its arms.
    names = {name for _, name in sentence.trials}
    if len(names) == 1:
        yield from _arm_sizes(catalogue, sentence, catalogue.trials[names.pop()], 0, len(text))
