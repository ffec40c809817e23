"""The page kinds, each declared once: its model, snapshot builder, template, address and form fields.

Adding a kind of page means adding its model and one entry here: the snapshot, the
public site's addresses, rendering, django-reversion and the admin all read this list.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.urls import reverse

from . import presentation, snapshots
from .forms import ComparisonForm, PageEditForm
from .models import Article, Comparison, DrugPage, Page


@dataclass(frozen=True)
class PageKind:
    model: type[Page]
    build: Callable[[Page], dict]  # the page's snapshot, from its working copy
    context: Callable[[dict], dict]  # what the kind's template needs from a snapshot
    template: str
    path: str  # the public addresses: /<path>/ lists the kind, /<path>/<slug>/ is one page
    editor_fields: tuple[str, ...]  # the kind's own fields on the editors' form
    form: type[forms.ModelForm] = PageEditForm  # the editors' form, with any rule spanning fields

    @property
    def value(self):
        return self.model.KIND

    @property
    def url_name(self):
        """The public site's URL name of one page of this kind (its list is the plural)."""
        return f"public:{self.value}"


KINDS = {
    kind.value: kind
    for kind in (
        PageKind(
            model=DrugPage,
            build=snapshots.drug_page,
            context=presentation.drug_page_context,
            template="monographs/drug_page.html",
            path="drugs",
            editor_fields=("drug",),
        ),
        PageKind(
            model=Comparison,
            build=snapshots.comparison,
            context=presentation.comparison_context,
            template="monographs/comparison_page.html",
            path="compare",
            editor_fields=("drugs", "head_to_head", "verdict"),
            form=ComparisonForm,
        ),
        PageKind(
            model=Article,
            build=snapshots.article,
            context=presentation.article_context,
            template="monographs/article_page.html",
            path="learn",
            editor_fields=("drugs", "biomarkers"),
        ),
    )
}


def kind_of(page):
    return KINDS[page.kind]


def public_url(kind, slug):
    return reverse(KINDS[kind].url_name, args=[slug])
