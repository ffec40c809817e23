"""Reading claims about approvals from prose: patterns, the Claim, and the Reader that finds them.

See reviews/checks/claims/__init__.py for what is read and how it is judged.
"""

import re
from dataclasses import dataclass, field

from .. import language

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
    r"|\b(?:has|had|have|faces?|faced)\s+no\s+(?:[\w-]+\s+){0,2}?(?:rivals?|competitors?|alternatives?|equals?)\b"
    # "crizotinib has the field to itself", "unrivalled", "without a rival".
    r"|\b(?:has|had|have)\s+the\s+(?:field|market|space)\s+to\s+(?:itself|themselves)\b|\bunrivall?ed\b"
    r"|\bwithout\s+(?:an?\s+)?(?:approved\s+)?(?:rivals?|competitors?|equals?)\b",
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
# "but it", "but on 15 August 2019 it", "yet, in 2019, it": a contrasting clause opened before its pronoun.
RELATIVE_OPENING = re.compile(r"\s*(?:which|who)\b", re.IGNORECASE)
# A clause opening on a subject that is not a drug: "but three more have been", "while others were".
SUBJECT_OF_ITS_OWN = re.compile(
    r"\s*(?:but|and|while|whereas|yet|so)?\s*,?\s*(?:(?:one|two|three|four|five|several|many|some|few|others?|more"
    r"|newer|later|most|all|both)\b[\w\s-]{0,20}?\s(?:have|has|had|are|were|is|was)\b|(?:they|these|those)\s)",
    re.IGNORECASE,
)
CONTRAST_OPENING = re.compile(
    r"\s*(?:but|yet|though|although|while|whereas)\s+,?\s*"
    r"(?:(?:on|in|at|by|from|since|after|before|until|later|then|now|today|soon|eventually|finally)\b[^,;]{0,40}?,?\s+)?",
    re.IGNORECASE,
)
BOUND_BEFORE = re.compile(r"\b(?:more|fewer|less|other)\s+than\s+$|\b(?:at\s+least|at\s+most|over|up\s+to)\s+$", re.I)
APPROVAL_OF = re.compile(r"[\w-]+'s\s+(?:[\w-]+\s+){0,2}?(?:approval|approvals|label)\b", re.IGNORECASE)
DOMAIN = re.compile(
    r"\b(?:among\s+(?:these|them|the\s+(?:medicines|drugs|options|treatments)\s+(?:covered|discussed|listed|here|on))"
    r"|on\s+this\s+page|covered\s+here|of\s+(?:the|these)\s+(?:two|three|four|five|six)\b|of\s+(?:them|these)\b"
    r"|in\s+this\s+(?:series|comparison|table|list)"
    # "Both drugs are approved for ALK; only crizotinib is also approved for ROS1": the pair compared.
    r"|\bboth\s+(?:drugs|medicines|medications|treatments|options|tablets)\b|\b(?:the|these)\s+two\s+(?:drugs|medicines)\b"
    r"|\bof\s+the\s+(?:two|pair)\b)",
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
ANSWERED_YES = re.compile(r"\s*(?:yes\b|yep\b|indeed\b|that's\s+right\b|correct\b)", re.IGNORECASE)
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
    "to itself": "no other",
    "to themselves": "no other",
    "unrival": "no other",
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
    # Why the reading is uncertain (a pronoun among several drugs, a claim reported from others), or "".
    doubt: str = ""
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
        # (sentence index, drug) for subjects guessed for a pronoun among several drugs.
        self.guessed = set()

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
            # A parenthesis or an aside between dashes is a clause of its own:
            # "X was not the first - Y came earlier - but it ..." is about X.
            outside = [
                (pos, slug)
                for pos, slug in sentence.drugs
                if pos < pronoun.start()
                and not _in_parentheses(text, pos, pronoun.start())
                and not _in_aside(text, pos, pronoun.start())
            ]
            earlier = [slug for pos, slug in outside]
            unexcluded = [slug for pos, slug in outside if not EXCLUDING.search(text[max(0, pos - 40) : pos])]
            if unexcluded and CONTRAST_OPENING.fullmatch(text[start : pronoun.start()]):
                # "..., but it was the second": "it" opening a contrasting clause is the sentence's subject.
                return unexcluded[0]
            guess = (unexcluded or earlier or [self.carried(sentence)])[-1]
            if len(set(unexcluded or earlier)) > 1:
                self.guessed.add((sentence.index, guess))
            return guess
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
        if RELATIVE_OPENING.match(text, start):
            # "... longer than lorlatinib, which was approved in 2018": the name the relative clause follows.
            before = [slug for pos, slug in sentence.drugs if pos < start]
            if before:
                return before[-1]
        earlier = [
            slug for pos, slug in sentence.drugs if pos < start and not EXCLUDING.search(text[max(0, pos - 40) : pos])
        ]
        if earlier and SUBJECT_OF_ITS_OWN.match(text, start):
            # "..., but three more have been approved since 2019": the clause has a subject of its own.
            self.guessed.add((sentence.index, earlier[-1]))
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
            if _asked(text, claim.start):
                if following is not None and ANSWERED_NO.match(following.text):
                    continue
                if following is None or not ANSWERED_YES.match(following.text):
                    # "Is crizotinib still the only ROS1 medicine?" asks; only a "Yes." after it asserts.
                    claim.doubt = "it is asked as a question, not stated"
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
            if not topics and sentence.subject and at < sentence.text.find(": "):
                # A table row "ROS1 approval | 2016 | ...": the use is named in the row's label.
                topics = _pairs(sentence, 0, sentence.text.find(": "))
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
            negation = (
                language.negation(text, at)
                or (NOT_APPROVED.search(text, max(start, at - 20), min(end, match.end() + 5)) and "not")
                or _cell_denies(sentence, at)
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
            undated = _named_after_dates(sentence, at if scope_start == start else scope_start, scope_end, found_dates)
            for biomarker, condition in topics or ([("", "")] if found_dates or line or dated_by_time else []):
                own_dates = dates_of.get((biomarker, condition), tuple(found_dates))
                if (biomarker, condition) in undated and (biomarker, condition) not in dates_of:
                    own_dates = ()
                results.append(
                    Claim(
                        **base,
                        biomarker=biomarker,
                        condition=condition,
                        time=time,
                        dates=own_dates,
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


def _named_after_dates(sentence, start, end, found_dates):
    """Uses named only after the dates, when another use stands before them: "approved for ROS1 in March
    2016, five years after its first ALK approval" dates the ROS1 approval, not the ALK one."""
    if not found_dates:
        return set()
    placed = _pairs(sentence, start, end, positions=True)
    first_date, last_date = min(d[0] for d in found_dates), max(d[0] for d in found_dates)
    before = {topic for pos, topic in placed if pos < first_date}
    if not before:
        return set()
    return {topic for pos, topic in placed if pos > last_date} - before


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


CELL_DENIAL = re.compile(r"\s*(?:no\b|not\b|none\b|never\b|n/?a\b|[-–—]\s*$)", re.IGNORECASE)


def _cell_denies(sentence, at):
    """In a table cell "row label: value", a value that says no ("not approved (off-label)", "none", "-")
    denies what the row's label names ("FDA approval for ROS1+ NSCLC")."""
    if not sentence.subject:
        return ""
    colon = sentence.text.find(": ")
    if colon == -1 or at > colon:
        return ""
    value = sentence.text[colon + 2 :]
    return "not" if CELL_DENIAL.match(value) or NOT_APPROVED.search(value) else ""


SET_APART = re.compile(
    r"\b(?:unlike|rather\s+than|instead\s+of|except(?:\s+for)?|other\s+than|apart\s+from|but\s+not|not)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
ASIDE_DASH = re.compile(r"\s[-–—]\s")


def _in_aside(text, pos, until):
    """Whether the name at `pos` sits in an aside between two dashes that closes before `until`."""
    dashes = [m.start() for m in ASIDE_DASH.finditer(text, 0, until)]
    return any(a < pos < b for a, b in zip(dashes[::2], dashes[1::2], strict=False))


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
        # "ALK-positive lymphoma (2021) and myofibroblastic tumour (2022)": each condition listed is a use.
        pairs += [(c, (name, slug)) for c, slug in conditions if pos <= c < limit and slug not in following[:1]]
    first = biomarkers[0][0] if biomarkers else end
    pairs += [(cpos, ("", slug)) for cpos, slug in conditions if cpos < first]
    if positions:
        return sorted(pairs)
    return list(dict.fromkeys(pair for _, pair in pairs))
