"""What django-reversion records: every editorial model, following a page's parts.

Saving a page in the admin then stores one revision holding the page, its sections,
question groups, questions and citations, so any earlier state can be restored whole.
"""

import json

import reversion
from django.contrib.contenttypes.models import ContentType

from . import models
from .kinds import KINDS

reversion.register(models.Page, follow=("sections", "question_groups", "citations"))
for kind in KINDS.values():
    reversion.register(kind.model, follow=("page_ptr",))
reversion.register(models.Section)
reversion.register(models.QuestionGroup, follow=("questions",))
reversion.register(models.Question)
reversion.register(models.Citation)
reversion.register(models.Series)
reversion.register(
    models.Drug, follow=("indications", "dose_adjustments", "side_effects", "monitoring", "contraception")
)
reversion.register(models.Indication)
reversion.register(models.DoseAdjustment)
reversion.register(models.SideEffect)
reversion.register(models.Monitoring)
reversion.register(models.Contraception)
reversion.register(models.Condition)
reversion.register(models.Biomarker)
reversion.register(models.Trial, follow=("outcomes",))
reversion.register(models.Outcome)
reversion.register(models.Source)
reversion.register(models.GlossaryTerm)
reversion.register(models.SiteSettings)


def pointers(version):
    """(content type id, object id) of every row a saved version's relations point at; None if unreadable."""
    if version.format != "json":
        return None
    model = ContentType.objects.get_for_id(version.content_type_id).model_class()
    if model is None:
        return set()
    fields = json.loads(version.serialized_data)[0]["fields"]
    found = set()
    for field in model._meta.get_fields():
        if not (field.concrete and field.is_relation) or field.name not in fields:
            continue
        target = ContentType.objects.get_for_model(field.related_model).pk
        values = fields[field.name]
        for value in values if isinstance(values, list) else [values]:
            if value is not None:
                found.add((target, str(value)))
    return found
