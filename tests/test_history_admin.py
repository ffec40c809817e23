"""Restore and recover take only versions of the object, and the model, whose admin is used.

A version id in an admin's history or recover address that belongs to another model, or
to another record of the same model, is "not found", and nothing changes: no row, no new
revision. Checked for every admin with django-reversion's history, found in the registry.

Figures are from shared/content/facts.md (crizotinib, alectinib, ALEX).
"""

import itertools

import pytest
import reversion
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.contrib.auth.models import Group
from django.core import serializers
from django.urls import reverse
from reversion.admin import VersionAdmin
from reversion.models import Revision, Version

from monographs.models import Condition, DrugPage, Section, Series, SiteSettings
from reviews import workflow
from reviews.models import Submission

from .conftest import make_reviewer
from .test_edit_conflicts import every_kind_of_row, logged_in, open_change_form, parse_form, post_data

FIRST = "Crizotinib blocks ALK, ROS1 and MET."
SECOND = "Crizotinib is taken as 250 mg twice daily."

VERSION_ADMINS = [
    pytest.param(model_admin, id=model._meta.label)
    for model, model_admin in admin.site._registry.items()
    if isinstance(model_admin, VersionAdmin)
]


@pytest.fixture
def rows(page, alex_trial):
    every_kind_of_row(page, alex_trial)


def admin_url(model_admin, view, *args):
    opts = model_admin.model._meta
    name = f"{model_admin.admin_site.name}:{opts.app_label}_{opts.model_name}_{view}"
    return reverse(name, args=[quote(arg) for arg in args])


def saved_version(obj):
    """Save `obj` as a revision of its own, and return the version of it that the revision holds."""
    with reversion.create_revision():
        obj.save()
    return Version.objects.get_for_object(obj).order_by("-pk").first()


def site_settings_changed_twice():
    """Site settings with two revisions; returns the version of the first, "Before"."""
    settings = SiteSettings.objects.first() or SiteSettings()
    settings.organisation = "Before"
    before = saved_version(settings)
    settings.organisation = "After"
    saved_version(settings)
    return before


def row_with_id(model, pk):
    """The condition or series with this id, made if there is none: a row of another model under the same id."""
    row = model.objects.filter(pk=pk).first()
    return row or model.objects.create(pk=pk, name=f"Row {pk}", slug=f"row-{pk}")


def everything_stored():
    """Every row of the editorial and review apps, as text: equal before and after means nothing changed."""
    models = itertools.chain(
        apps.get_app_config("monographs").get_models(), apps.get_app_config("reviews").get_models()
    )
    return {model._meta.label: serializers.serialize("json", model._default_manager.order_by("pk")) for model in models}


def reversion_counts():
    return Revision.objects.count(), Version.objects.count()


def attempt(client, url, data):
    """GET and POST the address; both must be "not found"."""
    assert client.get(url).status_code == 404, url
    assert client.post(url, data).status_code == 404, url


def change_form(client, model_admin, pk):
    """What the admin's change form of row `pk` would send back: a valid save, if it were let through."""
    _, _, fields = open_change_form(client, admin_url(model_admin, "change", pk))
    return post_data(fields)


@pytest.mark.parametrize("registered_admin", VERSION_ADMINS)
def test_versions_of_another_model_are_not_found(registered_admin, rows, admin_user):
    client = logged_in(admin_user)
    row = registered_admin.model._default_manager.order_by("pk").first()
    assert row is not None, f"the fixture has no {registered_admin.model._meta.verbose_name}"
    # Versions of other models; one under the same object id as the row, as django-reversion's own
    # admin would take it.
    other_model = Series if registered_admin.model is Condition else Condition
    foreign = [site_settings_changed_twice(), saved_version(row_with_id(other_model, row.pk))]
    foreign = [version for version in foreign if version.content_type.model_class() is not registered_admin.model]
    assert str(row.pk) in {version.object_id for version in foreign}
    own = saved_version(registered_admin.model._default_manager.get(pk=row.pk))
    # The addresses are right: the row's own version opens.
    assert client.get(admin_url(registered_admin, "revision", row.pk, own.pk)).status_code == 200
    data = change_form(client, registered_admin, row.pk)
    stored, counts = everything_stored(), reversion_counts()

    for version in foreign:
        attempt(client, admin_url(registered_admin, "revision", row.pk, version.pk), data)
        attempt(client, admin_url(registered_admin, "recover", version.pk), data)

    assert SiteSettings.objects.get().organisation == "After"
    assert reversion_counts() == counts
    assert everything_stored() == stored


# Site settings are one row (saving always writes row 1): there is no other record to mix up.
ADMINS_OF_MANY_ROWS = [param for param in VERSION_ADMINS if param.values[0].model is not SiteSettings]


@pytest.mark.parametrize("registered_admin", ADMINS_OF_MANY_ROWS)
def test_versions_of_another_record_of_the_same_model_are_not_found(registered_admin, rows, admin_user):
    client = logged_in(admin_user)
    shown, other = registered_admin.model._default_manager.order_by("pk")[:2]
    version = saved_version(other)
    # The version opens from its own record's history.
    assert client.get(admin_url(registered_admin, "revision", other.pk, version.pk)).status_code == 200
    data = change_form(client, registered_admin, shown.pk)
    stored, counts = everything_stored(), reversion_counts()

    attempt(client, admin_url(registered_admin, "revision", shown.pk, version.pk), data)
    # Recover is for deleted records; this one still exists.
    attempt(client, admin_url(registered_admin, "recover", version.pk), data)

    assert reversion_counts() == counts
    assert everything_stored() == stored


condition_admin = admin.site._registry[Condition]


def test_editor_cannot_restore_site_settings_through_a_condition(page, editor):
    """Reported: a site settings version id in a condition's history address (both records have id 1)."""
    SiteSettings.objects.create(organisation="Oncology Drug Information")
    before = site_settings_changed_twice()
    condition = row_with_id(Condition, int(before.object_id))
    client = logged_in(editor)
    data = change_form(client, condition_admin, condition.pk)
    counts = reversion_counts()

    response = client.post(admin_url(condition_admin, "revision", condition.pk, before.pk), data)

    assert response.status_code == 404
    assert SiteSettings.objects.get().organisation == "After"
    assert reversion_counts() == counts


def test_editor_cannot_restore_a_page_through_a_condition(page, editor, other_editor):
    """Reported: a drug page version id in a condition's history address, under the page's id."""
    condition = row_with_id(Condition, page.pk)
    first, second = logged_in(editor), logged_in(other_editor)
    page_admin = admin.site._registry[DrugPage]
    for client, body in ((first, FIRST), (first, SECOND)):
        _, url, fields = open_change_form(client, admin_url(page_admin, "change", page.pk))
        assert client.post(url, post_data(fields, **{"sections-0-body": body})).status_code == 302
    old = Version.objects.get_for_object(DrugPage.objects.get(pk=page.pk)).order_by("pk").first()
    data = change_form(second, condition_admin, condition.pk)
    stored, counts = everything_stored(), reversion_counts()

    response = second.post(admin_url(condition_admin, "revision", condition.pk, old.pk), data)

    assert response.status_code == 404
    assert Section.objects.get(page=page).body == SECOND
    assert reversion_counts() == counts
    assert everything_stored() == stored


def test_editor_cannot_recover_another_models_record_through_a_condition(page, editor):
    """Reported: recover with a version id of another model, a deleted series among them."""
    SiteSettings.objects.create(organisation="Oncology Drug Information")
    settings_version = site_settings_changed_twice()
    series = Series.objects.create(name="ALK-positive lung cancer", slug="alk-positive")
    series_version = saved_version(series)
    series.delete()
    client = logged_in(editor)
    counts = reversion_counts()

    for version in (settings_version, series_version):
        url = admin_url(condition_admin, "recover", version.pk)
        response = client.post(url, {"name": "Recovered", "slug": "recovered"})
        assert response.status_code == 404, url

    assert not Series.objects.exists()
    assert SiteSettings.objects.get().organisation == "After"
    assert Condition.objects.count() == 1
    assert reversion_counts() == counts


def test_restoring_a_pages_own_earlier_version_works_and_counts_as_an_edit(page, editor, other_editor):
    """Positive control: restore through the page's own admin; four eyes then sees who restored."""
    page_admin = admin.site._registry[DrugPage]
    writer = logged_in(editor)
    for body in (FIRST, SECOND):
        _, url, fields = open_change_form(writer, admin_url(page_admin, "change", page.pk))
        assert writer.post(url, post_data(fields, **{"sections-0-body": body})).status_code == 302
    old = Version.objects.get_for_object(DrugPage.objects.get(pk=page.pk)).order_by("pk").first()

    # A reviewer who also edits restores the first state.
    restorer = make_reviewer("restorer", name="Dr Restoring Reviewer")
    restorer.groups.add(Group.objects.get(name=workflow.EDITORS))
    client = logged_in(restorer)
    revision_url = admin_url(page_admin, "revision", page.pk, old.pk)
    shown = client.get(revision_url)
    assert shown.status_code == 200
    assert FIRST in shown.content.decode()
    restored = client.post(revision_url, post_data(parse_form(shown.content.decode(), "drugpage_form")))

    assert restored.status_code == 302
    assert Section.objects.get(page=page).body == FIRST
    latest = Version.objects.get_for_object(DrugPage.objects.get(pk=page.pk)).select_related("revision").first()
    assert latest.revision.user == restorer

    submission = workflow.submit(page, other_editor, summary="Back to the first wording.")
    assert restorer in submission.editors.all()
    assert not workflow.can_approve(restorer, Submission.objects.get(pk=submission.pk))


def test_restoring_one_record_leaves_another_saved_in_the_same_revision_alone(page, editor):
    """A revision holding two conditions (as load_demo writes when only they differ from the fact sheet)."""
    nsclc = Condition.objects.get(slug="nsclc")
    imt = Condition.objects.create(name="Inflammatory myofibroblastic tumour", abbreviation="IMT", slug="imt")
    with reversion.create_revision():
        nsclc.save()
        imt.save()
    old = Version.objects.get_for_object(nsclc).first()
    Condition.objects.filter(pk=imt.pk).update(abbreviation="IMT (checked)")
    client = logged_in(editor)
    revision_url = admin_url(condition_admin, "revision", nsclc.pk, old.pk)
    shown = client.get(revision_url)

    if shown.status_code == 200:
        client.post(revision_url, post_data(parse_form(shown.content.decode(), "condition_form")))

    assert Condition.objects.get(pk=imt.pk).abbreviation == "IMT (checked)"
