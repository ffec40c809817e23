"""The two editorial roles and what each may do in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
REVIEWERS = "Medical reviewers"

CONTENT_MODELS = [
    "drug", "indication", "condition", "biomarker", "trial", "outcome", "source",
    "page", "drugpage", "comparison", "article", "section", "questiongroup", "question",
    "citation", "series",
]
REVIEW_MODELS = ["submission", "signoff", "publication", "auditentry", "reviewerprofile"]


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; the roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def perms(app_label, models, actions):
        codenames = [f"{action}_{model}" for model in models for action in actions]
        found = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        assert found.count() == len(codenames), "missing permissions for the editorial roles"
        return found

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.set(
        list(perms("monographs", CONTENT_MODELS, ["add", "change", "delete", "view"]))
        + list(perms("monographs", ["sitesettings"], ["view"]))
        + list(perms("reviews", REVIEW_MODELS, ["view"]))
    )
    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS)
    reviewers.permissions.set(
        list(perms("monographs", CONTENT_MODELS + ["sitesettings"], ["view"]))
        + list(perms("reviews", REVIEW_MODELS, ["view"]))
    )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, REVIEWERS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0001_initial"),
        ("monographs", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
