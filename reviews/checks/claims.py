"""Claims about approvals, read from prose and judged against the Indication table.

Each sentence is read into Claim objects with the language layer (language.py): its
clauses, negation scope and time ("before August 2019", "today", past tense). Kinds:

- exclusive: "X is the only approved drug for B" (sole, lone, single, "first and only",
  "stands alone", "only X is approved", "no medicine other than X", "one approved
  option. That option is X.", "X and Y are the only two ...");
- count: "there are three approved ROS1 medicines";
- first: "X was the first approved drug for B", "the first ALK inhibitor";
- approved / not_approved: "X is (not) approved for B", "X, approved in 2019, ...",
  "crizotinib's ROS1 approval", "the FDA approved X for B in 2016".

A claim belongs to the drug that is the grammatical subject of its clause (or owns the
approval: "crizotinib's ROS1 approval", "X, approved in 2019,"), not the nearest name;
"it" is the previous sentence's subject within a section, else the page's drug.

The closed world is explicit: a claim the data contradicts is an error; an exclusivity
or "first" claim the data cannot confirm is a warning saying so, unless the biomarker's
(or condition's) approvals were marked complete as of a date that covers the claim
(Biomarker/Condition.approvals_complete_on; undated approvals count as later than it).
A present-tense claim needs a completeness mark no older than PRESENT_WINDOW.
"""

import datetime
import re
from dataclasses import dataclass, field

from . import language
from .findings import ERROR, WARNING, Finding

PRESENT_WINDOW = datetime.timedelta(days=365)
NOUN = (
    r"(?:drugs?|medicines?|medications?|therap(?:y|ies)|treatments?|options?|agents?|inhibitors?|TKIs?"
    r"|choices?|products?|molecules?|tablets?|pills?|capsules?)"
)
APPROVAL_WORD = re.compile(
    r"\b(?:FDA|EMA)?-?(?:approved|approval|approvals|licensed|authori[sz]ed|authori[sz]ation)\b", re.IGNORECASE
)
OTHER_REGULATOR = re.compile(
    r"\b(?:EMA|Europe|European|EU|UK|MHRA|Japan(?:ese)?|PMDA|Health\s+Canada|China|NMPA)\b", re.IGNORECASE
)
ONLY = re.compile(
    rf"\b(?P<first>(?:the\s+)?first\s+and\s+(?:the\s+)?)?(?:only|sole|lone|one\s+and\s+only|single|exclusive|(?<=\bthe\s)one(?!\s+of\b))"
    rf"(?P<mid>(?:\s+[\w'-]+){{0,4}}?)\s+(?P<noun>{NOUN})\b"
    rf"|\bonly\s+(?P<count>one|two|three|four|five|\d)\s+(?:[\w'-]+\s+){{0,3}}?{NOUN}\b",
    re.IGNORECASE,
)
ONLY_NAMED = re.compile(r"\bonly\s+(?=[A-Z]?[a-z])", re.IGNORECASE)
ALONE = re.compile(r"\b(?:stands?|stood|is|was|remains?|remained)\s+alone\b|\balone\s+(?:is|was|has|had)\b", re.I)
NO_OTHER = re.compile(
    rf"\bno\s+(?:other\s+)?(?:[\w-]+\s+){{0,3}}?{NOUN}\s+(?P<except>other\s+than|besides|apart\s+from|except(?:\s+for)?"
    rf"|but)\s+|\bno\s+other\s+(?:[\w-]+\s+){{0,2}}?{NOUN}\b|\bnothing\s+else\s+(?:is|was|has)\b"
    r"|\b(?:has|had|have|faces?|faced)\s+no\s+(?:[\w-]+\s+){0,2}?(?:rivals?|competitors?|alternatives?|equals?)\b",
    re.IGNORECASE,
)
COUNT = re.compile(
    rf"\b(?P<n>one|two|three|four|five|six|a\s+single|\d)(?!\s+of\b)\s+(?:[\w-]+\s+){{0,2}}?(?:FDA-|EMA-)?approved\s+"
    rf"(?:[\w-]+\s+){{0,2}}?{NOUN}\b",
    re.IGNORECASE,
)
FIRST = re.compile(
    rf"\b(?:the|its|a)\s+first(?!-(?:line|generation|in-human))\s+(?:[\w'-]+\s+){{0,3}}?(?P<noun>(?:drug|medicine|therapy|treatment)\s+of\s+its\s+kind|{NOUN})\b"
    r"|\b(?:the\s+)?first\s+to\s+(?:be\s+(?:FDA-)?approved|receive|gain|win|get|earn)\b"
    r"|\bfirst-in-class\b",
    re.IGNORECASE,
)
# "the most recently approved ROS1 medicine", "the newest approved option", "the last to be approved".
LATEST = re.compile(
    rf"\b(?:most\s+recently\s+(?:(?:FDA|EMA)[- ])?approved"
    rf"|(?:newest|latest|most\s+recent)(?:\s+(?:(?:FDA|EMA)[- ])?approved)?"
    rf"|last\s+(?:(?:FDA|EMA)[- ])?approved)\s+(?:[\w'-]+\s+){{0,3}}?{NOUN}\b"
    r"|\b(?:the\s+)?(?:last|latest|most\s+recent)\s+(?:one\s+)?to\s+(?:be\s+(?:FDA-)?approved|receive|gain|win|get)\b",
    re.IGNORECASE,
)
LATEST_HINT = re.compile(r"newest|latest|most recent|last")
NOT_FIRST_NOUN = re.compile(r"\b(?:line|generation|analysis|step|dose|treatment|therapy)\b", re.IGNORECASE)
THAT_ONE = re.compile(
    rf"^\s*(?:that|this|the)\s+(?:one\s+)?(?:{NOUN}|one)\s+(?:is|was)\s+|^\s*it\s+is\s+", re.IGNORECASE
)
APPROVED_FOR = re.compile(
    r"\b(?:(?:FDA|EMA)[- ])?(?:approved|approval|approvals|licensed|authori[sz]ed|indicated)\b", re.IGNORECASE
)
INDICATED = re.compile(r"\bindicated\s+for\b", re.IGNORECASE)
# "Since April 2023, alectinib may also be given after surgery": a use dated by "since" is an approval's date.
USE_SINCE = re.compile(
    r"\b(?:may|can)\s+(?:now\s+)?(?:also\s+)?be\s+(?:given|used|prescribed|offered)\b", re.IGNORECASE
)
SINCE_DATE = re.compile(
    r"\bsince\s+(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?"
    r"(?:19|20)\d\d\b",
    re.IGNORECASE,
)
NOT_APPROVED = re.compile(
    r"\bnot\s+(?:\w+\s+)?(?:(?:FDA|EMA)[- ])?approved\b|\boff[- ]label\b|\bunapproved\b|\bisn't\s+approved\b"
    r"|\bno\s+(?:FDA\s+)?approval\b|\b(?:not\s+(?:on|by|through|from)|without)\s+(?:an?\s+)?(?:FDA\s+)?approval\b",
    re.IGNORECASE,
)
EXCLUDING = re.compile(
    r"\b(?:unlike|than|with|versus|vs\.?|after|over|from|besides|like|against|compared\s+to|compared\s+with|beyond"
    r"|including|such\s+as|to|on|of|until|till|before|since|following|prior\s+to|when|once|as)\s+(?:the\s+)?"
    r"(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
PRONOUN = re.compile(
    r"\b(?:it|its|this\s+(?:drug|medicine|medication|treatment|therapy|agent)|the\s+(?:drug|medicine|medication))\b",
    re.IGNORECASE,
)
CONTRAST_OPENING = re.compile(r"\s*(?:but|yet|though|although|while|whereas)\s+", re.IGNORECASE)
BOUND_BEFORE = re.compile(r"\b(?:more|fewer|less|other)\s+than\s+$|\b(?:at\s+least|at\s+most|over|up\s+to)\s+$", re.I)
APPROVAL_OF = re.compile(r"[\w-]+'s\s+(?:[\w-]+\s+){0,2}?(?:approval|approvals|label)\b", re.IGNORECASE)
DOMAIN = re.compile(
    r"\b(?:among\s+(?:these|them|the\s+(?:medicines|drugs|options|treatments)\s+(?:covered|discussed|listed|here|on))"
    r"|on\s+this\s+page|covered\s+here|of\s+(?:the|these)\s+(?:two|three|four|five|six)\b|of\s+(?:them|these)\b"
    r"|in\s+this\s+(?:series|comparison|table|list))",
    re.IGNORECASE,
)
NOT_AN_APPROVAL_CLASS = re.compile(r"generation|class|kind|type|trial|study|cohort", re.IGNORECASE)
POSSESSIVE_BEFORE = re.compile(r"'s\s+(?:[\w+-]+\s+){0,3}$")
APPOSITIVE_BEFORE = re.compile(r",\s*(?:(?:first|initially|originally|later|also)\s+)?$")
APPROVAL_TYPE = re.compile(r"\b(regular|full|accelerated)\s+(?:FDA\s+)?approval", re.IGNORECASE)
FIRST_LINE = re.compile(
    r"\b(?:first[- ]line(?=\s+(?:approval|use|treatment|therapy|setting|indication)\b|\s*[^\w\s]|\s*$)"
    r"|(?:as\s+)?(?:a|the)\s+first\s+treatment|initial\s+treatment|(?:previously\s+)?untreated)",
    re.IGNORECASE,
)
# Treatment after an earlier one: "whose cancer had grown despite crizotinib", "previously treated", "after a TKI".
LATER_LINE = re.compile(
    r"\b(?:previously\s+treated|pre-?treated|second[- ]line|later[- ]line"
    r"|(?:grown|grew|grow|progressed|progresses|worsened|spread|got\s+worse|come\s+back|came\s+back|returned)\s+"
    r"(?:despite|on|during|while\s+(?:on|taking)|after)\b"
    r"|stopped\s+working|no\s+longer\s+(?:responds?|responding|works?|working)|resistance\s+mutation|resistant\s+to"
    r"|after\s+(?:an?\s+|the\s+)?(?:earlier|prior|previous|other|first)\s+[\w-]+"
    r"|after\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?(?:TKI|inhibitor|targeted\s+(?:drug|medicine|therapy))s?\b"
    r"|after\s+(?:treatment|therapy)\s+with\b)",
    re.IGNORECASE,
)
# A restriction written as a rule of use: "can only be prescribed if ...", "is only for ...".
USE_ONLY = re.compile(
    r"\b(?:can|may|must|should|is\s+to|are\s+to)\s+only\s+be\s+(?:prescribed|used|given|taken|offered|started)\b"
    r"|\b(?:can|may)\s+be\s+(?:prescribed|used|given|taken|offered|started)\s+only\b"
    r"|\b(?:is|are)\s+only\s+(?:for|given|used|prescribed)\b",
    re.IGNORECASE,
)
# Never treated before: a first-line use.
NEVER_TREATED = re.compile(
    r"\b(?:never\s+(?:had|taken|received|been\s+(?:treated|given))|(?:have|has)\s+not\s+(?:yet\s+)?(?:had|taken|received)"
    r"|haven't\s+(?:had|taken|received)|no\s+(?:prior|previous|earlier)\s+[\w-]+|treatment-naive|not\s+previously\s+treated)\b",
    re.IGNORECASE,
)
# "was first approved in 2018": the date of the drug's earliest approval (for the use named).
FIRST_APPROVED = re.compile(r"\b(?:first|initially|originally)\s+(?:(?:FDA|EMA)[- ])?$", re.IGNORECASE)
ADJUVANT = re.compile(
    r"\b(?:adjuvant|after\s+(?:(?:lung\s+)?(?:cancer\s+)?(?:surgery|resection|an\s+operation))|post-?operative)\b",
    re.IGNORECASE,
)
CANCER = re.compile(r"\b(?:cancer|NSCLC|tumou?rs?)\b", re.IGNORECASE)
USE_AFTER_BIOMARKER = re.compile(
    r"[\s-]*(?:positive|\+|fusion|fusions|rearrange|rearranged|driven|disease|cancer|tumou?rs?|NSCLC|patients)", re.I
)
SCOPE_STOP = re.compile(
    r",\s*(?:and|or)?\s*(?:where|which|who|but|while|whereas|so|although|though|as|when|the|its|their)\b"
    r"|\s+where\b|,\s+and\s+(?!(?:for|in)\b)"
)
# "came three years after crizotinib's ROS1 approval"
RELATIVE = re.compile(
    rf"\b(?P<n>\d+|{language.NUMBER_WORD}(?:-(?:{language.NUMBER_WORD}))?)\s+years?\s+"
    r"(?P<rel>after|before|later\s+than|earlier\s+than|following|ahead\s+of)\s+(?:the\s+(?:FDA\s+)?approval\s+of\s+)?",
    re.IGNORECASE,
)
# A restriction of the uses: "is only approved for", "approved only for", "Approved uses: ALK-positive NSCLC only".
ONLY_BEFORE = re.compile(r"\bonly\s+(?:(?:ever\s+)?(?:been|be)\s+)?(?:(?:FDA|EMA)[- ])?$", re.IGNORECASE)
ONLY_AFTER = re.compile(r"\s+(?:uses?\s*:?\s*)?(?:solely|only|exclusively)\b", re.IGNORECASE)
ONLY_AT_END = re.compile(r"\b(?:only|alone)\s*[.;|)]?\s*$", re.IGNORECASE)
# A clause opening with its verb: "Is X the only ...?", "Has X been approved ...?".
POLAR_QUESTION = re.compile(r"\s*(?:is|are|was|were|has|have|had|does|do|did|can|could|will|would|should)\s", re.I)
ANSWERED_NO = re.compile(r"\s*(?:no\b|not\b|nope\b|never\b|far\s+from\s+it\b)", re.IGNORECASE)
# No approved use outside lung cancer: "Approved uses outside lung cancer | None", "no approved use beyond NSCLC".
_LUNG = r"(?:(?:non-small[- ]cell\s+)?lung\s+cancer|NSCLC)"
NO_USE_BEYOND = re.compile(
    rf"\b(?:approved\s+)?(?:uses?|indications?)\s+(?:outside(?:\s+of)?|other\s+than|beyond|besides)\s+{_LUNG}\s*"
    r"(?:\||:|are|is|-)\s*(?P<none>none|nil|no\b)"
    r"|\bno\s+(?:other\s+)?(?:FDA[- ])?approved\s+(?:uses?|indications?)\s+"
    rf"(?:outside(?:\s+of)?|other\s+than|beyond)\s+{_LUNG}"
    rf"|\b(?:only|solely)\s+approved\s+for\s+{_LUNG}(?!\s+and\b)",
    re.IGNORECASE,
)
OF_AFTER = re.compile(r"\s+(?:of|for)\s+(?=\w)", re.IGNORECASE)


# Cheap tests that a sentence may hold a claim at all, before any pattern runs.
HINT_KIND = {
    "only": "only",
    "sole": "only",
    "lone": "only",
    "single": "only",
    "exclusive": "only",
    "the one ": "only",
    "alone": "alone",
    "no other": "no other",
    "other than": "no other",
    "besides": "no other",
    "apart from": "no other",
    "except": "no other",
    "nothing else": "no other",
    "rival": "no other",
    "competitor": "no other",
    "alternative": "no other",
}
EXCLUSIVE_HINT = re.compile("|".join(HINT_KIND))
APPROVAL_HINT = re.compile(r"approv|licens|authori|indicated")


@dataclass
class Claim:
    kind: str
    drugs: tuple
    sentence: object
    start: int
    biomarker: str = ""
    condition: str = ""
    time: language.Time = field(default_factory=lambda: language.Time("present"))
    negated: bool = False
    count: int = 0
    also_first: bool = False
    regulator: str = ""
    dates: tuple = ()
    # "among the medicines on this page": the drugs the claim is about; "for both ALK and ROS1": all of them.
    domain: tuple = ()
    both: tuple = ()
    # "regular approval", "as a first treatment", "after surgery": which approval.
    approval_type: str = ""
    line: str = ""
    # "approved only for ...", "Approved uses: ... only": the uses named are all the drug's approvals.
    restricted: bool = False
    first_approved: bool = False

    def key(self):
        return (self.kind, self.drugs, self.biomarker, self.condition, self.time.relation, self.negated, self.count)


# -- reading --------------------------------------------------------------------------


class Reader:
    """Reads claims sentence by sentence, carrying "it" within a section."""

    def __init__(self, page):
        self.page = page
        self.catalogue = page.catalogue
        self.subjects = {}

    def carried(self, sentence):
        if sentence.subject:
            # A table cell is about its column's drug.
            return sentence.subject
        for earlier in self.page.block_before(sentence):
            if earlier.index in self.subjects:
                return self.subjects[earlier.index]
        return sentence.subject or self.page.main_drug

    def subject(self, sentence, start, at, end=None):
        """The drug a claim at `at` in the clause starting at `start` is about."""
        text = sentence.text
        drugs = [(pos, slug) for pos, slug in sentence.drugs if start <= pos < at]
        candidates = [
            (pos, slug)
            for pos, slug in drugs
            if not EXCLUDING.search(text[max(start, pos - 40) : pos]) and not APPROVAL_OF.match(text, pos)
        ]
        pronoun = None
        for match in PRONOUN.finditer(text, start, at):
            pronoun = match
        if pronoun and (not candidates or pronoun.start() > candidates[-1][0] + 1):
            # A parenthesis is a clause of its own: "X was not the first (Y was), but it ..." is about X.
            outside = [
                (pos, slug)
                for pos, slug in sentence.drugs
                if pos < pronoun.start() and not _in_parentheses(text, pos, pronoun.start())
            ]
            earlier = [slug for pos, slug in outside]
            unexcluded = [slug for pos, slug in outside if not EXCLUDING.search(text[max(0, pos - 40) : pos])]
            if unexcluded and CONTRAST_OPENING.fullmatch(text[start : pronoun.start()]):
                # "..., but it was the second": "it" opening a contrasting clause is the sentence's subject.
                return unexcluded[0]
            return (unexcluded or earlier or [self.carried(sentence)])[-1]
        if candidates:
            # The clause's subject comes first: "In 2019, entrectinib joined crizotinib as ...".
            return candidates[0][1]
        if end is not None:
            after = [(pos, slug) for pos, slug in sentence.drugs if at <= pos < end]
            for pos, slug in after:
                if re.search(r"\b(?:is|was|are|were|remains?|remained)\b", text[at:pos], re.IGNORECASE):
                    return slug
        if drugs:
            return drugs[-1][1]
        earlier = [
            slug for pos, slug in sentence.drugs if pos < start and not EXCLUDING.search(text[max(0, pos - 40) : pos])
        ]
        return earlier[-1] if earlier else self.carried(sentence)

    def remember(self, sentence):
        for pos, slug in sentence.drugs:
            if not EXCLUDING.search(sentence.text[max(0, pos - 40) : pos]):
                self.subjects[sentence.index] = slug
                return

    def topic(self, sentence, start, end, at):
        """(biomarker, condition) a claim at `at` speaks of: after it in its clause, else before, else earlier."""
        stop = SCOPE_STOP.search(sentence.text, at, end)
        after_end = stop.start() if stop else end
        after = [name for pos, name, _ in sentence.biomarkers if at <= pos < after_end]
        before = [name for pos, name, _ in sentence.biomarkers if start <= pos < at]
        anywhere = [name for _, name, _ in sentence.biomarkers]
        conditions = [slug for pos, slug in sentence.conditions if start <= pos < end] or [
            slug for _, slug in sentence.conditions
        ]
        biomarker = (after or before[-1:] or anywhere)[:1]
        if not biomarker:
            for earlier in self.page.block_before(sentence):
                if earlier.biomarkers:
                    biomarker = [earlier.biomarkers[0][1]]
                    conditions = conditions or [slug for _, slug in earlier.conditions]
                    break
        if not biomarker and len(self.page.biomarkers) == 1:
            biomarker = list(self.page.biomarkers)
        condition = conditions[0] if len(set(conditions)) == 1 else ""
        return (biomarker[0] if biomarker else ""), condition

    def claims(self, sentence, following=None):
        text = sentence.text
        lower = text.lower()
        found = []
        taken = []
        exclusive = {HINT_KIND[word] for word in EXCLUSIVE_HINT.findall(lower)}
        if "approved" in lower and COUNT.search(text):
            exclusive.add("count")
        first = "first" in lower
        dated_use = bool(SINCE_DATE.search(text) and USE_SINCE.search(text))
        approval = bool(APPROVAL_HINT.search(lower)) or dated_use
        latest = approval and bool(LATEST_HINT.search(lower))
        use_only = "only" in lower and USE_ONLY.search(text)
        if use_only:
            found += self._use_only(sentence, use_only)
        if exclusive or first or approval:
            # A table row "FDA approval: 2015, 2017" is one clause.
            spans = ((0, len(text)),) if sentence.subject else language.clauses(text)
            for start, end in spans:
                if exclusive:
                    found += self._exclusive(sentence, start, end, following, taken, exclusive)
                if first:
                    found += self._first(sentence, start, end, taken)
                if latest:
                    found += self._latest(sentence, start, end, taken)
                if approval:
                    found += self._approvals(sentence, start, end, taken)
                    found += self._relative(sentence, start, end)
        self.remember(sentence)
        unique = {}
        for claim in found:
            if _asked(text, claim.start) and following is not None and ANSWERED_NO.match(following.text):
                continue
            unique.setdefault(claim.key(), claim)
        return list(unique.values())

    def _time(self, sentence, start, end):
        return language.time_of(sentence.text, start, end)

    def _exclusive(self, sentence, start, end, following, taken, words):
        text = sentence.text
        clause = text[start:end]
        results = []
        has_approval = bool(APPROVAL_WORD.search(clause))
        regulator = OTHER_REGULATOR.search(clause) if "only" in words else None
        for match in ONLY.finditer(text, start, end) if "only" in words else ():
            at = match.start()
            line = _setting(sentence, match.end(), end)
            named_subject = any(start <= pos < at for pos, _ in sentence.drugs)
            if not has_approval and not sentence.biomarkers and not (line and named_subject):
                continue
            if NOT_AN_APPROVAL_CLASS.search(match.group("mid") or ""):
                # "the only third-generation ALK inhibitor" speaks of a class, not of approvals.
                continue
            rest = re.split(r"[,;]", text[match.end() : end])[0]
            if NOT_APPROVED.search(rest[:60]) or re.match(r"\s+(?:that|which|who)\s+(?:is|are|was|were)\s+not\b", rest):
                # "the only medicine here that is not approved for ROS1" is another claim.
                continue
            count = 1
            if match.group("count"):
                count = int(language.numbers(match.group("count"))[0].value)
            drugs = tuple(d for d in self._subjects(sentence, start, at, end, count) if d)
            named_before = [pos for pos, _ in sentence.drugs if start <= pos < at]
            if match.group("count") and not named_before:
                # "Only one medicine is approved for it. It is crizotinib." names it next.
                drugs = ()
            if not drugs and following is not None:
                that = THAT_ONE.match(following.text)
                if that:
                    drugs = tuple(slug for pos, slug in following.drugs if pos == that.end())
            kind = "exclusive" if drugs else "count"
            results.append(self._claim(kind, drugs, sentence, start, end, at, count=count))
            if line:
                self._in_setting(results[-1], line, drugs, match.end(), end)
            results[-1].also_first = bool(match.group("first"))
            results[-1].regulator = regulator.group(0) if regulator else ""
            taken.append((match.start(), match.end()))
        for match in ONLY_NAMED.finditer(text, start, end) if "only" in words else ():
            named = [slug for pos, slug in sentence.drugs if pos == match.end()]
            if named and has_approval and not any(a <= match.start() < b for a, b in taken):
                results.append(self._claim("exclusive", (named[0],), sentence, start, end, match.start()))
                taken.append((match.start(), match.end()))
        domain = DOMAIN.search(text)
        for claim in results:
            if domain:
                claim.domain = tuple(self.page.drug_slugs)
            both = re.search(r"\b(?:for|in|against)\s+both\s+(?P<list>[^.;]*)", text[claim.start : end])
            if both:
                listed = [name for pos, name, _ in sentence.biomarkers if claim.start + both.start() <= pos < end]
                if len(set(listed)) > 1:
                    claim.both = tuple(dict.fromkeys(listed))
        for match in ALONE.finditer(text, start, end) if "alone" in words else ():
            if has_approval or sentence.biomarkers:
                drugs = (self.subject(sentence, start, match.start()),)
                results.append(self._claim("exclusive", drugs, sentence, start, end, match.start()))
        for match in NO_OTHER.finditer(text, start, end) if "no other" in words else ():
            if not has_approval:
                continue
            if match.groupdict().get("except"):
                named = [slug for pos, slug in sentence.drugs if match.end() <= pos < match.end() + 2]
                drugs = tuple(named[:1]) or (self.carried(sentence),)
            else:
                drugs = (self.subject(sentence, start, match.start()),)
            claim = self._claim("exclusive", drugs, sentence, start, end, match.start())
            claim.negated = False
            line = _setting(sentence, match.end(), end)
            if line:
                self._in_setting(claim, line, drugs, match.end() + 20, end)
            results.append(claim)
            taken.append((match.start(), match.end()))
        for match in COUNT.finditer(text, start, end) if "count" in words else ():
            if any(a <= match.start() < b for a, b in taken):
                continue
            if BOUND_BEFORE.search(text, max(start, match.start() - 15), match.start()):
                # "More than one approved ROS1 medicine": a bound, not a count.
                continue
            value = language.numbers(match.group("n"))
            count = int(value[0].value) if value else 1
            named = tuple(dict.fromkeys(slug for pos, slug in sentence.drugs if pos >= match.end()))
            if not named and following is not None:
                that = THAT_ONE.match(following.text)
                if that:
                    named = tuple(slug for pos, slug in following.drugs if pos == that.end())
            if named and len(named) != count:
                named = ()
            claim = self._claim("count" if not named else "exclusive", named, sentence, start, end, match.start())
            claim.count = count
            results.append(claim)
            taken.append((match.start(), match.end()))
        return results

    def _in_setting(self, claim, line, drugs, after, end):
        """ "X is the only option once crizotinib has stopped working": judged among that setting's approvals, for
        the biomarker named, else for the cancer named (all of it), else for X's own biomarker; the drug that
        stopped working is not a rival."""
        sentence, text = claim.sentence, claim.sentence.text
        claim.line = line
        if not any(claim.start - 80 <= pos < end for pos, _, _ in sentence.biomarkers):
            if CANCER.search(text, claim.start - 80 if claim.start > 80 else 0, end):
                claim.biomarker = ""
            elif not claim.biomarker and len(drugs) == 1 and drugs[0] in self.catalogue.drugs:
                own = {a.biomarker for a in self.catalogue.drugs[drugs[0]].approved_for() if a.biomarker}
                claim.biomarker = own.pop() if len(own) == 1 else ""
        previous = {slug for pos, slug in sentence.drugs if after <= pos < end}
        if previous and not claim.domain:
            claim.domain = tuple(s for s in self.catalogue.drugs if s not in previous)

    def _subjects(self, sentence, start, at, end, count):
        """The subject, or "crizotinib and entrectinib are the only ..." both."""
        text = sentence.text
        group = [
            (pos, slug)
            for pos, slug in sentence.drugs
            if start <= pos < at and not EXCLUDING.search(text[max(start, pos - 40) : pos])
        ]
        joined = all(
            re.fullmatch(r"\S+(?:\s+\([^)]*\))?\s*,?\s*(?:and\s+)?", text[a:b])
            for (a, _), (b, _) in zip(group, group[1:], strict=False)
        )
        if len(group) > 1 and joined and re.search(r"\b(?:are|were)\b", text[group[-1][0] : at]):
            return tuple(dict.fromkeys(slug for _, slug in group))
        if re.search(r"\bthere\s+(?:is|are|was|were)\b", text[start:at], re.IGNORECASE) and not group:
            return ()
        return (self.subject(sentence, start, at, end),)

    def _claim(self, kind, drugs, sentence, start, end, at, count=1):
        biomarker, condition = self.topic(sentence, start, end, at)
        negation = language.negation(sentence.text, at)
        return Claim(
            kind=kind,
            drugs=tuple(d for d in drugs if d),
            sentence=sentence,
            start=at,
            biomarker=biomarker,
            condition=condition,
            time=self._time(sentence, start, end),
            negated=bool(negation),
            count=count,
        )

    def _first(self, sentence, start, end, taken):
        text = sentence.text
        clause = text[start:end]
        results = []
        for match in FIRST.finditer(text, start, end):
            noun = match.group("noun") or ""
            if re.match(
                r"(?:the|its|a)\s+first\s+(?:line|treatment|therapy|analysis|step|dose|cycle)\b", match.group(0), re.I
            ):
                # "the first treatment" is the line of therapy, not a first approval.
                continue
            approval = APPROVAL_WORD.search(clause)
            if not approval and not re.search(r"inhibitor|TKI|of its kind", noun, re.IGNORECASE):
                continue
            if not approval and NOT_FIRST_NOUN.search(noun):
                continue
            if any(a <= match.start() < b for a, b in taken):
                continue
            drugs = (self.subject(sentence, start, match.start(), end),)
            # "the first FDA-approved therapy for both ALK- and ROS1-positive NSCLC": each biomarker.
            scope_end = min([b for b, _ in taken if b > match.end()] + [end])
            named = [name for pos, name, _ in sentence.biomarkers if match.start() <= pos < scope_end]
            for biomarker in dict.fromkeys(named) or [""]:
                claim = self._claim("first", drugs, sentence, start, end, match.start())
                if biomarker:
                    claim.biomarker = biomarker
                results.append(claim)
            taken.append((match.start(), match.end()))
        return results

    def _use_only(self, sentence, match):
        """ "X can only be prescribed if you have never had a ROS1 inhibitor": the uses (and line) it names are
        said to be all of X's approved uses."""
        text = sentence.text
        start, end = language.clause_at(text, match.start())
        owner = self.subject(sentence, start, match.start(), end)
        if not owner or language.negation(text, match.start()):
            return []
        topics = _pairs(sentence, match.end(), end)
        rest = text[match.end() : end]
        line = (
            "first line"
            if NEVER_TREATED.search(rest) or FIRST_LINE.search(rest)
            else "later line"
            if LATER_LINE.search(rest)
            else "adjuvant"
            if ADJUVANT.search(rest)
            else ""
        )
        if not topics and not line:
            return []
        time = language.time_of(text, start, end)
        return [
            Claim(
                kind="restricted",
                drugs=(owner,),
                sentence=sentence,
                start=match.start(),
                biomarker=biomarker,
                condition=condition,
                time=time,
                line=line,
                restricted=True,
            )
            for biomarker, condition in topics or [("", "")]
        ]

    def _latest(self, sentence, start, end, taken):
        """ "X remains the most recently approved ROS1 medicine": no other drug approved for it since X."""
        text = sentence.text
        results = []
        if not APPROVAL_WORD.search(text, start, end):
            return results
        for match in LATEST.finditer(text, start, end):
            if any(a <= match.start() < b for a, b in taken):
                continue
            drugs = (self.subject(sentence, start, match.start(), end),)
            if not any(start <= pos < match.start() for pos, _ in sentence.drugs):
                # "The most recently approved ROS1 drug, taletrectinib, ..." / "... is taletrectinib": named after.
                after = [
                    slug
                    for pos, slug in sentence.drugs
                    if pos >= match.end()
                    and re.fullmatch(r"[\s,(]*(?:(?:is|was|remains|has\s+been)\s+)?", text[match.end() : pos], re.I)
                ]
                drugs = tuple(after[:1]) or drugs
            named = [name for pos, name, _ in sentence.biomarkers if match.start() <= pos < end]
            for biomarker in dict.fromkeys(named) or [""]:
                claim = self._claim("latest", drugs, sentence, start, end, match.start())
                # "Approved in November 2023, X remains the most recent ...": a date set off before the
                # claim's own phrase labels the approval; the claim's time is read from its own phrase.
                own_start = max(start, text.rfind(",", start, match.start()) + 1)
                claim.time = language.time_of(text, own_start, end)
                if biomarker:
                    claim.biomarker = biomarker
                results.append(claim)
            taken.append((match.start(), match.end()))
        return results

    def _approvals(self, sentence, start, end, taken):
        text = sentence.text
        results = []
        if text.startswith("|") and not (
            self.page.main_drug and self.page.snapshot.get("kind") == "drug" and text.strip().count("|") == 3
        ):
            # A table row whose columns are not known drugs: nothing to attribute. A "label | value" row
            # on a one-drug page speaks of that drug.
            return results
        triggers = list(APPROVED_FOR.finditer(text, start, end))
        if not triggers and SINCE_DATE.search(text):
            triggers = list(USE_SINCE.finditer(text, start, end))
        for i, match in enumerate(triggers):
            at = match.start()
            if any(a <= at <= b + 15 for a, b in taken):
                continue
            owner, scope_start, scope_end = self._owner(sentence, start, end, match)
            by_subject = scope_start == start
            if i + 1 < len(triggers):
                scope_end = min(scope_end, triggers[i + 1].start())
            if not owner:
                continue
            topics = _pairs(sentence, at if scope_start == start else scope_start, scope_end)
            if not topics:
                topics = _use_before(sentence, start, at)
            date_start = triggers[i - 1].end() if i and triggers[i - 1].start() >= start else start
            found_dates, earlier_dates = [], []
            for ds, de, lo, hi in language.dates(text[start:end]):
                ds, de = ds + start, de + start
                if at <= ds < scope_end:
                    found_dates.append((ds, de, lo, hi))
                elif by_subject and date_start <= ds < at:
                    # "entrectinib (2019), repotrectinib (2023) and taletrectinib (2025) are approved"
                    nearest = [slug for p, slug in sentence.drugs if start <= p < ds]
                    if not nearest or nearest[-1] == owner:
                        earlier_dates.append((ds, de, lo, hi))
            found_dates = found_dates or earlier_dates
            kind_of = APPROVAL_TYPE.search(text, max(start, at - 12), min(end, match.end() + 12))
            approval_type = (
                {"full": "regular"}.get(kind_of.group(1).lower(), kind_of.group(1).lower()) if kind_of else ""
            )
            window = max(start, at - 45)
            first_line, adjuvant = FIRST_LINE.search(text, window, end), ADJUVANT.search(text, window, end)
            later = LATER_LINE.search(text, window, end)
            if not later:
                # "approved after crizotinib": after another drug.
                later = next(
                    (
                        True
                        for pos, slug in sentence.drugs
                        if window <= pos < scope_end
                        and slug != owner
                        and re.search(
                            r"\b(?:after|following|despite)\s+(?:treatment\s+with\s+|taking\s+)?$", text[window:pos]
                        )
                    ),
                    None,
                )
            line = (
                "first line"
                if first_line and first_line.start() < scope_end
                else "adjuvant"
                if adjuvant and adjuvant.start() < scope_end
                else "later line"
                if later and (later is True or later.start() < scope_end)
                else ""
            )
            first_approved = bool(FIRST_APPROVED.search(text, max(start, at - 15), at))
            if len(found_dates) > 1:
                # "2015 (accelerated), 2017 (regular, first line)": each date has its own qualifiers.
                approval_type = line = ""
            negation = language.negation(text, at) or (
                NOT_APPROVED.search(text, max(start, at - 20), min(end, match.end() + 5)) and "not"
            )
            kind = "not_approved" if negation else "approved"
            restricted = bool(
                ONLY_BEFORE.search(text, max(start, at - 25), at)
                or ONLY_AFTER.match(text, match.end())
                or ONLY_AT_END.search(text, at, scope_end)
            )
            base = {"kind": kind, "drugs": (owner,), "sentence": sentence, "start": at, "negated": bool(negation)}
            time = language.time_of(text, scope_start, scope_end)
            dates_of = _dates_per_topic(
                sentence, at if scope_start == start else scope_start, scope_end, topics, found_dates
            )
            dated_by_time = False
            if first_approved and not found_dates:
                # "Back in 2017, when the FDA first approved X, ...": the clause's date is the first approval's.
                clause_time = language.time_of(text, start, scope_end)
                dated_by_time = clause_time.relation == "in"
                time = clause_time if dated_by_time else time
            for biomarker, condition in topics or ([("", "")] if found_dates or line or dated_by_time else []):
                results.append(
                    Claim(
                        **base,
                        biomarker=biomarker,
                        condition=condition,
                        time=time,
                        dates=dates_of.get((biomarker, condition), tuple(found_dates)),
                        approval_type=approval_type,
                        line=line,
                        restricted=restricted and not negation,
                        first_approved=first_approved,
                    )
                )
            if INDICATED.match(match.group(0)) and results:
                results[-1].regulator = "indicated"
        return results

    def _relative(self, sentence, start, end):
        """ "Entrectinib came three years after crizotinib's ROS1 approval": the gap between two approvals."""
        results = []
        for match in RELATIVE.finditer(sentence.text, start, end):
            other = [slug for pos, slug in sentence.drugs if pos == match.end()]
            value = language.numbers(match.group("n"))
            if not other or not value:
                continue
            before = [pos for pos, _ in sentence.drugs if start <= pos < match.start()]
            after = [slug for pos, slug in sentence.drugs if match.end() < pos < end and slug != other[0]]
            # "Two years before repotrectinib's approval, entrectinib was approved": the subject follows.
            subject = after[0] if not before and after else self.subject(sentence, start, match.start())
            if not subject or subject == other[0]:
                continue
            biomarker, condition = self.topic(sentence, start, end, match.end())
            later = match.group("rel").lower().startswith(("after", "later", "following"))
            pair = (subject, other[0]) if later else (other[0], subject)
            results.append(
                Claim(
                    kind="relative",
                    drugs=pair,
                    sentence=sentence,
                    start=match.start(),
                    biomarker=biomarker,
                    condition=condition,
                    count=int(value[0].value),
                    regulator=language.hedge(sentence.text, match.start()),
                )
            )
        return results

    def _owner(self, sentence, start, end, match):
        """(drug, scope start, scope end) of an approval word: possessive, appositive, "FDA approved X", subject."""
        text = sentence.text
        at = match.start()
        later = [pos for pos, _ in sentence.drugs if pos > match.end() and pos < end]
        stop = SCOPE_STOP.search(text, match.end(), end)
        scope_end = min(later + [end] + ([stop.start()] if stop else []))
        # "crizotinib's ROS1 approval (2016)"
        possessive = POSSESSIVE_BEFORE.search(text, start, at)
        if possessive:
            owners = [slug for pos, slug in sentence.drugs if pos < possessive.start() and start <= pos]
            if owners:
                return owners[-1], possessive.start(), scope_end
        # "the FDA approved crizotinib for ROS1-positive NSCLC in 2016"
        active = re.match(r"(?:FDA|EMA) ", match.group(0)) or re.search(
            r"\b(?:FDA|EMA|agency)\s+(?:(?:first|initially|originally|later|also|then|only)\s+)?$", text[start:at]
        )
        if match.group(0).lower().endswith("approved") and active:
            direct = [(pos, slug) for pos, slug in sentence.drugs if match.end() < pos <= match.end() + 2]
            if direct:
                later = [pos for pos, _ in sentence.drugs if pos > direct[0][0] and pos < end]
                return direct[0][1], match.end(), min(later + [end])
        # "the approval of entrectinib for ROS1"
        of = OF_AFTER.match(text, match.end())
        if of and match.group(0).lower().startswith("approval"):
            direct = [(pos, slug) for pos, slug in sentence.drugs if pos == of.end()]
            if direct:
                later = [pos for pos, _ in sentence.drugs if pos > direct[0][0] and pos < end]
                return direct[0][1], match.end(), min(later + [end])
        # "Entrectinib, approved in 2019, came ..."
        appositive = APPOSITIVE_BEFORE.search(text, start, at)
        if appositive:
            owners = [(pos, slug) for pos, slug in sentence.drugs if pos < appositive.start() and start <= pos]
            if owners and re.fullmatch(r"[\w\s()-]*", text[owners[-1][0] : appositive.start()]):
                close = text.find(",", match.end(), end)
                return owners[-1][1], at, close if close != -1 else scope_end
        return self.subject(sentence, start, at), start, scope_end


def _setting(sentence, at, end):
    """The line of treatment named after an exclusivity claim: "once X has stopped working", "after surgery"."""
    text = sentence.text
    if ADJUVANT.search(text, at, end):
        return "adjuvant"
    if LATER_LINE.search(text, at, end) or any(
        at <= pos < end
        and re.search(r"\b(?:after|following|once|when)\s+(?:treatment\s+with\s+)?$", text[at:pos])
        and re.search(r"\b(?:stopped|stops|failed|fails|no\s+longer)\b", text[pos:end])
        for pos, _ in sentence.drugs
    ):
        return "later line"
    return ""


def _use_before(sentence, start, at):
    """ "its other use is ALK-positive ALCL, approved in 2022": the use an approval set off by a comma follows."""
    comma = APPOSITIVE_BEFORE.search(sentence.text, start, at)
    if not comma:
        return []
    named = _pairs(sentence, max(start, comma.start() - 70), comma.start(), positions=True)
    return [named[-1][1]] if named else []


def _asked(text, position):
    """ "Is crizotinib still the only choice? Not any more.": a yes-no question answered "no" asks the claim, it
    does not make it (unanswered, it suggests the claim)."""
    if not text.rstrip().endswith("?"):
        return False
    start, _ = language.clause_at(text, position)
    return bool(POLAR_QUESTION.match(text, start))


def _dates_per_topic(sentence, start, end, topics, found_dates):
    """{topic: dates} when a list names several uses and several dates: each date is its own item's.

    "2011 (ALK, accelerated), 2013 (regular), 2016 (ROS1)": the use in a date's own parentheses;
    "... lymphoma (2021), and for ... tumour (2022)": a date in parentheses, or one that follows a use,
    belongs to the use right before it; a date with neither keeps the use of the item before it.
    Empty when there is nothing to share out (one use or one date): every date is the use's.
    """
    if len(found_dates) < 2 or len(topics) < 2:
        return {}
    text = sentence.text
    placed = _pairs(sentence, start, end, positions=True)
    if len({topic for _, topic in placed}) < 2:
        return {}
    assigned = {topic: [] for topic in topics}
    previous = None
    for date in sorted(found_dates):
        ds, de = date[0], date[1]
        own = None
        bracket = re.match(r"\s*\(([^()]*)\)", text[de:end])
        if bracket:
            inside = [topic for pos, topic in placed if de <= pos < de + bracket.end()]
            own = inside[0] if inside else None
        if own is None and not bracket:
            before = [topic for pos, topic in placed if pos < ds]
            # "2011 (ALK), 2013": a bare date after a dated item continues that item.
            own = previous if previous is not None and _after_item(text, ds) else (before[-1] if before else None)
        if own is None:
            own = previous
        if own is None:
            before = [topic for pos, topic in placed if pos < ds]
            own = before[-1] if before else None
        if own is None or own not in assigned:
            return {}
        assigned[own].append(date)
        previous = own
    return {topic: tuple(dates) for topic, dates in assigned.items()}


def _in_parentheses(text, pos, until):
    """Whether the name at `pos` sits in a parenthesis that closes before `until`."""
    opened = text.rfind("(", 0, pos)
    if opened == -1 or text.rfind(")", opened, pos) != -1:
        return False
    closed = text.find(")", pos)
    return closed != -1 and closed < until


def _after_item(text, at):
    """Whether the date at `at` follows a list item that ended with a parenthesis: "2011 (ALK), 2013"."""
    return bool(re.search(r"\)\s*,?\s*(?:and\s+)?$", text[:at]))


def _pairs(sentence, start, end, positions=False):
    """(biomarker, condition) pairs named in text[start:end]: "ROS1-positive NSCLC and NTRK fusion tumours"."""
    biomarkers = [(pos, name) for pos, name, _ in sentence.biomarkers if start <= pos < end]
    conditions = [(pos, slug) for pos, slug in sentence.conditions if start <= pos < end]
    pairs = []
    for i, (pos, name) in enumerate(biomarkers):
        limit = biomarkers[i + 1][0] if i + 1 < len(biomarkers) else end
        following = [slug for cpos, slug in conditions if pos <= cpos < limit]
        if not following and i + 1 < len(biomarkers):
            # "ALK-positive and ROS1-positive metastatic NSCLC": the condition after a list is every member's.
            between = sentence.text[biomarkers[i][0] : limit]
            if re.fullmatch(
                r"[\w-]+(?:[\s-]+(?:positive|\+|fusion|mutated|rearranged))?\s*(?:,\s*|\s+)(?:and|or)?\s*",
                between,
                re.IGNORECASE,
            ):
                rest = _pairs(sentence, limit, end)
                following = [rest[0][1]] if rest and rest[0][1] else []
        pairs.append((pos, (name, following[0] if following else "")))
    first = biomarkers[0][0] if biomarkers else end
    pairs += [(cpos, ("", slug)) for cpos, slug in conditions if cpos < first]
    if positions:
        return sorted(pairs)
    return list(dict.fromkeys(pair for _, pair in pairs))


# -- judging --------------------------------------------------------------------------


def _approvals_for(catalogue, slug, biomarker, condition):
    drug = catalogue.drugs.get(slug)
    if not drug:
        return []
    return drug.approved_for(biomarker or None, condition or None)


def _topic(catalogue, claim):
    setting = f" ({claim.line} use)" if claim.line and claim.kind in ("exclusive", "count") else ""
    if claim.condition:
        label = catalogue.condition_label(claim.condition)
        return (f"{claim.biomarker}-positive {label}" if claim.biomarker else label) + setting
    if claim.biomarker:
        return f"{claim.biomarker}-positive disease{setting}"
    return setting.strip(" ()") or "this use"


def _complete_on(catalogue, claim):
    dates = []
    if claim.biomarker:
        dates.append(catalogue.complete_on.get(("biomarker", claim.biomarker)))
    if claim.condition:
        dates.append(catalogue.complete_on.get(("condition", claim.condition)))
    dates = [d for d in dates if d]
    return max(dates) if dates else None


def _names(catalogue, slugs):
    names = [catalogue.drugs[s].name if s in catalogue.drugs else s for s in slugs]
    return " and ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + f" and {names[-1]}"


def _when(approval):
    return approval.when()


def _earliest(approvals):
    dated = [a.date for a in approvals if a.date]
    return min(dated) if dated else None


def _first_per_drug(approvals):
    first = {}
    for approval in sorted(approvals, key=lambda a: (a.date is None, a.date)):
        first.setdefault(approval.drug, approval)
    return list(first.values())


def _listed(catalogue, approvals):
    return ", ".join(f"{catalogue.drugs[a.drug].name} ({a.when()})" for a in _first_per_drug(approvals))


def _confirmed(complete, point, today, present):
    if not complete:
        return False
    if present:
        return complete >= today - PRESENT_WINDOW
    return complete >= point


def _unconfirmed(catalogue, claim, described, point, present):
    complete = _complete_on(catalogue, claim)
    what = claim.biomarker or (catalogue.condition_label(claim.condition) if claim.condition else "")
    listed = f"the list of {what} approvals" if what else "the list of approvals"
    if complete:
        marked = f"{listed} is marked complete only as of {complete.isoformat()}"
    else:
        marked = f"{listed} is not marked complete"
    return Finding(
        "exclusivity-unconfirmed",
        WARNING,
        f"claim: {described}; data: no other approval is recorded for {_topic(catalogue, claim)}, but {marked}, "
        "so the data cannot confirm it. Check it, or mark the list complete.",
        claim.sentence.location,
        claim.sentence.text,
    )


def _describe_exclusive(catalogue, claim, point):
    topic = _topic(catalogue, claim)
    present = claim.time.relation in ("present", "since", "future")
    if claim.time.relation == "past":
        when = f"at the time ({point.isoformat()})"
    else:
        when = claim.time.describe()
    if claim.kind == "count":
        n = claim.count
        noun = f"{n} approved drug{'s' if n != 1 else ''} for {topic}"
        verb = "is" if n == 1 else "are"
        return f"there {verb} today {noun}" if present else f"there {'was' if n == 1 else 'were'} {noun} {when}"
    plural = len(claim.drugs) > 1
    noun = f"the only {len(claim.drugs)} approved drugs" if plural else "the only approved drug"
    if claim.also_first:
        noun = noun.replace("the only", "the first and only")
    names = _names(catalogue, claim.drugs)
    if present:
        return f"{names} {'are' if plural else 'is'} today {noun} for {topic}"
    return f"{names} {'were' if plural else 'was'} {noun} for {topic} {when}"


def judge_exclusive(catalogue, claim, today):
    present = claim.time.relation in ("present", "since", "future")
    universe = [catalogue.drugs[s] for s in claim.domain if s in catalogue.drugs] or list(catalogue.drugs.values())
    everyone = [a for drug in universe for a in drug.approved_for(claim.biomarker or None, claim.condition or None)]
    if claim.line:
        # "the only option once crizotinib has stopped working": the approvals for that setting.
        everyone = [a for a in everyone if _fits(a, claim)]
    if claim.both:
        # "only X is approved for both ALK and ROS1": the drugs approved for every one of them.
        holders = {d.slug for d in universe if all(d.approved_for(b) for b in claim.both)}
        everyone = [a for a in everyone if a.drug in holders]
    own = [a for a in everyone if a.drug in claim.drugs]
    own_start = _earliest(own)
    point = claim.time.point(own_start, today)
    if claim.kind == "count" and not claim.drugs:
        by_point = {a.drug for a in everyone if (a.date is None and present) or (a.date and a.date <= point)}
        described = _describe_exclusive(catalogue, claim, point)
        recorded = ", ".join(
            f"{catalogue.drugs[a.drug].name} ({a.when()})"
            for a in _first_per_drug([a for a in everyone if a.drug in by_point])
        )
        if claim.negated:
            return
        if len(by_point) > claim.count:
            yield Finding(
                "exclusivity-claim",
                ERROR,
                f"claim: {described}; data: {len(by_point)} are recorded: {recorded}.",
                claim.sentence.location,
                claim.sentence.text,
            )
        elif not _confirmed(_complete_on(catalogue, claim), point, today, present):
            yield _unconfirmed(catalogue, claim, described, point, present)
        return
    described = _describe_exclusive(catalogue, claim, point)
    missing = [
        slug for slug in claim.drugs if not [a for a in own if a.drug == slug and (a.date is None or a.date <= point)]
    ]
    others = [a for a in everyone if a.drug not in claim.drugs and a.date and a.date <= point]
    undated_others = [a for a in everyone if a.drug not in claim.drugs and a.date is None]
    if present:
        others += undated_others
    if claim.negated:
        if not others and not missing and _confirmed(_complete_on(catalogue, claim), point, today, present):
            yield Finding(
                "exclusivity-claim",
                ERROR,
                f"claim: {_names(catalogue, claim.drugs)} is not the only approved drug for "
                f"{_topic(catalogue, claim)}; data: no other approval is recorded, and the list is complete.",
                claim.sentence.location,
                claim.sentence.text,
            )
        return
    if claim.regulator:
        yield Finding(
            "exclusivity-unconfirmed",
            WARNING,
            f"claim: {described} ({claim.regulator}); data: only FDA approvals are recorded, so the data cannot "
            "confirm it.",
            claim.sentence.location,
            claim.sentence.text,
        )
        return
    problems = []
    if others:
        problems.append(f"also approved for {_topic(catalogue, claim)}: {_listed(catalogue, others)}")
    for slug in missing:
        drug = catalogue.drugs.get(slug)
        if not drug:
            continue
        if own and not present:
            problems.append(f"{drug.name} was approved for it only on {_earliest([a for a in own if a.drug == slug])}")
        else:
            problems.append(
                f"{drug.name} has no approval for {_topic(catalogue, claim)}; its approved uses: {_uses(drug)}"
            )
    if claim.also_first and own_start:
        earlier = [a for a in everyone if a.drug not in claim.drugs and a.date and a.date < own_start]
        if earlier:
            problems.append(f"approved before it: {_listed(catalogue, earlier)}")
    if problems:
        yield Finding(
            "exclusivity-claim",
            ERROR,
            f"claim: {described}; data: " + "; ".join(problems) + ".",
            claim.sentence.location,
            claim.sentence.text,
        )
    elif not _confirmed(_complete_on(catalogue, claim), point, today, present):
        yield _unconfirmed(catalogue, claim, described, point, present)


def judge_first(catalogue, claim, today):
    if claim.negated or not claim.drugs:
        return
    slug = claim.drugs[0]
    drug = catalogue.drugs.get(slug)
    if not drug:
        return
    if not claim.biomarker and not claim.condition:
        return
    own = drug.approved_for(claim.biomarker or None, claim.condition or None)
    topic = _topic(catalogue, claim)
    described = f"{drug.name} was the first approved drug for {topic}"
    if not own:
        yield Finding(
            "exclusivity-claim",
            ERROR,
            f"claim: {described}; data: {drug.name} has no approval for {topic}; its approved uses: {_uses(drug)}.",
            claim.sentence.location,
            claim.sentence.text,
        )
        return
    own_start = _earliest(own)
    complete = _complete_on(catalogue, claim)
    if not own_start:
        # An undated approval counts as later than the date the list was marked complete.
        before = [
            a
            for other in catalogue.drugs.values()
            if other.slug != slug
            for a in other.approved_for(claim.biomarker or None, claim.condition or None)
            if a.date and complete and a.date <= complete
        ]
        if before:
            yield Finding(
                "exclusivity-claim",
                ERROR,
                f"claim: {described}; data: {_listed(catalogue, before)} came before {drug.name}, whose approval "
                f"date is not recorded (the list is complete up to {complete.isoformat()} without it).",
                claim.sentence.location,
                claim.sentence.text,
            )
        return
    earlier = [
        a
        for other in catalogue.drugs.values()
        if other.slug != slug
        for a in other.approved_for(claim.biomarker or None, claim.condition or None)
        if a.date and a.date < own_start
    ]
    if earlier:
        yield Finding(
            "exclusivity-claim",
            ERROR,
            f"claim: {described}; data: {_listed(catalogue, earlier)} came before {drug.name} "
            f"({own_start.isoformat()}).",
            claim.sentence.location,
            claim.sentence.text,
        )
        return
    if not complete or complete < own_start:
        yield _unconfirmed(catalogue, claim, f"{described} ({own_start.isoformat()})", own_start, False)


def judge_latest(catalogue, claim, today):
    """The drug's first approval for the use must be the latest of any drug's, at the time the claim speaks of."""
    if claim.negated or not claim.drugs or not (claim.biomarker or claim.condition):
        return
    drug = catalogue.drugs.get(claim.drugs[0])
    if not drug:
        return
    own_start = _earliest(drug.approved_for(claim.biomarker or None, claim.condition or None))
    if not own_start:
        return
    point = claim.time.point(own_start, today)
    later = [
        a
        for other in catalogue.drugs.values()
        if other.slug != drug.slug
        for a in _first_per_drug(other.approved_for(claim.biomarker or None, claim.condition or None))
        if a.date and own_start < a.date <= point
    ]
    if later:
        topic = _topic(catalogue, claim)
        yield Finding(
            "exclusivity-claim",
            ERROR,
            f"claim: {drug.name} is {claim.time.describe()} the most recently approved drug for {topic} "
            f"({own_start.isoformat()}); data: {_listed(catalogue, later)} came later.",
            claim.sentence.location,
            claim.sentence.text,
        )


def _uses(drug):
    return ", ".join(dict.fromkeys(a.describe() for a in drug.approved_for())) or "none recorded"


def judge_relative(catalogue, claim):
    """The gap in years between the first approvals of two drugs (for the claim's biomarker, if named)."""
    later, earlier = (catalogue.drugs.get(slug) for slug in claim.drugs)
    if not later or not earlier:
        return
    first_later = _earliest(later.approved_for(claim.biomarker or None, claim.condition or None))
    first_earlier = _earliest(earlier.approved_for(claim.biomarker or None, claim.condition or None))
    if not first_later or not first_earlier:
        return
    gap = first_later.year - first_earlier.year
    exact = (first_later - first_earlier).days / 365.25
    if gap == claim.count or int(exact) == claim.count or (claim.regulator and abs(exact - claim.count) < 1):
        return
    topic = f" for {_topic(catalogue, claim)}" if claim.biomarker or claim.condition else ""
    yield Finding(
        "approval-claim",
        ERROR,
        f"claim: {later.name} was approved{topic} {claim.count} year{'s' if claim.count != 1 else ''} after "
        f"{earlier.name}; data: {later.name} {first_later.isoformat()}, {earlier.name} {first_earlier.isoformat()} "
        f"({gap} year{'s' if gap != 1 else ''} apart).",
        claim.sentence.location,
        claim.sentence.text,
    )


def _fits(approval, claim):
    if claim.approval_type and approval.approval_type and approval.approval_type != claim.approval_type:
        return False
    if claim.approval_type and not approval.approval_type:
        return False
    details = f"{approval.line} {approval.setting}".lower()
    if claim.line == "first line" and "first line" not in details:
        return False
    if claim.line == "later line" and (
        (approval.line and not _later_line(approval)) or (not approval.line and "adjuvant" in details)
    ):
        return False
    return not (claim.line == "adjuvant" and "adjuvant" not in details)


def _later_line(approval):
    return approval.line.lower().startswith(("after", "with or without", "previously", "second"))


def _either_line(approval):
    return approval.line.lower().startswith(("with or without", "regardless"))


def _which(claim):
    words = [w for w in (claim.approval_type, claim.line) if w]
    return " ".join(words) + " " if words else ""


def _details(approval):
    return ", ".join(w for w in (approval.approval_type, approval.line, approval.setting) if w) or "no details"


def judge_approval(page, claim, today):
    catalogue = page.catalogue
    drug = catalogue.drugs.get(claim.drugs[0]) if claim.drugs else None
    if not drug:
        return
    topic = _topic(catalogue, claim)
    if claim.biomarker or claim.condition:
        own = drug.approved_for(claim.biomarker or None, claim.condition or None)
    else:
        own = drug.approved_for()
    qualified = [a for a in own if _fits(a, claim)]
    which = _which(claim)
    if which and claim.kind == "not_approved" and qualified:
        first = sorted(qualified, key=lambda a: (a.date is None, a.date))[0]
        yield Finding(
            "approval-claim",
            ERROR,
            f"claim: {drug.name} has no {which}approval; data: {drug.name} has one: {first.describe()}, "
            f"{_details(first)} ({first.when()}).",
            claim.sentence.location,
            claim.sentence.text,
        )
        return
    if which and claim.kind == "approved" and own:
        if not qualified:
            listed = "; ".join(f"{a.describe()}, {_details(a)} {a.when()}" for a in own)
            yield Finding(
                "approval-claim",
                ERROR,
                f"claim: {drug.name} has a {which}approval{f' for {topic}' if claim.biomarker else ''}; data: none "
                f"is recorded. Its approvals: {listed}.",
                claim.sentence.location,
                claim.sentence.text,
            )
            return
        own = qualified
    if claim.kind == "not_approved":
        if not own or not (claim.biomarker or claim.condition):
            return
        lo = claim.time.lo
        if claim.time.relation in ("before", "until") and lo and all(a.date and a.date >= lo for a in own):
            return
        if claim.time.relation == "past":
            return
        first = sorted(own, key=lambda a: (a.date is None, a.date))[0]
        yield Finding(
            "approval-claim",
            ERROR,
            f"claim: {drug.name} is not approved for {topic}; data: {drug.name} is approved for "
            f"{first.describe()} ({first.when()}).",
            claim.sentence.location,
            claim.sentence.text,
        )
        return
    if (claim.biomarker or claim.condition) and not own:
        recorded = [
            a
            for a in drug.approvals
            if (not claim.biomarker or a.biomarker == claim.biomarker)
            and (not claim.condition or a.condition == claim.condition)
        ]
        status = f" It is recorded as {recorded[0].setting or 'not approved'} for that use." if recorded else ""
        what = f"{claim.biomarker}-positive disease" if claim.biomarker else catalogue.condition_label(claim.condition)
        yield Finding(
            "approval-claim",
            ERROR,
            f"claim: {drug.name} is approved for {topic}; data: {drug.name} is not approved for {what}. "
            f"Its approved uses: {_uses(drug)}.{status}",
            claim.sentence.location,
            claim.sentence.text,
        )
        return
    dated = [a for a in own if a.date]
    # "Back in 2017, when the FDA first approved X": the time of the clause dates the first approval.
    time_dated = claim.first_approved and not claim.dates and claim.time.relation == "in" and claim.time.lo
    if not (claim.dates or time_dated) or not dated:
        return
    what = f" {which.strip()}" if which else ""
    if claim.first_approved and claim.time.relation != "future":
        earliest = min(dated, key=lambda a: a.date)
        stated = [
            (lo, hi)
            for position, _, lo, hi in claim.dates
            if language.date_relation(claim.sentence.text, position) == "in"
        ] or ([(claim.time.lo, claim.time.hi)] if time_dated else [])
        if stated and not any(lo <= earliest.date <= hi for lo, hi in stated):
            lo, hi = stated[0]
            period = str(lo.year) if (lo.month, lo.day, hi.month, hi.day) == (1, 1, 12, 31) else lo.isoformat()
            yield Finding(
                "approval-claim",
                ERROR,
                f"claim: {drug.name} was first approved{f' for {topic}' if claim.biomarker or claim.condition else ''}"
                f" in {period}; data: its first{what} approval was {earliest.describe()}, {_details(earliest)} "
                f"({earliest.when()}).",
                claim.sentence.location,
                claim.sentence.text,
            )
            return
    for position, _, lo, hi in claim.dates:
        relation = language.date_relation(claim.sentence.text, position)
        if relation in ("before", "until"):
            ok = any(a.date < lo for a in dated)
        elif relation == "after":
            ok = any(a.date > hi for a in dated)
        elif relation == "since":
            ok = any(a.date <= hi for a in dated)
            # "approved for first-line use since November 2018" dates the approval: one must fall then.
            if ok and _dates_the_approval(claim, position):
                ok = any(lo <= a.date <= hi for a in dated)
        else:
            ok = any(lo <= a.date <= hi for a in dated)
        if not ok:
            period = (
                str(lo.year)
                if (lo.month, lo.day, hi.month, hi.day) == (1, 1, 12, 31)
                else (f"{lo:%B %Y}" if lo != hi else lo.isoformat())
            )
            listed = "; ".join(f"{a.describe()} {a.when()}" for a in dated)
            yield Finding(
                "approval-claim",
                ERROR,
                f"claim: {drug.name} was approved{f' for {topic}' if claim.biomarker or claim.condition else ''} "
                f"{relation} {period}; "
                f"data: {drug.name} had no{what} approval in {period}. Its{what} approvals: {listed}.",
                claim.sentence.location,
                claim.sentence.text,
            )


# Between an approval and its "since" date: nothing that gives the date to another clause or drug.
SINCE_APART = re.compile(
    r"[;:—–()]|\s-\s|\b(?:when|which|while|whereas|but|after|before|until|not|never|no\s+longer)\b|n[’']t\b",
    re.IGNORECASE,
)


def _dates_the_approval(claim, position):
    """ "Approved ... since November 2018", "Since 2019, X has been approved": the date is the approval's own
    (not "it hasn't been the only one since August 2019, when Y was approved")."""
    text = claim.sentence.text
    lo, hi = sorted((claim.start, position))
    if SINCE_APART.search(text, lo, hi):
        return False
    return not any(lo < at < hi and slug not in claim.drugs for at, slug in claim.sentence.drugs)


# -- the checks -------------------------------------------------------------------------


def read_claims(page):
    """Every claim of the page, in reading order (cached on the page)."""
    cached = getattr(page, "_claims", None)
    if cached is not None:
        return cached
    reader = Reader(page)
    claims = []
    sentences = page.sentences
    for i, sentence in enumerate(sentences):
        following = sentences[i + 1] if i + 1 < len(sentences) and sentences[i + 1].block == sentence.block else None
        claims.extend(reader.claims(sentence, following))
    page._claims = claims
    return claims


def _today(page):
    return getattr(page, "today", None) or datetime.date.today()


def exclusivity(page):
    """ "The only approved ...", "the first ...", counts of approved drugs, against every drug's approvals."""
    catalogue, today = page.catalogue, _today(page)
    for claim in read_claims(page):
        if claim.kind in ("exclusive", "count"):
            if not claim.biomarker and not claim.condition and not claim.line:
                continue
            yield from judge_exclusive(catalogue, claim, today)
        elif claim.kind == "first":
            yield from judge_first(catalogue, claim, today)
        elif claim.kind == "latest":
            yield from judge_latest(catalogue, claim, today)


def approvals(page):
    """Uses written as approved that are not, and approval years that are not in the data."""
    today = _today(page)
    judged = set()
    for claim in read_claims(page):
        if claim.kind == "relative":
            yield from judge_relative(page.catalogue, claim)
        if claim.kind in ("approved", "not_approved"):
            for finding in judge_approval(page, claim, today):
                judged.add((claim.sentence.index, claim.drugs[0], claim.biomarker))
                yield finding
    yield from _restricted_uses(page, today)
    yield from _no_uses_beyond(page)
    yield from _unapproved_uses_offered(page, judged)
    for sentence in page.sentences:
        for match in INDICATED.finditer(sentence.text):
            yield from _indicated(page, sentence, match)
        if sentence.subject and sentence.text.lower().startswith(("fda approval", "approval")):
            yield from _history(page, sentence)


def _restricted_uses(page, today):
    """ "X is approved only for A and B": an approval of X for any other use, recorded by the time the
    claim speaks of, contradicts it."""
    groups = {}
    for claim in read_claims(page):
        if (
            claim.kind in ("approved", "restricted")
            and claim.restricted
            and claim.drugs
            and (claim.biomarker or claim.condition or claim.line)
        ):
            groups.setdefault((claim.sentence.index, claim.drugs[0]), []).append(claim)
    for (_, slug), group in groups.items():
        drug = page.catalogue.drugs.get(slug)
        if not drug:
            continue
        claim = group[0]
        point = claim.time.point(today=today)

        def named(approval, group=group):
            # A restriction to a line is met only by approvals limited to that line.
            return any(
                (not c.biomarker or c.biomarker == approval.biomarker)
                and (not c.condition or c.condition == approval.condition)
                and (
                    not c.line
                    # "with or without a prior TKI" allows a later line but is not limited to it.
                    or (
                        _later_line(approval) and not _either_line(approval)
                        if c.line == "later line"
                        else _fits(approval, c)
                    )
                )
                for c in group
            )

        others = [a for a in drug.approved_for() if a.date and a.date <= point and not named(a)]
        if not others:
            continue
        said = ", ".join(dict.fromkeys(_which(c) + _topic(page.catalogue, c) for c in group)).replace("this use", "use")
        listed = "; ".join(f"{a.describe()}, {_details(a)} ({a.when()})" for a in others)
        yield Finding(
            "approval-claim",
            ERROR,
            f"claim: {drug.name} is approved only for {said}; data: {drug.name} is also approved for {listed}.",
            claim.sentence.location,
            claim.sentence.text,
        )


def _no_uses_beyond(page):
    """ "Approved uses outside lung cancer | None", "it has no approved use beyond NSCLC": every approval of
    the drug is for lung cancer."""
    catalogue = page.catalogue
    for sentence in page.sentences:
        text = sentence.text
        lower = text.lower()
        if "lung" not in lower and "nsclc" not in lower:
            continue
        match = NO_USE_BEYOND.search(text)
        if not match or language.negation(text, match.start()) and not match.group("none"):
            continue
        slug = sentence.subject or next((s for p, s in sentence.drugs if p < match.start()), "") or page.main_drug
        drug = catalogue.drugs.get(slug)
        if not drug:
            continue
        beyond = [a for a in drug.approved_for() if a.condition != "nsclc"]
        if beyond:
            listed = "; ".join(f"{a.describe()} ({a.when()})" for a in _first_per_condition(beyond))
            yield Finding(
                "approval-claim",
                ERROR,
                f"claim: {drug.name} has no approved use outside lung cancer; data: it is also approved for {listed}.",
                sentence.location,
                text,
            )


def _unapproved_uses_offered(page, judged):
    """A drug offered for a use the data records as not approved, without saying so."""
    catalogue = page.catalogue
    reported = set()
    for sentence in page.sentences:
        for position, slug in sentence.drugs:
            for approval in catalogue.drugs[slug].approvals:
                key = (sentence.block, slug, approval.biomarker)
                if approval.approved or not approval.biomarker or key in reported:
                    continue
                # "ROS1-positive disease" offers the drug for a use; "activity against ROS1" is its mechanism.
                if not any(
                    name == approval.biomarker and USE_AFTER_BIOMARKER.match(sentence.text, end)
                    for _, name, end in sentence.biomarkers
                ):
                    continue
                if (sentence.index, slug, approval.biomarker) in judged:
                    continue
                # "lorlatinib is not, and using it there is off-label"
                after = sentence.text[position : position + 90]
                if NOT_APPROVED.search(after) or re.match(r"[\w()\s]*?\s(?:is|are)\s+not\b", after):
                    continue
                block = [sentence, *page.block_before(sentence)]
                block += [s for s in page.sentences if s.block == sentence.block and s.index > sentence.index]
                # "It is not FDA-approved for ROS1" may follow the sentence that names the drug.
                if any(NOT_APPROVED.search(s.text) and {d for _, d in s.drugs} <= {slug} for s in block):
                    continue
                reported.add(key)
                note = f" (the data records it as {approval.setting})" if approval.setting else ""
                yield Finding(
                    "unapproved-use",
                    ERROR,
                    f"{catalogue.drugs[slug].name} is offered for {approval.describe()} without saying that it is "
                    f"not FDA-approved for it{note}.",
                    sentence.location,
                    sentence.text,
                )


def _indicated(page, sentence, match):
    """ "Indicated for ..." on a drug's own page should list every approved use."""
    slug = sentence.subject or page.main_drug
    before = [s for pos, s in sentence.drugs if pos < match.start()]
    if before:
        slug = before[-1]
    if slug != page.main_drug or language.negation(sentence.text, match.start()):
        return
    drug = page.catalogue.drugs.get(slug)
    if not drug:
        return
    conditions = [c for pos, c in sentence.conditions if pos > match.end()]
    missing = [a for a in _first_per_condition(drug.approved_for()) if a.condition not in conditions]
    if conditions and missing:
        listed = ", ".join(f"{a.describe()} ({a.when()})" for a in missing)
        yield Finding(
            "indications-incomplete",
            WARNING,
            f"The indications of {drug.name} omit approved uses: {listed}.",
            sentence.location,
            sentence.text,
        )


def _first_per_condition(approvals):
    first = {}
    for approval in sorted(approvals, key=lambda a: (a.date is None, a.date)):
        first.setdefault(approval.condition, approval)
    return list(first.values())


def _history(page, sentence):
    """A table row "FDA approval: 2015, 2017" that leaves approvals out."""
    drug = page.catalogue.drugs.get(sentence.subject)
    if not drug:
        return
    years = {lo.year for _, _, lo, _ in language.dates(sentence.text)}
    missing = sorted({a.date.year for a in drug.approved_for() if a.date} - years)
    if missing:
        listed = "; ".join(
            f"{a.describe()} {a.when()}" for a in drug.approved_for() if a.date and a.date.year in missing
        )
        yield Finding(
            "approval-history-incomplete",
            WARNING,
            f"The approval history of {drug.name} omits: {listed}.",
            sentence.location,
            sentence.text,
        )
