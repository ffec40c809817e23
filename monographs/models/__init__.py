from .drugs import Biomarker, Condition, DoseAdjustment, Drug, Indication
from .evidence import Outcome, Source, Trial, validate_nct_id
from .pages import (
    PAGE_TYPES,
    Article,
    Citation,
    Comparison,
    DrugPage,
    Page,
    Question,
    QuestionGroup,
    Section,
    Series,
    public_url,
)
from .site import SiteSettings

__all__ = [
    "Article",
    "Biomarker",
    "Citation",
    "Comparison",
    "Condition",
    "DoseAdjustment",
    "Drug",
    "DrugPage",
    "Indication",
    "Outcome",
    "PAGE_TYPES",
    "Page",
    "Question",
    "QuestionGroup",
    "Section",
    "Series",
    "SiteSettings",
    "Source",
    "Trial",
    "public_url",
    "validate_nct_id",
]
