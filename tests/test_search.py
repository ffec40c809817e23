"""Search: readers find what was signed off, by name even misspelt, never a draft, and odd searches get a message.

Run on SQLite (FTS5, and the plain fallback) and on PostgreSQL (full-text search and pg_trgm).
"""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from monographs.models import Article, DrugPage, Section
from public import search
from public.models import SearchDocument, SearchName
from reviews import workflow
from reviews.models import Publication

from .conftest import PASSWORD, publish, text_of

TYPE_A_WORD = "Type a word or two to search for"
NOTHING_FOUND = "No pages found for"


def found(client, q, **params):
    """The addresses of the results, in their order."""
    response = client.get("/search/", {"q": q, **params})
    assert response.status_code == 200
    return re.findall(r'<h3><a href="([^"]+)"', text_of(response).split('id="results-heading"', 1)[-1])


@pytest.fixture
def published_comparison(published_page, comparison, editor, reviewer):
    publish(comparison, editor, reviewer)
    return comparison


# What readers type ----------------------------------------------------------------------------


@pytest.mark.parametrize("q", ["crizotnib", "Xalcori", "xalcori", "crizotinib", "Xalkori", "CRIZOTINIB"])
def test_a_drug_name_or_brand_even_misspelt_finds_the_drug_page_first(client, published_comparison, q):
    results = found(client, q)
    assert results[0] == "/drugs/crizotinib/"
    assert "/compare/crizotinib-vs-alectinib/" in results


@pytest.mark.parametrize("q", ["alecensa", "Alecensa", "alecenza", "alectinib", "alectnib"])
def test_a_brand_finds_the_pages_of_its_generic(client, published_comparison, q):
    assert "/compare/crizotinib-vs-alectinib/" in found(client, q)


def test_the_correction_is_shown(client, published_comparison):
    html = text_of(client.get("/search/", {"q": "Xalcori"}))
    assert "Also searched for <strong>Xalkori</strong> (crizotinib), the nearest name to “Xalcori”" in html


@pytest.mark.parametrize("q", ["ros 1", "ROS-1", "ros1", "ROS1"])
def test_a_biomarker_written_apart_is_still_the_biomarker(client, published_page, q):
    assert found(client, q) == ["/drugs/crizotinib/"]


def test_a_short_word_is_not_taken_for_a_name(client, published_page):
    # One letter away from ALK and ROS1, but too short to guess from.
    assert found(client, "alx") == []
    assert found(client, "ros") == []


def test_words_are_ranked_title_first(client, published_page, editor, reviewer):
    article = Article.objects.create(title="Liver checks", slug="liver-checks", summary="What the tests look for.")
    Section.objects.create(page=article, order=1, heading="Blood tests", body="A blood test shows how the body copes.")
    publish(article, editor, reviewer)
    # Both pages name the liver; the explainer in its title, the drug page in a question.
    assert found(client, "liver") == ["/learn/liver-checks/", "/drugs/crizotinib/"]


def test_snippets_mark_the_words_and_are_cut_between_words(client, published_page, editor, reviewer):
    article = Article.objects.create(title="Waiting rooms", slug="waiting-rooms", summary="Time at the clinic.")
    body = " ".join(["Bring a book to the clinic because appointments can run late."] * 8)
    body += " Ask the nurse how long the liver test takes. " + " ".join(["Chairs are comfortable enough."] * 8)
    Section.objects.create(page=article, order=1, heading="Before you go", body=body)
    publish(article, editor, reviewer)
    html = text_of(client.get("/search/", {"q": "nurse"}))
    snippet = re.search(r"<p>([^<]*<mark>nurse</mark>[^<]*)</p>", html).group(1)
    assert len(snippet) < len(body) / 2
    words = set(body.replace(".", "").split())
    shown = [word.strip("….,") for word in re.sub("</?mark>", "", snippet).split() if word.strip("….,")]
    assert shown[0] in words and shown[-1] in words, snippet


def test_quoted_phrases_and_exclusions(client, published_page, editor, reviewer):
    assert found(client, '"liver be checked"') == ["/drugs/crizotinib/"]
    assert found(client, '"checked liver"') == []
    assert found(client, "liver -crizotinib") == []


# Only what was signed off ---------------------------------------------------------------------


def test_search_finds_published_text_and_never_draft_text(client, published_page, alectinib):
    draft = DrugPage.objects.create(drug=alectinib, title="Alectinib draft", slug="alectinib", summary="DRAFTWORD")
    Section.objects.create(page=draft, order=1, heading="Draft", body="A DRAFTWORD sentence about zebrafish.")
    assert found(client, "blocks alk") == ["/drugs/crizotinib/"]
    for q in ("DRAFTWORD", "zebrafish", "draftwrd"):
        assert found(client, q) == [], q
    assert NOTHING_FOUND in text_of(client.get("/search/", {"q": "DRAFTWORD"}))


def test_an_unsigned_edit_is_not_found_until_signed_off(client, published_page, editor, reviewer):
    Section.objects.filter(page=published_page).update(body="Crizotinib blocks ALK and ROS1. LATEEDIT")
    submission = workflow.submit(published_page, editor, summary="Adds a word")
    assert found(client, "LATEEDIT") == []
    workflow.approve(submission, reviewer, comment="Checked.", password=PASSWORD)
    assert found(client, "LATEEDIT") == ["/drugs/crizotinib/"]


def test_a_withdrawn_page_is_not_found_nor_suggested(client, published_page, reviewer):
    assert found(client, "crizotinib") == ["/drugs/crizotinib/"]
    workflow.withdraw(published_page, reviewer, "Out of date.")
    for q in ("crizotinib", "Xalkori", "xalcori", "liver", "ros 1"):
        html = text_of(client.get("/search/", {"q": q}))
        assert NOTHING_FOUND in html and "/drugs/crizotinib/" not in html, q
        assert "Did you mean" not in html, q
    assert not SearchDocument.objects.exists()
    assert not SearchName.objects.filter(key="xalkori").exists()


def test_a_page_published_again_after_withdrawal_is_found_again(client, published_page, editor, reviewer):
    workflow.withdraw(published_page, reviewer, "Out of date.")
    publish(published_page, editor, reviewer, summary="Back up")
    assert found(client, "xalcori") == ["/drugs/crizotinib/"]


def test_the_index_holds_one_document_per_live_publication(published_comparison, reviewer):
    assert set(SearchDocument.objects.values_list("pk", flat=True)) == set(
        Publication.objects.values_list("pk", flat=True)
    )
    crizotinib_page = Publication.objects.get(slug="crizotinib")
    document = SearchDocument.objects.get(pk=crizotinib_page.pk)
    assert document.title == "Crizotinib (Xalkori)" and document.subject == "crizotinib"
    assert "How it works" in document.headings and "Crizotinib blocks ALK and ROS1." in document.body
    assert SearchName.objects.get(key="xalkori").means == "crizotinib"


def test_rebuild_search_index_restores_a_lost_index(client, published_comparison, capsys):
    SearchDocument.objects.all().delete()
    assert found(client, "crizotinib") == []
    call_command("rebuild_search_index")
    assert "Indexed 2 live publication(s) of 2" in capsys.readouterr().out
    assert found(client, "crizotnib")[0] == "/drugs/crizotinib/"


def test_a_withdrawal_written_without_signals_is_still_not_found(client, published_page, reviewer):
    # A bulk update (a restore, a script) sends no signal; the search still keeps to live pages.
    Publication.objects.filter(page=published_page).update(withdrawn_at=timezone.now())
    assert found(client, "crizotinib") == []


# Did you mean, pages of results ---------------------------------------------------------------


def test_did_you_mean_when_nothing_matches(client, published_page):
    html = text_of(client.get("/search/", {"q": "crizzotnibb"}))
    assert NOTHING_FOUND in html
    assert 'Did you mean <a href="?q=crizotinib">crizotinib</a>?' in html
    assert "Did you mean" not in text_of(client.get("/search/", {"q": "zebrafish"}))


def test_results_come_a_page_at_a_time(client, published_page):
    from demo import catalogue

    catalogue.generate(24, force=True)
    first, second, third = (found(client, "fictional", page=n) for n in (1, 2, 3))
    assert len(first) == len(second) == search.PAGE_SIZE and len(third) == 4
    assert not set(first) & set(second)
    html = text_of(client.get("/search/", {"q": "fictional", "page": 2}))
    assert "24 pages found" in html and "Page 2 of 3" in html
    assert 'href="?q=fictional&amp;page=3"' in html and 'href="?q=fictional"' in html


@pytest.mark.parametrize("number", ["4", "0", "-1", "abc", "99999999999999999999999", "1e3"])
def test_a_page_of_results_that_does_not_exist_gets_a_message(client, published_page, number):
    response = client.get("/search/", {"q": "crizotinib", "page": number})
    assert response.status_code == 200
    assert "This search has 1 page of results; there is no such page." in text_of(response)
    assert 'href="/drugs/crizotinib/"' not in text_of(response)


# Bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "q, message",
    [
        ("", TYPE_A_WORD),
        ("   ", TYPE_A_WORD),
        ("\x00", TYPE_A_WORD),
        ("x" * 201, "Your search is too long. Use at most 200 characters."),
        (" ".join(f"w{i}" for i in range(11)), "Use at most 10 words."),
    ],
)
def test_bad_searches_get_a_clear_message(client, published_page, q, message):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    assert message in text_of(response)
    assert "/drugs/crizotinib/" not in text_of(response).split("</form>", 1)[1]


def test_search_with_quotes_and_accents_answers(client, published_page):
    for q in ('"blocks"', "crizotinib's", "é", "%", "_", '"', '"unclosed', "-", "or", "OR OR", "- -x", "a-b-c"):
        assert client.get("/search/", {"q": q}).status_code == 200, q
    assert found(client, '"blocks"') == ["/drugs/crizotinib/"]
    assert found(client, "crizotinib's") == ["/drugs/crizotinib/"]


@pytest.mark.parametrize(
    "query, answer",
    [
        ("\x00", TYPE_A_WORD),
        ("zq\x00zq", NOTHING_FOUND),
        ("x" * 10_000, "Your search is too long."),
        ("     ", TYPE_A_WORD),
        ("...", TYPE_A_WORD),
        (" ".join(f"word{n}" for n in range(11)), "Use at most 10 words."),
        ("%", TYPE_A_WORD),
        ("_", TYPE_A_WORD),
        ("%_%", TYPE_A_WORD),
        ("' OR 1=1 --", NOTHING_FOUND),
        ("'; DROP TABLE reviews_publication; --", NOTHING_FOUND),
        ("\\", TYPE_A_WORD),
        ("😀", TYPE_A_WORD),
        ("\u2028", TYPE_A_WORD),
        ("review_interval_months", NOTHING_FOUND),
        ('" OR "" NOT * NEAR(', NOTHING_FOUND),
        ("title:crizotinib", NOTHING_FOUND),
    ],
)
def test_odd_searches_get_a_message_and_match_nothing(client, published_page, query, answer):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert answer in text_of(response)
    assert 'href="/drugs/crizotinib/"' not in text_of(response)
    assert Publication.objects.count() == 1


def test_search_does_not_match_data_the_reader_cannot_see(client, published_page):
    # "heading" and "slug" are keys of the stored snapshot, not words on the page.
    assert found(client, "heading") == [] and found(client, "slug") == []


def test_a_nul_byte_in_a_search_is_dropped(client, published_page):
    assert found(client, "crizo\x00tinib") == ["/drugs/crizotinib/"]


@pytest.mark.parametrize("query_string", ["q=%ff%fe", "q=%ED%A0%80", "q=%C0%80", "q[]=crizotinib", "q=liver&q=zzz"])
def test_malformed_query_strings_answer(client, published_page, query_string):
    assert client.get(f"/search/?{query_string}").status_code == 200


def test_a_repeated_query_uses_the_last_one_given(client, published_page):
    html = text_of(client.get("/search/?q=zzz&q=liver"))
    assert "1 page found for “liver”" in html


def test_markup_in_a_query_is_shown_as_text(client, published_page):
    html = text_of(client.get("/search/", {"q": "<b>liver</b>"}))
    assert "<b>liver" not in html and "&lt;b&gt;liver&lt;/b&gt;" in html


# Each engine alike ----------------------------------------------------------------------------


def engines():
    """The engine this database uses, and the plain one any database can fall back on."""
    return [search.engine(), search.PlainEngine()]


def test_every_engine_finds_names_and_keeps_to_live_pages(published_comparison, reviewer):
    for engine in engines():
        name = type(engine).__name__
        for q in ("crizotnib", "Xalcori", "xalcori"):
            results, _ = engine.page(search.understand(q), 0, 10)
            assert results[0].slug == "crizotinib", (name, q)
        results, _ = engine.page(search.understand("alecensa"), 0, 10)
        assert "crizotinib-vs-alectinib" in [r.slug for r in results], name
        assert engine.count(search.understand("zebrafish")) == 0, name
        assert "<mark>" in str(engine.page(search.understand("liver"), 0, 10)[0][0].snippet), name


def test_sqlite_uses_fts5_when_it_has_it(db):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA compile_options")
        has_fts5 = ("ENABLE_FTS5",) in cursor.fetchall()
    assert isinstance(search.engine(), search.FTS5Engine) == has_fts5


def test_postgresql_keeps_a_weighted_vector_and_a_trigram_index(published_page):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT vector::text FROM public_searchdocument")
        vector = cursor.fetchone()[0]
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename LIKE 'public_search%%'")
        indexes = " ".join(row[0] for row in cursor.fetchall())
    assert "'crizotinib':1A" in vector and "'liver'" in vector
    assert "USING gin (vector)" in indexes and "gist_trgm_ops" in indexes


def test_typing_distance():
    assert search.distance("crizotnib", "crizotinib", 2) == 1
    assert search.distance("xalcori", "xalkori", 2) == 1
    assert search.distance("alecenza", "alecensa", 2) == 1
    assert search.distance("crizotinib", "crizotnibi", 2) == 2
    assert search.distance("abcdef", "badcfe", 2) == 3
    assert search.distance("alk", "alkxyzw", 2) == 3
