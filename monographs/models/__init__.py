from .drugs import Biomarker, Condition, DoseAdjustment, Drug, Indication
from .evidence import Outcome, Source, Trial, validate_nct_id
from .fields import EditorTextField, EditVersioned
from .glossary import GlossaryTerm
from .pages import (
    Article,
    Citation,
    Comparison,
    DrugPage,
    Page,
    Question,
    QuestionGroup,
    Section,
    Series,
    page_model,
    public_url,
)
from .safety import Contraception, Monitoring, SideEffect
from .site import SiteSettings

__all__ = [
    "Article",
    "Biomarker",
    "Citation",
    "Comparison",
    "Condition",
    "Contraception",
    "DoseAdjustment",
    "Drug",
    "DrugPage",
    "EditVersioned",
    "EditorTextField",
    "GlossaryTerm",
    "Indication",
    "Monitoring",
    "Outcome",
    "Page",
    "Question",
    "QuestionGroup",
    "Section",
    "Series",
    "SideEffect",
    "SiteSettings",
    "Source",
    "Trial",
    "page_model",
    "public_url",
    "validate_nct_id",
]
