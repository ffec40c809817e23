"""The page kinds, each declared once: its model, snapshot builder, template, address and form fields;
and what is done by kind: building a page's snapshot, rendering a snapshot.

Adding a kind of page means adding its model and one entry here: the snapshot, the
public site's addresses, rendering, django-reversion and the admin all read this list.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.shortcuts import render

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


def build_snapshot(page):
    """The page's snapshot, built from its working copy by its kind's builder."""
    page = page.specific
    return kind_of(page).build(page)


def render_snapshot(request, snapshot, *, publication=None, signoff=None, history=(), preview_notice=None, status=200):
    """Render a page from its snapshot, with its kind's template.

    With a publication (and its sign-off) this is the public page, with the reviewer box
    and dates. Without one it is a preview: a banner says it is not published, and no
    reviewer box claims a review that has not happened.
    """
    snapshot = snapshots.upgrade(snapshot)
    kind = KINDS[snapshot["kind"]]
    context = {
        "snapshot": snapshot,
        "publication": publication,
        "signoff": signoff if publication else None,
        "history": history,
        "preview": publication is None,
        "preview_notice": preview_notice or "This is a preview. It has not been signed off and is not published.",
        "disclaimer_drugs": presentation.disclaimer_drugs(snapshot),
        "sources": [presentation.source_view(source) for source in snapshot["sources"]],
        **kind.context(snapshot),
    }
    if publication and signoff:
        context["sources_reviewed"] = [presentation.source_view(s) for s in signoff.sources_reviewed]
    response = render(request, kind.template, context, status=status)
    if publication is None:
        response["X-Robots-Tag"] = "noindex"
    return response
