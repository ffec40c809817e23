"""Search over publications: /search/?q=

Reads the search index (public/models.py), which holds live publications only, so a
draft, an unsigned edit or a withdrawn page is never found, nor offered as a correction.

A search goes in three steps:

1. understand(): the names in the query are looked up in the vocabulary of names the live
   pages show (drugs, brands, biomarkers, conditions, trials). "ros 1" is ROS1; a brand
   also finds its generic ("Xalkori" → crizotinib); a misspelt name ("crizotnib",
   "alecenza") is corrected to the nearest one by edit distance, among candidates that
   pg_trgm finds on PostgreSQL and among all names on SQLite (the demo has a few dozen).
   A drug's name puts its drug page first.
2. An engine finds, ranks and cuts snippets: PostgreSQL full-text search (a stored
   weighted tsvector, websearch_to_tsquery, ts_rank_cd, ts_headline), SQLite's FTS5
   (bm25 and snippet) when the SQLite in use has it, and plain matching otherwise.
3. With nothing found, "did you mean" offers the nearest names, if they find something.
"""

import operator
import re
from dataclasses import dataclass, field
from functools import reduce

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connection
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import Length
from django.shortcuts import render
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from reviews.models import Publication

from .models import SearchDocument, SearchName, fold, joined

SEARCH_MAX_LENGTH = 200
SEARCH_MAX_TERMS = 10
PAGE_SIZE = 10
MAX_PAGE = 100_000
SEARCH_PUNCTUATION = "\"'“”‘’.,;:!?()[]{}"
# The longest name looked for, in words ("non-small cell lung cancer").
NAME_MAX_WORDS = 5
# Where a snippet's matched words start and stop: characters no page text holds, escaped
# with the rest of the snippet and then turned into <mark>.
START, STOP = "\ue000", "\ue001"
CONFIG = "english"
TYPE_A_WORD = "Type a word or two to search for, for example a drug's name."


# Step 1: what the query names ----------------------------------------------------------------


def edits_allowed(word, loose=False):
    """How many typing slips a word may hold and still be taken for a name: none in a short word."""
    length = len(word)
    allowed = 0 if length < 4 else 1 if length < 6 else 2
    return allowed + 1 if loose and length >= 4 else allowed


def distance(a, b, limit):
    """Edits (insert, delete, substitute, swap two neighbours) from a to b; limit + 1 once past limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before, row = None, list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (char_a != char_b))
            if before is not None and i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, row = row, current
    return row[-1]


class Vocabulary:
    """The names live pages show, looked up by what a reader typed, in one query."""

    def lookup(self, spans, words, loose=False):
        """The names spelt exactly as one of the spans (ROS1 for "ros 1", "ROS-1", "ros1"), and for
        each word the names it might be a misspelling of; the vocabulary is small, so all of a near length."""
        reach = {word: edits_allowed(joined(word), loose) for word in words}
        condition = Q(joined__in=spans) if spans else Q()
        for word, limit in reach.items():
            if limit:
                size = len(joined(word))
                condition |= Q(length__gte=size - limit, length__lte=size + limit)
        if not condition:
            return [], {}
        names = list(SearchName.objects.annotate(length=Length("joined")).filter(condition))
        candidates = {
            word: [name for name in names if abs(len(name.joined) - len(joined(word))) <= limit]
            for word, limit in reach.items()
            if limit
        }
        return [name for name in names if name.joined in spans], candidates

    def nearest(self, candidates, loose=False):
        """{word: the names nearest to it}, for words within edits_allowed of a candidate."""
        found = {}
        for word, names in candidates.items():
            target = joined(word)
            limit = edits_allowed(target, loose)
            scored = [(distance(target, name.joined, limit), name) for name in names]
            scored = [(d, name) for d, name in scored if d <= limit]
            if scored:
                best = min(d for d, _ in scored)
                found[word] = sorted((name for d, name in scored if d == best), key=lambda name: name.pk)
        return found


class TrigramVocabulary(Vocabulary):
    """On PostgreSQL: a word's candidates are the names nearest it by pg_trgm's word_similarity.

    The trigram GiST index hands them over nearest first (`<->>` is one minus
    word_similarity), so a word costs the same however many names there are.
    """

    CANDIDATES = 20

    def lookup(self, spans, words, loose=False):
        words = [word for word in words if edits_allowed(joined(word), loose)]
        if not spans and not words:
            return [], {}
        table = SearchName._meta.db_table
        columns = "id, name, key, joined, means, kind"
        names = SearchName.objects.raw(
            f"""
            SELECT {columns}, NULL AS typed FROM {table} WHERE joined = ANY(%s)
            UNION ALL
            SELECT {", ".join(f"nearest.{column}" for column in columns.split(", "))}, typed.word
            FROM unnest(%s::text[]) AS typed(word)
            CROSS JOIN LATERAL (SELECT * FROM {table} ORDER BY key <->> typed.word LIMIT %s) AS nearest
            """,
            [sorted(spans), [fold(word) for word in words], self.CANDIDATES],
        )
        names = list(names)
        candidates = {word: [name for name in names if name.typed == fold(word)] for word in words}
        return [name for name in names if name.typed is None], candidates


def vocabulary():
    return TrigramVocabulary() if connection.vendor == "postgresql" else Vocabulary()


@dataclass
class Token:
    text: str
    word: str = ""  # set when the token is a plain word a name may be made of


@dataclass
class Query:
    """A reader's query with its names resolved."""

    text: str
    rest: str = ""  # what is left for the engine's own syntax ("quoted phrases", -not, or)
    groups: list = field(default_factory=list)  # for each name: phrases of which one must match
    drugs: set = field(default_factory=set)  # casefolded drugs the query names: their pages come first
    corrections: list = field(default_factory=list)  # (what was typed, the name it was taken for)


def tokens_of(text):
    """The query's tokens; those outside quotes and operators may be (part of) a name."""
    tokens, quoted = [], False
    for text_token in text.split():
        plain = not quoted and '"' not in text_token and not text_token.startswith("-") and fold(text_token) != "or"
        word = text_token.strip(SEARCH_PUNCTUATION) if plain else ""
        tokens.append(Token(text_token, word if re.search(r"[^\W_]", word) else ""))
        if text_token.count('"') % 2:
            quoted = not quoted
    return tokens


def understand(text, names=None):
    """The query with its names (exactly written or misspelt) resolved to what the pages call them."""
    names = names or vocabulary()
    tokens = tokens_of(text)
    spans = {}
    for start in range(len(tokens)):
        for end in range(start + 1, min(start + NAME_MAX_WORDS, len(tokens)) + 1):
            if not all(token.word for token in tokens[start:end]):
                break
            spans[(start, end)] = joined(" ".join(token.word for token in tokens[start:end]))
    exact, candidates = names.lookup(set(spans.values()), [token.word for token in tokens if token.word])
    by_joined = {}
    for name in exact:
        by_joined.setdefault(name.joined, []).append(name)
    query, used = Query(text), set()
    # The longest names first: "non small cell lung cancer" before "cancer".
    for (start, end), span in sorted(spans.items(), key=lambda item: (item[0][0] - item[0][1], item[0][0])):
        if by_joined.get(span) and not used & set(range(start, end)):
            used |= set(range(start, end))
            # Written exactly, the name stands for what was typed ("ros 1" is ROS1, not "ros" then "1").
            _add_group(query, None, by_joined[span])
    unresolved = {token.word for i, token in enumerate(tokens) if token.word and i not in used}
    nearest = names.nearest({word: found for word, found in candidates.items() if word in unresolved})
    for i, token in enumerate(tokens):
        if token.word in nearest and i not in used:
            used.add(i)
            _add_group(query, token.word, nearest[token.word])
            query.corrections.append((token.word, nearest[token.word][0]))
    query.rest = " ".join(token.text for i, token in enumerate(tokens) if i not in used)
    return query


def _add_group(query, typed, names):
    """Pages must match one of: what was typed (unless it is the name itself), the names, what they mean."""
    phrases = {fold(typed): typed} if typed else {}
    for name in names:
        phrases.setdefault(name.key, name.name)
        phrases.setdefault(name.means, name.means)
        if name.kind in (SearchName.Kind.DRUG, SearchName.Kind.BRAND):
            query.drugs.add(name.means)
    query.groups.append(list(phrases.values()))


def did_you_mean(query, engine, names=None):
    """The query with its words replaced by the nearest names, when that finds something."""
    names = names or vocabulary()
    tokens = tokens_of(query.text)
    _, candidates = names.lookup(set(), [token.word for token in tokens if token.word], loose=True)
    nearest = names.nearest(candidates, loose=True)
    if not nearest:
        return None
    suggestion = " ".join(nearest[t.word][0].name if t.word in nearest else t.text for t in tokens)
    if fold(suggestion) == fold(query.text) or not engine.count(understand(suggestion, names)):
        return None
    return suggestion


# Step 2: the engines ---------------------------------------------------------------------------


KIND_LABELS = dict(Publication._meta.get_field("kind").flatchoices)
RESULT_FIELDS = ("kind", "slug", "title", "summary")


@dataclass
class Result:
    """One page found: what the list of results shows of it, read from its search document."""

    kind: str
    slug: str
    title: str
    summary: str
    snippet: str = ""

    def __post_init__(self):
        self.snippet = marked(self.snippet or "")

    @property
    def kind_label(self):
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def url(self):
        return Publication(kind=self.kind, slug=self.slug).get_absolute_url()


def marked(snippet):
    """A snippet from an engine, escaped, with its matched words in <mark>; empty if none matched."""
    if START not in snippet:
        return ""
    text = escape(" ".join(snippet.split()))
    return mark_safe(text.replace(START, "<mark>").replace(STOP, "</mark>"))


def live_documents():
    """Documents of live publications. On PostgreSQL a trigger deletes a withdrawn page's document, so the
    check costs nothing there; elsewhere the publication is joined, in case a bulk update skipped the index."""
    if connection.vendor == "postgresql":
        return SearchDocument.objects.all()
    return SearchDocument.objects.filter(publication__withdrawn_at__isnull=True)


def first_for_drugs(query):
    """1 for the drug page of a drug the query names, else 0: it comes before every other page."""
    if not query.drugs:
        return Value(0)
    return Case(When(subject__in=sorted(query.drugs), then=Value(1)), default=Value(0), output_field=IntegerField())


class PostgresEngine:
    """PostgreSQL full-text search over the stored, weighted search vector (GIN-indexed).

    A page of results is one query: the matches counted, ranked, cut to the page, and
    only then given their ts_headline snippets. Ranking is ts_rank_cd (cover
    density, with the weights A to D) while at most RANK_LIMIT pages match; past that, as
    for a word every page holds, ranking them all would cost more than the search itself,
    so pages whose title matches come first, then by title.
    """

    RANK_LIMIT = 1000
    # Counting stops past this many: "more than 1000 pages found", and as many to page through.
    COUNT_LIMIT = RANK_LIMIT
    HEADLINE = f'StartSel={START}, StopSel={STOP}, MaxWords=28, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'

    @staticmethod
    def tsquery(query):
        """The query as SQL and its parameters: the reader's syntax (websearch) and one of each name's phrases."""
        parts, params = [], []
        if query.rest:
            parts.append(f"websearch_to_tsquery('{CONFIG}', %s)")
            params.append(query.rest)
        for phrases in query.groups:
            parts.append("(" + " || ".join([f"phraseto_tsquery('{CONFIG}', %s)"] * len(phrases)) + ")")
            params.extend(phrases)
        return " && ".join(parts), params

    def count(self, query):
        tsquery, params = self.tsquery(query)
        with connection.cursor() as cursor:
            cursor.execute(
                f"""SELECT count(*) FROM (SELECT 1 FROM {SearchDocument._meta.db_table}
                WHERE vector @@ ({tsquery}) LIMIT {self.COUNT_LIMIT + 1}) AS enough""",
                params,
            )
            return cursor.fetchone()[0]

    def page(self, query, offset, limit):
        """One page of results, best first, and how many there are in all (None past the last page)."""
        tsquery, params = self.tsquery(query)
        table = SearchDocument._meta.db_table
        fields = ", ".join(f"document.{name}" for name in RESULT_FIELDS)
        # The page is chosen on narrow rows (ids and sort keys); only its rows are read whole.
        sql = f"""
            WITH asked AS MATERIALIZED (SELECT {tsquery} AS query),
            counted AS (
                SELECT count(*) AS total FROM (
                    SELECT 1 FROM {table}, asked WHERE vector @@ asked.query LIMIT {self.COUNT_LIMIT + 1}
                ) AS enough
            ),
            page AS (
                SELECT publication_id, title, subject = ANY(%s::text[]) AS first,
                    CASE WHEN counted.total > %s THEN (title_vector @@ asked.query)::int
                         ELSE ts_rank_cd(vector, asked.query) END AS score
                FROM {table}, asked, counted WHERE vector @@ asked.query
                ORDER BY first DESC, score DESC, title, publication_id LIMIT %s OFFSET %s
            )
            SELECT {fields}, ts_headline('{CONFIG}', document.body, asked.query, %s), counted.total
            FROM page JOIN {table} AS document USING (publication_id), asked, counted
            ORDER BY page.first DESC, page.score DESC, page.title, page.publication_id
        """
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, sorted(query.drugs), self.RANK_LIMIT, limit, offset, self.HEADLINE])
            rows = cursor.fetchall()
        return [Result(*row[:-1]) for row in rows], (rows[0][-1] if rows else None)


class FTS5Engine:
    """SQLite's FTS5 (porter stemming, bm25 weighted like PostgreSQL's A to D, snippet); one query a page."""

    TABLE = "public_searchdocument_fts"
    WEIGHTS = "10.0, 5.0, 2.0, 1.0, 1.0"  # title, summary, headings, body, names
    BODY_COLUMN = 3

    # Whether each database file has the table: the migration made it if this SQLite had FTS5.
    found_in = {}

    @classmethod
    def available(cls):
        database = connection.settings_dict["NAME"]
        if database not in cls.found_in:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [cls.TABLE])
                cls.found_in[database] = cursor.fetchone() is not None
        return cls.found_in[database]

    def expression(self, query):
        """The query in FTS5's syntax; every word is quoted, so no input is read as an operator."""
        rest, negated, joiner = [], [], "AND"
        for item in websearch_items(query.rest):
            if item == "or":
                joiner = "OR"
            elif item[0] == "-":
                negated.append(self.phrase(item[1]))
            else:
                rest.extend([joiner, self.phrase(item[1])] if rest else [self.phrase(item[1])])
                joiner = "AND"
        clauses = [f"({' '.join(rest)})"] if rest else []
        for phrases in query.groups:
            clauses.append("(" + " OR ".join(self.phrase(phrase) for phrase in phrases if has_word(phrase)) + ")")
        if not clauses:
            return ""
        return " AND ".join(clauses) + "".join(f" NOT {phrase}" for phrase in negated)

    @staticmethod
    def phrase(text):
        return '"' + text.replace('"', '""') + '"'

    def matches(self):
        """FROM and WHERE of the live documents matching an expression (its one parameter)."""
        documents, publications = SearchDocument._meta.db_table, Publication._meta.db_table
        return f"""
            FROM {self.TABLE}
            JOIN {documents} AS document ON document.publication_id = {self.TABLE}.rowid
            JOIN {publications} AS publication ON publication.id = document.publication_id
            WHERE {self.TABLE} MATCH %s AND publication.withdrawn_at IS NULL
        """

    def count(self, query):
        expression = self.expression(query)
        if not expression:
            return 0
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) {self.matches()}", [expression])
            return cursor.fetchone()[0]

    def page(self, query, offset, limit):
        expression = self.expression(query)
        if not expression:
            return [], None
        drugs = sorted(query.drugs)
        # A drug's own page first; with no drug named there is nothing to put first.
        first = f"document.subject IN ({', '.join(['%s'] * len(drugs))}) DESC, " if drugs else ""
        fields = ", ".join(f"document.{name}" for name in RESULT_FIELDS)
        snippet = f"snippet({self.TABLE}, {self.BODY_COLUMN}, '{START}', '{STOP}', ' … ', 24)"
        # FTS5's functions cannot share a query with a window function: the count is a subquery.
        sql = f"""
            SELECT {fields}, {snippet}, (SELECT count(*) {self.matches()}) {self.matches()}
            ORDER BY {first}bm25({self.TABLE}, {self.WEIGHTS}), document.title, document.publication_id
            LIMIT %s OFFSET %s
        """
        with connection.cursor() as cursor:
            cursor.execute(sql, [expression, expression, *drugs, limit, offset])
            rows = cursor.fetchall()
        return [Result(*row[:-1]) for row in rows], (rows[0][-1] if rows else None)


class PlainEngine:
    """Without FTS5: every word (or one of a name's phrases) must appear; names first, then title, summary."""

    FIELDS = ("title", "summary", "headings", "body", "names")

    def matching(self, query):
        documents = live_documents()
        for kind, text in websearch_items(query.rest):
            anywhere = reduce(operator.or_, (Q(**{f"{name}__icontains": text}) for name in self.FIELDS))
            documents = documents.exclude(anywhere) if kind == "-" else documents.filter(anywhere)
        for phrases in query.groups:
            documents = documents.filter(
                reduce(operator.or_, (Q(**{f"{name}__icontains": p}) for p in phrases for name in self.FIELDS))
            )
        return documents

    @staticmethod
    def searchable(query):
        """Whether the query asks for something; only excluding words finds nothing, as with FTS5."""
        return query.groups or any(item != "or" and item[0] != "-" for item in websearch_items(query.rest))

    def count(self, query):
        return self.matching(query).count() if self.searchable(query) else 0

    def page(self, query, offset, limit):
        """One page of results; the count is left to count() (None)."""
        if not self.searchable(query):
            return [], None
        words = [text for kind, text in websearch_items(query.rest) if kind != "-"]
        words += [phrase for phrases in query.groups for phrase in phrases]
        in_title = reduce(operator.or_, (Q(title__icontains=w) for w in words)) if words else Q(pk=None)
        in_summary = reduce(operator.or_, (Q(summary__icontains=w) for w in words)) if words else Q(pk=None)
        rows = (
            self.matching(query)
            .annotate(
                first=first_for_drugs(query),
                weight=Case(When(in_title, then=2), When(in_summary, then=1), default=0, output_field=IntegerField()),
            )
            .order_by("-first", "-weight", "title", "pk")
            .values_list(*RESULT_FIELDS, "body")[offset : offset + limit]
        )
        return [Result(*row[:-1], snippet=plain_snippet(row[-1], words)) for row in rows], None


def plain_snippet(text, words, length=200):
    """A passage around the first matched word, cut at spaces, with the words marked."""
    folded = text.casefold()
    places = [folded.find(word.casefold()) for word in words if word and word.casefold() in folded]
    if not places:
        return ""
    start = max(0, min(places) - length // 3)
    if start:
        start = text.find(" ", start) + 1 or start
    end = start + length
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    passage = text[start:end]
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True) if w), re.IGNORECASE)
    passage = pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", passage)
    return ("… " if start else "") + passage + (" …" if end < len(text) else "")


def websearch_items(text):
    """("", words) for each word or "quoted phrase", ("-", words) for an excluded one, and "or"."""
    items = []
    for match in re.finditer(r'(-?)"([^"]*)"?|(\S+)', text):
        sign, quoted, bare = match.groups()
        if bare is not None:
            if fold(bare) == "or":
                items.append("or")
                continue
            sign, quoted = ("-", bare[1:]) if bare.startswith("-") else ("", bare)
        phrase = " ".join(re.findall(r"[^\W_]+", quoted))
        if phrase:
            items.append((sign, phrase))
    return items


def has_word(text):
    return bool(re.search(r"[^\W_]", text))


def engine():
    if connection.vendor == "postgresql":
        return PostgresEngine()
    if connection.vendor == "sqlite" and FTS5Engine.available():
        return FTS5Engine()
    return PlainEngine()


class Results:
    """One query's results for Django's Paginator: the page asked for is fetched with the count, in one query."""

    def __init__(self, found_by, query, number):
        self.engine, self.query = found_by, query
        self.offset = (number - 1) * PAGE_SIZE
        self.fetched, self.total = None, None
        # An engine may stop counting past a limit; then there are more than that many.
        self.limit = getattr(found_by, "COUNT_LIMIT", None)

    def count(self):
        if self.total is None:
            if self.offset >= 0:
                self.fetched, self.total = self.engine.page(self.query, self.offset, PAGE_SIZE)
            if self.total is None:
                self.total = self.engine.count(self.query)
        return min(self.total, self.limit) if self.more_than_limit else self.total

    @property
    def more_than_limit(self):
        return self.limit is not None and self.total is not None and self.total > self.limit

    def __getitem__(self, page):
        if page.start == self.offset and self.fetched is not None:
            return self.fetched
        return self.engine.page(self.query, page.start, page.stop - page.start)[0]


# Step 3: the view -------------------------------------------------------------------------------


def validate(raw):
    """The query as the reader meant it, and the message to show instead of results if it cannot be searched."""
    # Control characters (a NUL byte among them) cannot be stored or matched; drop them.
    text = "".join(ch for ch in raw if ch.isprintable() or ch.isspace()).strip()
    text = " ".join(text.split())
    if len(text) > SEARCH_MAX_LENGTH:
        return text[:SEARCH_MAX_LENGTH], f"Your search is too long. Use at most {SEARCH_MAX_LENGTH} characters."
    words = [word for word in text.split() if has_word(word)]
    if not words:
        return text, TYPE_A_WORD
    if len(words) > SEARCH_MAX_TERMS:
        return text, f"Use at most {SEARCH_MAX_TERMS} words."
    return text, ""


@require_safe
def search(request):
    raw = request.GET.get("q")
    context = {"query": "", "searched": False, "message": "", "search_max_length": SEARCH_MAX_LENGTH}
    if raw is None:
        return render(request, "public/search.html", context)
    text, message = validate(raw)
    context.update(query=text, message=message)
    if message:
        return render(request, "public/search.html", context)
    found_by, names = engine(), vocabulary()
    query = understand(text, names)
    results = Results(found_by, query, _page_number(request.GET.get("page")))
    paginator = Paginator(results, PAGE_SIZE)
    context.update(searched=True, corrections=query.corrections, paginator=paginator)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except (PageNotAnInteger, EmptyPage):
        context["message"] = (
            f"This search has {paginator.num_pages} page{'s' if paginator.num_pages != 1 else ''} of results; "
            "there is no such page."
        )
        context.update(results=[], page_obj=None, first_page=_page_url(text, 1), total=paginator.count)
        return render(request, "public/search.html", context)
    context.update(results=page.object_list, page_obj=page, total=paginator.count)
    if results.more_than_limit:
        context["more_than"] = results.limit
    if page.has_previous():
        context["previous_page"] = _page_url(text, page.previous_page_number())
    if page.has_next():
        context["next_page"] = _page_url(text, page.next_page_number())
    if not paginator.count:
        suggestion = did_you_mean(query, found_by, names)
        if suggestion:
            context.update(suggestion=suggestion, suggestion_url=_page_url(suggestion, 1))
    return render(request, "public/search.html", context)


def _page_number(raw):
    """The page asked for, to fetch it with the count; the Paginator judges it (and words it) after."""
    try:
        number = int(raw or 1)
    except ValueError:
        return 1
    # Far past any last page (or below the first) nothing is fetched: the count alone shows it.
    return number if 1 <= number <= MAX_PAGE else 0


def _page_url(text, number):
    params = {"q": text} | ({"page": number} if number > 1 else {})
    return f"?{urlencode(params)}"
