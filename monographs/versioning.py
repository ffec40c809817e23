"""What django-reversion records: every editorial model, following a page's parts.

Saving a page in the admin then stores one revision holding the page, its sections,
question groups, questions and citations, so any earlier state can be restored whole.
"""

import reversion

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
reversion.register(models.Drug, follow=("indications", "dose_adjustments"))
reversion.register(models.Indication)
reversion.register(models.DoseAdjustment)
reversion.register(models.Condition)
reversion.register(models.Biomarker)
reversion.register(models.Trial, follow=("outcomes",))
reversion.register(models.Outcome)
reversion.register(models.Source)
reversion.register(models.SiteSettings)
