"""Glossary: the terms a page uses travel in its snapshot, signed with it, and the first use
of each on the page links to its plain definition in "Words used on this page"."""

import re

import pytest
import reversion
from django.core.exceptions import PermissionDenied
from reversion.models import Version

from monographs.kinds import build_snapshot
from monographs.models import GlossaryTerm, Section
from monographs.rendering import render_markdown
from monographs.snapshots import SCHEMA_VERSION, upgrade
from reviews import workflow
from reviews.models import Publication
from reviews.status import PageStatus, page_status

from .conftest import PASSWORD, admin_url, change_form_data, logged_in, publish, text_of

TKI_DEFINITION = "A targeted medicine that blocks signals some cancer cells use to grow."


@pytest.fixture
def tki(db):
    return GlossaryTerm.objects.create(
        term="tyrosine kinase inhibitor",
        slug="tyrosine-kinase-inhibitor",
        aliases="TKI, tyrosine kinase inhibitors",
        pronunciation="TY-roh-seen KY-nays in-HIB-ih-ter",
        definition=TKI_DEFINITION,
    )


@pytest.fixture
def metastatic(db):
    return GlossaryTerm.objects.create(
        term="metastatic", slug="metastatic", definition="Cancer that has spread to other parts of the body."
    )


def add_section(page, order, heading, body):
    return Section.objects.create(page=page, order=order, heading=heading, body=body)


def term_links(html, slug):
    return re.findall(rf'<a class="term" href="#term-{slug}" title="[^"]*">([^<]*)</a>', html)


def test_term_used_on_a_page_is_signed_with_it_and_defined_at_its_first_use(client, page, editor, reviewer, tki):
    add_section(page, 2, "What kind of medicine", "Crizotinib is a Tyrosine Kinase Inhibitor, taken by mouth.")
    add_section(page, 3, "Others like it", "Every TKI works on a signal; other tyrosine kinase inhibitors too.")

    snapshot = build_snapshot(page)
    assert snapshot["glossary"] == [
        {
            "term": "tyrosine kinase inhibitor",
            "slug": "tyrosine-kinase-inhibitor",
            "names": ["tyrosine kinase inhibitor", "TKI", "tyrosine kinase inhibitors"],
            "pronunciation": "TY-roh-seen KY-nays in-HIB-ih-ter",
            "definition": TKI_DEFINITION,
        }
    ]
    assert snapshot["refs"]["monographs.glossaryterm"] == [tki.pk]

    publish(page, editor, reviewer)
    html = text_of(client.get("/drugs/crizotinib/"))
    assert term_links(html, "tyrosine-kinase-inhibitor") == ["Tyrosine Kinase Inhibitor"]
    assert html.count('id="term-tyrosine-kinase-inhibitor"') == 1  # the link's target is on the page, once
    glossary = html[html.index('id="glossary-heading"') :]
    assert glossary.index("Words used on this page") < glossary.index('id="term-tyrosine-kinase-inhibitor"')
    assert "Say it: TY-roh-seen KY-nays in-HIB-ih-ter" in glossary
    assert TKI_DEFINITION in glossary
    assert html.index('id="glossary-heading"') < html.index('id="sources-heading"')


def test_term_the_page_does_not_use_is_left_out(client, page, editor, reviewer, metastatic):
    snapshot = build_snapshot(page)
    assert snapshot["glossary"] == []
    assert "monographs.glossaryterm" not in snapshot["refs"]
    publish(page, editor, reviewer)
    html = text_of(client.get("/drugs/crizotinib/"))
    assert "Words used on this page" not in html
    assert 'class="term"' not in html


def test_first_use_is_counted_across_the_whole_page(page, tki):
    """The sections render one by one; only the first that uses a term defines it."""
    add_section(page, 2, "First", "It is a TKI.")
    add_section(page, 3, "Second", "A tyrosine kinase inhibitor again.")
    snapshot = build_snapshot(page)
    first, second = (render_markdown(s["body"], snapshot) for s in snapshot["sections"][1:])
    assert term_links(first, "tyrosine-kinase-inhibitor") == ["TKI"]
    assert term_links(second, "tyrosine-kinase-inhibitor") == []


def test_abbreviation_matches_only_in_capitals_and_as_a_whole_word(page, db):
    GlossaryTerm.objects.create(term="hazard ratio", slug="hazard-ratio", aliases="HR", definition="A comparison.")
    add_section(page, 2, "Doses", "Take it every 12 hr; HRs and CHRONIC are other words.")
    assert build_snapshot(page)["glossary"] == []
    add_section(page, 3, "Results", "The HR was low.")
    assert [entry["slug"] for entry in build_snapshot(page)["glossary"]] == ["hazard-ratio"]


def test_rendered_prose_follows_the_definition_it_is_rendered_with(page, tki):
    """The same text, cached, still shows each snapshot's own definition: the preview the new one,
    the signed page the old one."""
    add_section(page, 2, "Kind", "It is a TKI.")
    signed = build_snapshot(page)
    edited = dict(signed, glossary=[dict(signed["glossary"][0], definition="A newer definition.")])
    body = signed["sections"][1]["body"]
    assert f'title="{TKI_DEFINITION}"' in render_markdown(body, signed)
    assert 'title="A newer definition."' in render_markdown(body, edited)
    assert f'title="{TKI_DEFINITION}"' in render_markdown(body, signed)


def test_term_inside_a_link_code_or_heading_is_not_wrapped(page, tki):
    add_section(page, 2, "Links", "See [every TKI](https://example.org/tki), `TKI` and\n\n### TKI\n\nnothing else.")
    add_section(page, 3, "Prose", "Then a TKI in a sentence.")
    snapshot = build_snapshot(page)
    linked, prose = (str(render_markdown(s["body"], snapshot)) for s in snapshot["sections"][1:])
    assert term_links(linked, "tyrosine-kinase-inhibitor") == []
    assert '<a href="https://example.org/tki" rel="nofollow noopener">every TKI</a>' in linked
    assert "<code>TKI</code>" in linked and "<h3>TKI</h3>" in linked
    assert term_links(prose, "tyrosine-kinase-inhibitor") == ["TKI"]


def test_markup_in_a_term_or_definition_is_shown_as_text(client, page, editor, reviewer):
    GlossaryTerm.objects.create(
        term="<b>TKI</b>",
        slug="tki",
        pronunciation="<i>tee</i>",
        definition='<script>alert("x")</script> **not bold** [a link](https://example.org)',
    )
    add_section(page, 2, "Odd", "A <b>TKI</b> written with tags.")
    publish(page, editor, reviewer)
    html = text_of(client.get("/drugs/crizotinib/"))
    assert "<script>alert" not in html
    assert "<b>TKI</b>" not in html and "<i>tee</i>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; **not bold** [a link](https://example.org)" in html
    assert 'href="https://example.org"' not in html
    assert term_links(html, "tki") == ["&lt;b&gt;TKI&lt;/b&gt;"]
    assert "<dfn>&lt;b&gt;TKI&lt;/b&gt;</dfn>" in html


def test_changed_definition_needs_a_new_sign_off_and_the_public_keeps_the_signed_one(
    client, page, editor, reviewer, other_reviewer, editor_reviewer, tki
):
    add_section(page, 2, "What kind of medicine", "Crizotinib is a tyrosine kinase inhibitor.")
    publish(page, editor, reviewer)
    signed = Publication.objects.get(page=page).snapshot
    assert page_status(page) == PageStatus.PUBLISHED

    with reversion.create_revision():
        reversion.set_user(editor_reviewer)
        tki.definition = "A medicine that blocks a growth signal inside cancer cells."
        tki.save()

    assert page_status(page) == PageStatus.CHANGES_AWAITING_REVIEW
    assert Publication.objects.get(page=page).snapshot == signed
    html = text_of(client.get("/drugs/crizotinib/"))
    assert TKI_DEFINITION in html and "blocks a growth signal" not in html

    # Four eyes: whoever changed the definition cannot sign it off.
    submission = workflow.submit(page, editor, summary="Plainer definition")
    with pytest.raises(PermissionDenied):
        workflow.approve(submission, editor_reviewer, comment="Fine.", password=PASSWORD)
    workflow.approve(submission, other_reviewer, comment="Checked.", password=PASSWORD)
    assert page_status(page) == PageStatus.PUBLISHED
    html = text_of(client.get("/drugs/crizotinib/"))
    assert "blocks a growth signal" in html and TKI_DEFINITION not in html


def test_older_snapshots_read_with_an_empty_glossary(page):
    old = build_snapshot(page)
    del old["glossary"]
    old["schema"] = 4
    upgraded = upgrade(old)
    assert upgraded["schema"] == SCHEMA_VERSION == 5
    assert upgraded["glossary"] == []
    assert "glossary" not in old


def test_editor_edits_a_term_in_the_admin_and_each_save_is_a_revision(editor, tki):
    client = logged_in(editor)
    assert client.get(admin_url(GlossaryTerm)).status_code == 200
    assert "tyrosine kinase inhibitor" in text_of(client.get(admin_url(GlossaryTerm), {"q": "TKI"}))
    data = change_form_data(client, tki, pronunciation="TY-ro-seen KY-nase in-HIB-it-or")
    response = client.post(admin_url(GlossaryTerm, "change", tki.pk), data)
    assert response.status_code == 302
    tki.refresh_from_db()
    assert tki.pronunciation == "TY-ro-seen KY-nase in-HIB-it-or"
    assert Version.objects.get_for_object(tki).count() == 1


def test_alias_naming_another_term_is_refused_with_a_message(editor, tki):
    client = logged_in(editor)
    response = client.post(
        admin_url(GlossaryTerm, "add"),
        {"term": "targeted therapy", "slug": "targeted-therapy", "aliases": "tki", "definition": "A medicine."},
    )
    assert response.status_code == 200
    assert "tki already names the term &#x27;tyrosine kinase inhibitor&#x27;." in text_of(response)
    assert not GlossaryTerm.objects.filter(slug="targeted-therapy").exists()


def test_demo_pages_define_their_terms_once_each(client, published_demo):
    for path in ("/drugs/crizotinib/", "/compare/crizotinib-vs-alectinib/", "/learn/ros1-positive-nsclc/"):
        html = text_of(client.get(path))
        defined = re.findall(r'<div id="term-([a-z0-9-]+)">', html)
        assert defined, path
        for slug in defined:
            assert len(term_links(html, slug)) <= 1, (path, slug)
        for slug in re.findall(r'href="#term-([a-z0-9-]+)"', html):
            assert slug in defined, (path, slug)
