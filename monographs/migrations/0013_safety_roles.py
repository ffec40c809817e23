from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
REVIEWERS = "Medical reviewers"
SAFETY_MODELS = ("sideeffect", "monitoring", "contraception")


def grant_roles(apps, schema_editor):
    # Editors keep a drug's safety rows like its dose changes; reviewers read them.
    app_config = apps.get_app_config("monographs")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def perms(actions):
        codenames = [f"{action}_{model}" for action in actions for model in SAFETY_MODELS]
        return Permission.objects.filter(content_type__app_label="monographs", codename__in=codenames)

    for group in Group.objects.filter(name=EDITORS):
        group.permissions.add(*perms(["add", "change", "delete", "view"]))
    for group in Group.objects.filter(name=REVIEWERS):
        group.permissions.add(*perms(["view"]))


class Migration(migrations.Migration):
    dependencies = [
        ("monographs", "0012_glossary_and_reading_grade"),
        ("reviews", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant_roles, migrations.RunPython.noop)]
