"""Readability: how hard each part of a page reads, for editors on the page form and for
reviewers on the review screen, against the target grade in site settings."""

import pytest
from django.urls import reverse

from monographs.kinds import build_snapshot
from monographs.models import Section, SiteSettings
from monographs.readability import HIGHEST_GRADE, LOWEST_GRADE, MIN_WORDS, measure, reader_text
from reviews import workflow

from .conftest import admin_url, change_form_data, text_of

# A pharmacology textbook's sentences: about grade 28 by the formula, shown as 20.
COMPLEX = (
    "Crizotinib is an orally administered small-molecule tyrosine kinase inhibitor that competitively blocks "
    "the adenosine triphosphate binding pocket of the anaplastic lymphoma kinase, thereby interrupting "
    "downstream proliferative signalling in malignant pulmonary epithelial cells. Hepatotoxicity, interstitial "
    "pneumonitis and prolongation of the corrected electrocardiographic interval necessitate systematic "
    "laboratory surveillance throughout the administration period, particularly during the initial "
    "therapeutic months."
)
# Short sentences, everyday words: about grade 0.
PLAIN = (
    "This medicine is a pill. You take it two times a day. Take it at the same time each day. "
    "You can take it with food or without food. Swallow it whole with water. Do not chew it. "
    "If you miss a dose, take it when you remember. Call your care team if you feel sick."
)
# Between the two: about grade 10.
MEDIUM = (
    "Crizotinib works by blocking a protein that helps some lung cancers grow, so your doctor will test your "
    "tumour before you start the treatment. The medicine only helps when the cancer has a particular change in "
    "the ALK or ROS1 gene, which the laboratory report will describe. Most people take the capsules twice a day, "
    "and regular blood tests check how your liver is coping with the medicine."
)


def reading(readings, part):
    (found,) = [r for r in readings if r.part == part]
    return found


def review_url(submission):
    return reverse("admin:reviews_submission_review", args=[submission.pk])


def change_url(page):
    return admin_url(type(page), "change", page.pk)


@pytest.fixture
def sections(page):
    """The crizotinib page with a hard section and a plain one besides its short one."""
    Section.objects.create(page=page, order=2, heading="How crizotinib acts", body=COMPLEX)
    Section.objects.create(page=page, order=3, heading="How to take it", body=PLAIN)
    return page


def test_editor_sees_a_hard_section_warned_and_a_plain_one_not(client, sections, editor):
    client.force_login(editor)

    response = client.get(change_url(sections))

    assert response.status_code == 200
    readings = response.context["readability"]
    hard, plain = reading(readings, "How crizotinib acts"), reading(readings, "How to take it")
    assert hard.grade > 8 and hard.above_target
    assert plain.grade < 8 and not plain.above_target
    html = text_of(response)
    assert 'id="readability"' in html
    assert "Reads at grade 20; the target is 8: shorter sentences and everyday words help." in html
    assert html.count("Reads at grade") == 1
    assert "At or below the target." in html


def test_the_form_measures_the_working_copy_after_each_save(client, sections, editor):
    client.force_login(editor)
    data = change_form_data(client, sections)
    hard = next(key for key, value in data.items() if value == COMPLEX)
    data[hard] = PLAIN

    assert client.post(change_url(sections), data).status_code == 302

    response = client.get(change_url(sections))
    assert not any(r.above_target for r in response.context["readability"])
    assert "Reads at grade" not in text_of(response)


def test_reviewer_sees_the_readability_of_the_submitted_version(client, sections, editor, reviewer):
    submission = workflow.submit(sections, editor, summary="Two new sections")
    # Edits after submission are not what the reviewer signs: the screen measures the snapshot.
    Section.objects.filter(page=sections, body=COMPLEX).update(body=PLAIN)
    client.force_login(reviewer)

    response = client.get(review_url(submission))

    assert response.status_code == 200
    hard = reading(response.context["readability"], "How crizotinib acts")
    assert hard.above_target and hard.grade > 8
    assert not reading(response.context["readability"], "How to take it").above_target
    html = text_of(response)
    assert '<a href="#readability">Readability</a>' in html
    assert "Reads at grade 20; the target is 8" in html


def test_the_target_in_site_settings_decides_the_warnings(client, page, editor, admin_user):
    Section.objects.create(page=page, order=2, heading="Before you start", body=MEDIUM)
    client.force_login(editor)
    assert reading(client.get(change_url(page)).context["readability"], "Before you start").above_target

    settings = SiteSettings.load()
    settings.save()
    client.force_login(admin_user)
    data = change_form_data(client, settings, reading_grade_target="12")
    assert client.post(admin_url(SiteSettings, "change", settings.pk), data).status_code == 302
    client.force_login(editor)

    response = client.get(change_url(page))
    medium = reading(response.context["readability"], "Before you start")
    assert 8 < medium.grade < 12 and not medium.above_target
    assert "the target is grade 12 or below" in text_of(response)
    assert "Reads at grade" not in text_of(response)


def test_markdown_and_figure_references_are_not_words(page):
    Section.objects.create(page=page, order=2, heading="Typed", body=f"{PLAIN} The dose is 250 mg twice daily.")
    Section.objects.create(
        page=page,
        order=3,
        heading="Marked up",
        body=(
            "This **medicine** is a pill. You take it [two times a day](https://example.org/a/very/long/address/"
            "with/many/parts). Take it at the _same_ time each day.\n\nYou can take it with food or without food. "
            "Swallow it whole with water. Do not chew it. If you miss a dose, take it when you remember. "
            "Call your care team if you feel sick. The dose is [[dose:crizotinib]]."
        ),
    )

    readings = measure(build_snapshot(page), target=8)

    typed, marked = reading(readings, "Typed"), reading(readings, "Marked up")
    assert marked.words == typed.words
    assert marked.grade == typed.grade


def test_list_items_and_headings_end_sentences():
    text = reader_text("Ask about:\n\n- liver tests\n- eye problems\n\n## Who to call\n\nYour nurse, **any time**.")

    assert text == "Ask about: liver tests. eye problems. Who to call. Your nurse, any time."


def test_a_short_text_is_too_short_to_measure(client, page, editor):
    client.force_login(editor)

    response = client.get(change_url(page))

    short = reading(response.context["readability"], "How it works")
    assert short.too_short and short.grade is None and not short.above_target
    assert short.words < MIN_WORDS
    assert reading(response.context["readability"], "Summary").too_short
    assert f"Too short to measure (under {MIN_WORDS} words)." in text_of(response)


@pytest.mark.parametrize(
    "text",
    [
        PLAIN,
        MEDIUM,
        COMPLEX,
        " ".join(["Go."] * 40),
        "Notwithstanding " + " ".join(["electrocardiographic interdisciplinary considerations"] * 30) + ".",
    ],
)
def test_the_grade_is_a_number_in_a_sane_range(page, text):
    Section.objects.create(page=page, order=2, heading="Measured", body=text)

    measured = reading(measure(build_snapshot(page), target=8), "Measured")

    assert isinstance(measured.grade, float)
    assert LOWEST_GRADE <= measured.grade <= HIGHEST_GRADE
    assert 0 <= measured.reading_ease <= 100


def test_anonymous_visitors_see_no_readability(client, sections, editor):
    submission = workflow.submit(sections, editor, summary="Two new sections")

    for url in (change_url(sections), review_url(submission)):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response.url
        assert "Readability" not in text_of(response)
