"""Every signed version stays verifiable: /v/<the first 12 hex characters of its content hash>/.

A printout carries its version's short hash; this address shows that version exactly as
it was published, with its sign-off, and says whether it is still the current one, was
superseded (linking to the current page) or was withdrawn (then it shows nothing of it).

A version the public saw is a sign-off that went live: approved and published, not a
scheduled go-live still to come, nor one superseded before its time came. Feeds read the
same definition, so a version is listed only where it can be verified.
"""

from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from monographs.kinds import render_snapshot
from reviews.models import AuditEntry, Publication, SignOff, Submission
from reviews.workflow import review_due

from .views import public_history

SHORT_HASH_LENGTH = 12


class ShortHashConverter:
    """Twelve hexadecimal characters; capitals too, as someone may type them from paper."""

    regex = f"[0-9a-fA-F]{{{SHORT_HASH_LENGTH}}}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value[:SHORT_HASH_LENGTH].lower()


def went_live():
    """Sign-offs whose version the public saw (whatever happened to it since)."""
    return SignOff.objects.filter(submission__status=Submission.Status.APPROVED)


def withdrawals(page, content_hash, signed_at):
    """Withdrawals of this very content after it was signed (the page may be live again with other
    content since). Values or OuterRefs alike."""
    return AuditEntry.objects.filter(
        action=AuditEntry.Action.WITHDRAWN, page=page, submission__content_hash=content_hash, at__gte=signed_at
    )


def still_public():
    """Sign-offs that went live and whose content is not withdrawn: the ones a feed may list."""
    page_withdrawn = Exists(Publication.objects.filter(page=OuterRef("page"), withdrawn_at__isnull=False))
    content_withdrawn = Exists(withdrawals(OuterRef("page"), OuterRef("content_hash"), OuterRef("signed_at")))
    return went_live().exclude(Q(page_withdrawn) | Q(content_withdrawn))


def short_hash(content_hash):
    return content_hash[:SHORT_HASH_LENGTH]


class Version:
    """One signed version of a page: its latest sign-off, what became of it, and the page as it was shown."""

    CURRENT, SUPERSEDED, WITHDRAWN = "current", "superseded", "withdrawn"

    def __init__(self, signoff, live):
        self.signoff = signoff
        self.live = live  # the page's publication now
        self.short_hash = short_hash(signoff.content_hash)
        self.withdrawal = None
        if not live.withdrawn_at and live.content_hash == signoff.content_hash:
            self.status = self.CURRENT
        elif live.withdrawn_at:
            self.status = self.WITHDRAWN
            self.withdrawal = {"at": live.withdrawn_at, "reason": live.withdrawal_reason}
        else:
            entry = withdrawals(signoff.page_id, signoff.content_hash, signoff.signed_at).order_by("at").first()
            if entry:
                self.status = self.WITHDRAWN
                self.withdrawal = {"at": entry.at, "reason": entry.detail}
            else:
                self.status = self.SUPERSEDED

    @property
    def superseded_at(self):
        """When content other than this first went live after it."""
        later = went_live().filter(
            page_id=self.signoff.page_id, changed_content=True, signed_at__gt=self.signoff.signed_at
        )
        return later.order_by("signed_at", "pk").values_list("signed_at", flat=True).first()

    def as_published(self):
        """The publication as the page showed it while this version was live (never saved)."""
        if self.status == self.CURRENT:
            publication = self.live
        else:
            signoff, snapshot = self.signoff, self.signoff.snapshot
            publication = Publication(
                page_id=signoff.page_id,
                kind=snapshot["kind"],
                slug=snapshot["slug"],
                title=snapshot["title"],
                summary=snapshot["summary"],
                snapshot=snapshot,
                content_hash=signoff.content_hash,
                signoff=signoff,
                published_at=self.live.published_at,
                last_reviewed_at=signoff.signed_at,
                last_updated_at=self._last_updated(),
                review_due=review_due(signoff.signed_at, snapshot["review_interval_months"]),
            )
        # The templates read these from the publication: the archived copy lists no related
        # pages (they were never part of what was signed) and its head carries no metadata.
        publication.related_pages = []
        publication.version = self
        return publication

    def _last_updated(self):
        changed = went_live().filter(
            page_id=self.signoff.page_id, changed_content=True, signed_at__lte=self.signoff.signed_at
        )
        return (
            changed.order_by("-signed_at", "-pk").values_list("signed_at", flat=True).first() or self.signoff.signed_at
        )


def find(prefix):
    """The version whose content hash starts with `prefix`; None if no version the public saw has it,
    or if more than one does."""
    # One pass over the sign-offs for the few that match, newest first; then the one chosen, by its key.
    # A range, which an ordinary index serves in any collation ("…g" sorts after every hex digit).
    matching = (
        went_live()
        .filter(content_hash__gte=prefix, content_hash__lt=prefix + "g", content_hash__startswith=prefix)
        .order_by("-signed_at", "-pk")
    )
    found = list(matching.values_list("pk", "content_hash"))
    if len({content_hash for _, content_hash in found}) != 1:
        return None
    signoff = SignOff.objects.select_related("reviewer_profile").get(pk=found[0][0])
    live = Publication.objects.for_display().get(page_id=signoff.page_id)
    return Version(signoff, live)


@require_safe
def version(request, short_hash):
    if short_hash != short_hash.lower():
        return redirect("public:version", short_hash.lower(), permanent=True)
    found = find(short_hash)
    if found is None:
        raise Http404("No signed version has this number.")
    context = {"version": found, "live": found.live}
    if found.status == Version.WITHDRAWN:
        response = render(request, "public/version_withdrawn.html", context, status=410)
    else:
        publication = found.as_published()
        response = render_snapshot(
            request,
            publication.snapshot,
            publication=publication,
            signoff=found.signoff,
            history=list(public_history(publication)),
        )
    # The page's own address is the one to index; this is its archive.
    response["X-Robots-Tag"] = "noindex"
    return response
