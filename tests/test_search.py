"""Search: readers find what was signed off, never a draft, and odd searches get a message."""

import pytest

from monographs.models import Section
from reviews.models import Publication

from .conftest import text_of

TYPE_A_WORD = "Type a word or two to search for"
NOTHING_FOUND = "No pages found for"


def test_search_finds_published_text_and_never_draft_text(client, published_page):
    Section.objects.filter(page=published_page).update(body="A draft sentence about zebrafish.")
    found = text_of(client.get("/search/", {"q": "blocks alk"}))
    assert "1 page found" in found and 'href="/drugs/crizotinib/"' in found
    assert "Crizotinib blocks ALK and ROS1." in found
    assert 'href="/drugs/crizotinib/"' in text_of(client.get("/search/", {"q": "LIVER checked"}))
    missing = text_of(client.get("/search/", {"q": "zebrafish"}))
    assert "No pages found" in missing and "/drugs/crizotinib/" not in missing


def test_search_does_not_match_data_the_reader_cannot_see(client, published_page):
    # "heading" is a key of the stored snapshot, not words on the page.
    assert "No pages found" in text_of(client.get("/search/", {"q": "heading"}))


@pytest.mark.parametrize(
    "q, message",
    [
        ("", "Type a word or two to search for"),
        ("   ", "Type a word or two to search for"),
        ("\x00", "Type a word or two to search for"),
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
    for q in ('"blocks"', "crizotinib's", "é", "%", "_"):
        assert client.get("/search/", {"q": q}).status_code == 200
    assert 'href="/drugs/crizotinib/"' in text_of(client.get("/search/", {"q": '"blocks"'}))


@pytest.mark.parametrize(
    "query, answer",
    [
        ("\x00", TYPE_A_WORD),
        ("zq\x00zq", NOTHING_FOUND),
        ("x" * 10_000, "Your search is too long."),
        ("     ", TYPE_A_WORD),
        ("...", TYPE_A_WORD),
        (" ".join(f"word{n}" for n in range(11)), "Use at most 10 words."),
        ("%", NOTHING_FOUND),
        ("_", NOTHING_FOUND),
        ("%_%", NOTHING_FOUND),
        ("' OR 1=1 --", NOTHING_FOUND),
        ("'; DROP TABLE reviews_publication; --", NOTHING_FOUND),
        ("\\", NOTHING_FOUND),
        ("😀", NOTHING_FOUND),
        ("\u2028", TYPE_A_WORD),
        ("review_interval_months", NOTHING_FOUND),
    ],
)
def test_odd_searches_get_a_message_and_match_nothing(client, published_page, query, answer):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert answer in text_of(response)
    assert 'href="/drugs/crizotinib/"' not in text_of(response)
    assert Publication.objects.count() == 1


def test_a_nul_byte_in_a_search_is_dropped(client, published_page):
    assert 'href="/drugs/crizotinib/"' in text_of(client.get("/search/", {"q": "crizo\x00tinib"}))


@pytest.mark.parametrize("query_string", ["q=%ff%fe", "q=%ED%A0%80", "q=%C0%80", "q[]=crizotinib", "q=liver&q=zzz"])
def test_malformed_query_strings_answer(client, published_page, query_string):
    assert client.get(f"/search/?{query_string}").status_code == 200


def test_a_repeated_query_uses_the_last_one_given(client, published_page):
    html = text_of(client.get("/search/?q=zzz&q=liver"))
    assert "1 page found for “liver”" in html
