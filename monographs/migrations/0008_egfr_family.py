"""The EGFR family: disease-free survival, interim analyses, an outcome's population, and a
control arm of more than one drug ("gefitinib or erlotinib").

Trial.control_drug becomes Trial.control_drugs; each trial keeps the drug it had.
"""

from django.db import migrations, models


def control_drug_to_control_drugs(apps, schema_editor):
    Trial = apps.get_model("monographs", "Trial")
    for trial in Trial.objects.exclude(control_drug=None):
        trial.control_drugs.add(trial.control_drug_id)


def control_drugs_to_control_drug(apps, schema_editor):
    Trial = apps.get_model("monographs", "Trial")
    for trial in Trial.objects.all():
        drugs = list(trial.control_drugs.order_by("name").values_list("pk", flat=True))
        if len(drugs) > 1:
            raise RuntimeError(
                f"Trial {trial.name!r} has {len(drugs)} control drugs; a single control_drug cannot hold them."
            )
        if drugs:
            trial.control_drug_id = drugs[0]
            trial.save(update_fields=["control_drug"])


class Migration(migrations.Migration):
    dependencies = [
        ("monographs", "0007_edit_version_on_every_editable_model"),
    ]

    operations = [
        migrations.AddField(
            model_name="outcome",
            name="population",
            field=models.CharField(
                blank=True,
                help_text="The patients this result is for, if not the whole trial, e.g. stage II-IIIA",
                max_length=100,
            ),
        ),
        migrations.AlterField(
            model_name="outcome",
            name="analysis",
            field=models.CharField(
                choices=[
                    ("primary", "Primary analysis"),
                    ("interim", "Interim analysis"),
                    ("updated", "Updated analysis"),
                    ("final", "Final analysis"),
                    ("label", "FDA label / FDA review"),
                ],
                max_length=10,
            ),
        ),
        migrations.AlterField(
            model_name="outcome",
            name="endpoint",
            field=models.CharField(
                choices=[
                    ("pfs", "Progression-free survival"),
                    ("os", "Overall survival"),
                    ("orr", "Objective response rate"),
                    ("dor", "Duration of response"),
                    ("cns_progression", "CNS progression"),
                    ("event_free", "Event-free rate"),
                    ("dfs", "Disease-free survival"),
                ],
                max_length=20,
            ),
        ),
        # The old field gives up its reverse name to the new one while both exist.
        migrations.AlterField(
            model_name="trial",
            name="control_drug",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=models.PROTECT,
                related_name="+",
                to="monographs.drug",
            ),
        ),
        migrations.AddField(
            model_name="trial",
            name="control_drugs",
            field=models.ManyToManyField(
                blank=True,
                help_text="The drugs of the control arm that are on this site (one or more, e.g. gefitinib or "
                "erlotinib). Leave empty if the control is not a drug on this site, or the trial has one arm.",
                related_name="trials_as_control",
                to="monographs.drug",
            ),
        ),
        migrations.RunPython(control_drug_to_control_drugs, control_drugs_to_control_drug),
        migrations.RemoveField(
            model_name="trial",
            name="control_drug",
        ),
    ]
