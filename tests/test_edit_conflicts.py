"""Edit-conflict protection on every editable model: two saves from the same form state, the second is refused.

Every admin that lets someone change a row is found in the admin registry, so a new
editable model whose admin lacks the protection fails here. Its change form is read
from the HTML, as a browser would send it back.

Figures are from shared/content/facts.md (crizotinib, alectinib, ALEX).
"""

from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.contrib.auth.models import Group, User
from django.db import models
from django.test import RequestFactory
from django.urls import resolve, reverse

from monographs.admin.history import EditConflictMixin
from monographs.models import (
    Article,
    Biomarker,
    Comparison,
    Condition,
    DrugPage,
    GlossaryTerm,
    Question,
    QuestionGroup,
    Section,
    Series,
    SiteSettings,
)
from reviews.models import ReviewTarget, Workflow

from .conftest import logged_in, make_reviewer

CONFLICT = "Someone else saved this"

# ---------------------------------------------------------------------------
# The admin form, as a browser would send it back


class AdminFormParser(HTMLParser):
    """The successful controls of one <form id=...>, in document order: [(name, value, kind)].

    kind is the control's tag, or "input:<type>", so a caller can tell a text box from a
    hidden field. Unchecked boxes, disabled controls and buttons are left out, as a browser
    leaves them out; a single <select> with nothing selected sends its first option.
    """

    SKIPPED_TYPES = {"submit", "button", "image", "reset", "file"}

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.found = False
        self.fields = []
        self._in_form = False
        self._select = None  # [name, multiple, [(value, selected)], disabled]
        self._option = None  # [value or None, selected, [text]]
        self._textarea = None  # [name, [text], disabled]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            if attrs.get("id") == self.form_id:
                self._in_form = self.found = True
            return
        if not self._in_form:
            return
        name = attrs.get("name")
        disabled = "disabled" in attrs
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if not name or disabled or kind in self.SKIPPED_TYPES:
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value", "on"), f"input:{kind}"))
                return
            self.fields.append((name, attrs.get("value", ""), f"input:{kind}"))
        elif tag == "select":
            self._select = [name, "multiple" in attrs, [], disabled]
        elif tag == "option" and self._select is not None:
            self._finish_option()
            self._option = [attrs.get("value"), "selected" in attrs, []]
        elif tag == "textarea":
            self._textarea = [name, [], disabled]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1].append(data)
        elif self._option is not None:
            self._option[2].append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self._in_form:
            self._in_form = False
        elif tag == "option":
            self._finish_option()
        elif tag == "select" and self._select is not None:
            self._finish_option()
            name, multiple, options, disabled = self._select
            self._select = None
            if not name or disabled:
                return
            chosen = [value for value, selected in options if selected]
            if not chosen and not multiple and options:
                chosen = [options[0][0]]
            if not multiple:
                chosen = chosen[-1:]
            self.fields += [(name, value, "select") for value in chosen]
        elif tag == "textarea" and self._textarea is not None:
            name, text, disabled = self._textarea
            self._textarea = None
            if name and not disabled:
                value = "".join(text)
                # Browsers drop the one line break that follows <textarea>.
                if value.startswith("\r\n"):
                    value = value[2:]
                elif value.startswith("\n"):
                    value = value[1:]
                self.fields.append((name, value, "textarea"))

    def _finish_option(self):
        if self._option is not None and self._select is not None:
            value, selected, text = self._option
            self._select[2].append((value if value is not None else "".join(text).strip(), selected))
        self._option = None


def parse_form(html, form_id):
    parser = AdminFormParser(form_id)
    parser.feed(html)
    parser.close()
    assert parser.found, f"no <form id={form_id!r}> in the page"
    return parser.fields


def post_data(fields, **changes):
    """The parsed controls as test-client POST data (lists for repeated names), with `changes` applied."""
    data = {}
    for name, value, _ in fields:
        data.setdefault(name, []).append(value)
    data.update({name: [value] for name, value in changes.items()})
    return data


def change_url(model_admin, pk):
    opts = model_admin.model._meta
    return reverse(f"{model_admin.admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=[quote(pk)])


def open_change_form(client, url):
    """GET a change form, following the admin's redirect to the form that edits the row.

    Returns (the admin serving the form, its URL, the form's controls).
    """
    response = client.get(url, follow=True)
    assert response.status_code == 200, url
    final_url = response.request["PATH_INFO"]
    model_admin = resolve(final_url).func.model_admin
    fields = parse_form(response.content.decode(), f"{model_admin.model._meta.model_name}_form")
    return model_admin, final_url, fields


def free_text_field(model, fields):
    """The first text box or text area of the main form that holds free text of the model itself."""
    for name, _, kind in fields:
        if kind not in ("input:text", "textarea"):
            continue
        try:
            field = model._meta.get_field(name)
        except Exception:  # an inline's or a form-only control
            continue
        if (
            isinstance(field, (models.CharField, models.TextField))
            and not isinstance(field, (models.SlugField, models.EmailField, models.URLField))
            and not field.choices
            and field.editable
        ):
            return field
    return None


def edited(value, suffix, max_length):
    value = value.strip()
    if max_length:
        value = value[: max_length - len(suffix)]
    return value + suffix


# ---------------------------------------------------------------------------
# One row of every model the admin edits, two where a model can hold two


def every_kind_of_row(page, alex_trial):
    """Rows of every model with an admin: two of each, except the one row of site settings."""
    crizotinib, alectinib = page.drug, alex_trial.experimental_drug
    alk_series = Series.objects.create(name="ALK-positive lung cancer", slug="alk-positive")
    Series.objects.create(name="ROS1-positive lung cancer", slug="ros1-positive")
    Condition.objects.create(name="Inflammatory myofibroblastic tumour", abbreviation="IMT", slug="imt")
    alectinib_page = DrugPage.objects.create(
        drug=alectinib,
        title="Alectinib (Alecensa)",
        slug="alectinib",
        summary="A targeted medicine for ALK-positive lung cancer.",
    )
    Section.objects.create(page=alectinib_page, order=1, heading="How it works", body="Alectinib blocks ALK.")
    group = QuestionGroup.objects.create(page=alectinib_page, order=1, heading="About side effects")
    Question.objects.create(group=group, order=1, text="Which side effects should I report at once?")
    for slug, title in (
        ("crizotinib-vs-alectinib", "Crizotinib vs alectinib"),
        ("alectinib-vs-crizotinib-brain", "Alectinib vs crizotinib for brain metastases"),
    ):
        comparison = Comparison.objects.create(
            title=title,
            slug=slug,
            summary="Two ALK medicines side by side.",
            series=alk_series,
            head_to_head=alex_trial,
        )
        comparison.drugs.set([crizotinib, alectinib])
    for slug, title, marker in (
        ("ros1-positive-nsclc", "ROS1-positive NSCLC", "ros1"),
        ("alk-positive-nsclc", "ALK-positive NSCLC", "alk"),
    ):
        article = Article.objects.create(title=title, slug=slug, summary="What this biomarker means.")
        article.biomarkers.set([Biomarker.objects.get(slug=marker)])
    for slug, term in (("metastatic", "metastatic"), ("biomarker", "biomarker")):
        GlossaryTerm.objects.create(term=term, slug=slug, definition=f"What {term} means, in plain words.")
    make_reviewer("reviewer-one", name="Dr First Reviewer")
    make_reviewer("reviewer-two", name="Dr Second Reviewer")
    SiteSettings.objects.create(organisation="Oncology Drug Information")
    ReviewTarget.objects.create(kind="drug", days=7, note="Agreed with the medical board")
    ReviewTarget.objects.create(kind="article", days=14, note="Explainers wait longer")
    Workflow.objects.create(kind="comparison", note="Agreed with the medical board")


@pytest.fixture
def rows(page, alex_trial):
    every_kind_of_row(page, alex_trial)


# ---------------------------------------------------------------------------
# Every admin that lets someone change a row


# django.contrib.auth's User and Group are the administrators' own accounts and roles,
# not editorial content, and are left to Django's admin.
NOT_EDITORIAL = {User, Group}


def _superuser_request():
    request = RequestFactory().get("/admin/")
    request.user = User(username="superuser-probe", is_staff=True, is_superuser=True, is_active=True)
    return request


def _lets_superuser_change(model_admin):
    # Asked of the model admin itself, as the admin asks it for an existing row.
    return model_admin.has_change_permission(_superuser_request(), model_admin.model())


EDITABLE_ADMINS = [
    pytest.param(model_admin, id=model._meta.label)
    for model, model_admin in admin.site._registry.items()
    if model not in NOT_EDITORIAL and _lets_superuser_change(model_admin)
]


def test_the_list_of_editable_admins_is_not_empty():
    labels = {param.id for param in EDITABLE_ADMINS}
    assert {"monographs.DrugPage", "monographs.Condition", "monographs.Series", "reviews.ReviewerProfile"} <= labels


@pytest.mark.parametrize("registered_admin", EDITABLE_ADMINS)
def test_second_save_from_the_same_form_state_is_refused(registered_admin, rows, admin_user):
    client = logged_in(admin_user)
    row = registered_admin.model._default_manager.order_by("pk").first()
    assert row is not None, f"the fixture has no {registered_admin.model._meta.verbose_name}"
    model_admin, url, fields = open_change_form(client, change_url(registered_admin, row.pk))
    model = model_admin.model

    # The model keeps the row's edit version, or its admin says which row keeps it (a
    # question group's is its page's); the form carries it.
    assert any(field.name == "edit_version" for field in model._meta.concrete_fields) or (
        isinstance(model_admin, EditConflictMixin)
        and type(model_admin).versioned_rows is not EditConflictMixin.versioned_rows
    ), f"{model._meta.label} has no edit version: two editors would overwrite each other"
    assert "loaded_edit_version" in {name for name, _, _ in fields}, f"{model._meta.label}'s form has no version"

    field = free_text_field(model, fields)
    assert field is not None, f"no text field to change on the {model._meta.label} form"
    original = next(value for name, value, _ in fields if name == field.name)
    first_value = edited(original, " (first save)", field.max_length)
    second_value = edited(original, " (second save)", field.max_length)

    saved = client.post(url, post_data(fields, **{field.name: first_value}))
    assert saved.status_code == 302, f"{model._meta.label}: first save not accepted"

    refused = client.post(url, post_data(fields, **{field.name: second_value}))
    assert refused.status_code == 200, f"{model._meta.label}: a save from a stale form went through"
    html = refused.content.decode()
    assert CONFLICT in html and "since you opened it" in html
    assert second_value in html
    assert getattr(model._default_manager.get(pk=row.pk), field.name) == first_value


@pytest.mark.parametrize(
    "model, lookup, field, first_value, second_value",
    [
        (Condition, {"slug": "nsclc"}, "name", "Non-small-cell lung cancer", "Non small cell lung carcinoma"),
        (Biomarker, {"slug": "alk"}, "full_name", "Anaplastic lymphoma kinase", "ALK receptor tyrosine kinase"),
        (Series, {"slug": "alk-positive"}, "name", "ALK-positive NSCLC", "Lung cancer with an ALK change"),
    ],
)
def test_two_editors_saving_shared_data_from_the_same_form(
    rows, editor, other_editor, model, lookup, field, first_value, second_value
):
    """Two editors open the same condition, biomarker or series; the second to save is told, their text kept."""
    row = model.objects.get(**lookup)
    model_admin = admin.site._registry[model]
    first, second = logged_in(editor), logged_in(other_editor)
    _, url, first_form = open_change_form(first, change_url(model_admin, row.pk))
    _, _, second_form = open_change_form(second, change_url(model_admin, row.pk))

    assert first.post(url, post_data(first_form, **{field: first_value})).status_code == 302
    refused = second.post(url, post_data(second_form, **{field: second_value}))

    assert refused.status_code == 200
    html = refused.content.decode()
    assert f"{CONFLICT} {model._meta.verbose_name} since you opened it" in html
    assert "by editor)" in html
    assert "your changes were not saved" in html
    assert second_value in html
    assert getattr(model.objects.get(pk=row.pk), field) == first_value
