"""Report a problem: the form under every published page, and the thank-you after it.

Like the public site, these views look pages up by their publication only. Nothing a
reader sends is ever shown back on a public page.
"""

from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from reviews.models import Publication

from . import throttle
from .forms import ReportForm
from .models import ProblemReport


def _live_publication(kind, slug):
    """The page as readers see it now; a withdrawn page takes no reports."""
    return get_object_or_404(Publication.objects.live(), kind=kind, slug=slug)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def report_problem(request, kind, slug):
    publication = _live_publication(kind, slug)
    if request.method != "POST":
        form = ReportForm(initial={"version": request.GET.get("version", "")})
        return render(request, "feedback/report.html", {"publication": publication, "form": form})
    form = ReportForm(request.POST)
    if form.is_bot():
        # The same answer a person gets, so a bot learns nothing; nothing is stored.
        return redirect("feedback:thanks", kind=publication.kind, slug=publication.slug)
    if not form.is_valid():
        return render(request, "feedback/report.html", {"publication": publication, "form": form})
    refusal = throttle.refusal(request, publication)
    if refusal:
        context = {"publication": publication, "form": form, "refusal": refusal}
        return render(request, "feedback/report.html", context, status=429)
    ProblemReport.file(
        publication,
        message=form.cleaned_data["message"],
        email=form.cleaned_data["email"],
        claimed_hash=form.cleaned_data["version"],
    )
    return redirect("feedback:thanks", kind=publication.kind, slug=publication.slug)


@require_safe
def thanks(request, kind, slug):
    return render(request, "feedback/thanks.html", {"publication": _live_publication(kind, slug)})
