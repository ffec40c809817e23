"""A catalogue of fictional pages for measuring the site at scale (generate_catalogue).

Every drug, trial and page is fictional and says so: names that cannot be taken for a
medicine ("Fictinib-00001", "FICTION-00001"), titles ending in TITLE_MARK, and a summary
and first section telling the reader this is test content. No figure of a real drug
appears. Each page is published as reviews.workflow would publish it: the snapshot built
by monographs.kinds.build_snapshot and its hash, a reversion revision of the page, a
submission, a sign-off by a reviewer with a profile, the publication and the audit
entries. The rows are written in bulk, which is what makes 10,000 pages take minutes;
tests/test_catalogue.py compares them field by field with rows the workflow wrote.
"""

import re
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import transaction
from django.db.models import Q, prefetch_related_objects
from django.utils import timezone
from django.utils.encoding import force_str
from reversion.models import Revision, Version
from reversion.revisions import _follow_relations, _get_options

from monographs import snapshots
from monographs.kinds import build_snapshot
from monographs.models import (
    Article,
    Biomarker,
    Citation,
    Comparison,
    Condition,
    Drug,
    DrugPage,
    Outcome,
    Page,
    Question,
    QuestionGroup,
    Section,
    Source,
    Trial,
)
from monographs.snapshots import content_hash
from public import page_cache
from public.models import index_publications
from reviews import workflow
from reviews.checks import check_snapshot, load_catalogue
from reviews.models import AuditEntry, Publication, ReviewerProfile, ReviewTarget, SignOff, Submission

TITLE_MARK = " — fictional test page"
DRUG_NAME = re.compile(r"^Fictinib-(\d+)$")
BATCH = 500
# Of every ten pages: eight drug pages, a comparison of two of their drugs, an explainer.
PATTERN = ("drug",) * 8 + ("comparison", "article")

SUMMARY = (
    "Fictional test content for measuring the site: {name} is not a medicine. Do not use this page for any decision."
)
BANNER = (
    "**This page is fictional test content.** It was generated to measure the site with many pages. "
    "{name} is not a medicine, and nothing here describes a real drug, trial or patient."
)
SUBMIT_SUMMARY = "Fictional test page generated for measuring"
SIGN_OFF_COMMENT = "Fictional test sign-off of generated content; nothing medical was checked."


class CatalogueRefused(Exception):
    """The database holds content that is not fictional; generating into it needs --force."""


@dataclass
class People:
    editor: User
    reviewer: User
    profile: ReviewerProfile


def is_fictional(title):
    return title.endswith(TITLE_MARK)


def real_content():
    """Titles of pages that are not the catalogue's (the demo's, an editor's): a few, for the message."""
    return [title for title in Page.objects.values_list("title", flat=True).order_by("pk") if not is_fictional(title)]


def generate(pages, force=False, progress=None):
    """Add `pages` fictional published pages; returns how many were made."""
    if pages < 1:
        raise ValueError("Give a number of pages of at least 1.")
    real = real_content()
    if real and not force:
        raise CatalogueRefused(
            f"This database holds {len(real)} page(s) that are not fictional test content "
            f"(e.g. {real[0]!r}). Generate the catalogue into an empty database, or pass --force."
        )
    staff = accounts()
    shared = shared_rows()
    # The workflow loads the content checks' catalogue for each submission, which costs a
    # moment per drug in the database; loaded once, it checks every generated page alike
    # (a fictional page names only its own fictional drugs, which no check knows).
    catalogue = load_catalogue()
    start = _next_number()
    made = 0
    while made < pages:
        count = min(BATCH, pages - made)
        with transaction.atomic():
            _batch(start + made, count, staff, shared, catalogue)
            # Bulk writes send no post_save: the cached public pages (their indexes, their
            # related pages) are told here, once the batch is committed.
            transaction.on_commit(page_cache.publications_changed, robust=True)
        made += count
        if progress:
            progress(made)
    return made


def _next_number():
    numbers = [int(m.group(1)) for m in map(DRUG_NAME.match, Drug.objects.values_list("name", flat=True)) if m]
    # A new run starts a new block of PATTERN, so its comparisons name drugs of its own.
    return -(-max(numbers, default=0) // len(PATTERN)) * len(PATTERN) + 1


def accounts():
    # Nobody signs in as these accounts: they only stand for the editor and the reviewer.
    editor = _account("catalogue-editor")
    reviewer = _account("catalogue-reviewer")
    editor.groups.add(Group.objects.get(name=workflow.EDITORS))
    reviewer.groups.add(Group.objects.get(name=workflow.REVIEWERS))
    profile, _ = ReviewerProfile.objects.get_or_create(
        user=reviewer,
        defaults={
            "name": "Dr Fictional Reviewer (test account)",
            "slug": "fictional-test-reviewer",
            "degree": "MD",
            "specialty": "Fictional test specialty",
            "board_certification": "None: a fictional test account",
            "years_of_experience": 1,
            "bio": "A fictional account that signs off the generated test catalogue. Not a person.",
        },
    )
    return People(editor, reviewer, profile)


def _account(username):
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, is_staff=True)
        user.set_unusable_password()
        user.save()
    return user


def shared_rows():
    condition, _ = Condition.objects.get_or_create(
        slug="fictional-test-condition", defaults={"name": "Fictional test condition"}
    )
    biomarker, _ = Biomarker.objects.get_or_create(
        slug="fict1", defaults={"name": "FICT1", "full_name": "Fictional test biomarker"}
    )
    source, _ = Source.objects.get_or_create(
        title="Fictional test source (not a publication)",
        defaults={"kind": Source.Kind.PUBLICATION, "publisher": "Fictional test content"},
    )
    return {"condition": condition, "biomarker": biomarker, "source": source}


def _batch(first, count, people, shared, catalogue):
    _publish(working_copies(first, count, shared), people, catalogue)


def working_copies(first, count, shared):
    """Pages `first` to `first + count - 1` with their drugs and trials, saved but not yet submitted."""
    numbers = range(first, first + count)
    drug_numbers = [n for n in numbers if PATTERN[(n - 1) % len(PATTERN)] == "drug"]
    drugs = Drug.objects.bulk_create(
        [
            Drug(
                name=f"Fictinib-{n:05d}",
                slug=f"fictinib-{n:05d}",
                drug_class="Fictional test compound (not a medicine)",
                prescription_only=True,
            )
            for n in drug_numbers
        ]
    )
    drug_of = dict(zip(drug_numbers, drugs, strict=True))
    trials = Trial.objects.bulk_create(
        [
            Trial(
                name=f"FICTION-{n:05d}",
                slug=f"fiction-{n:05d}",
                phase=Trial.Phase.PHASE_2,
                design="fictional test trial, single arm",
                population="a fictional test population",
                experimental_drug=drug_of[n],
                experimental_arm=f"Fictinib-{n:05d}",
                pivotal=True,
            )
            for n in drug_numbers
        ]
    )
    Outcome.objects.bulk_create(
        [
            Outcome(
                trial=trial,
                endpoint=Outcome.Endpoint.ORR,
                measure=Outcome.Measure.RATE,
                analysis=Outcome.Analysis.PRIMARY,
                unit=Outcome.Unit.PERCENT,
                experimental_value=n % 90 + 5,
                note="A fictional figure of a fictional trial.",
                source=shared["source"],
            )
            for n, trial in zip(drug_numbers, trials, strict=True)
        ]
    )
    pages = _pages(numbers, drug_of, shared)
    _page_parts(pages, shared)
    return pages


def _pages(numbers, drug_of, shared):
    """The pages, written in bulk: first their Page rows, then the rows of their kinds' tables."""
    pages = [_page(n, drug_of, shared) for n in numbers]
    parents = Page.objects.bulk_create(
        [Page(kind=page.KIND, **{f.attname: getattr(page, f.attname) for f in PAGE_FIELDS}) for page in pages]
    )
    for page, parent in zip(pages, parents, strict=True):
        page.id = page.page_ptr_id = parent.pk
        page.created_at, page.updated_at = parent.created_at, parent.updated_at
        page._state.adding = False
    for model in {type(page) for page in pages}:
        # bulk_create refuses a child table; this is the insert Model.save makes of one.
        rows = [page for page in pages if type(page) is model]
        model._base_manager._insert(rows, fields=model._meta.local_concrete_fields, raw=True)
    Comparison.drugs.through.objects.bulk_create(
        [
            Comparison.drugs.through(comparison_id=page.pk, drug_id=drug.pk)
            for page in pages
            if page.kind == Comparison.KIND
            for drug in page.catalogue_drugs
        ]
    )
    Article.drugs.through.objects.bulk_create(
        [
            Article.drugs.through(article_id=page.pk, drug_id=drug.pk)
            for page in pages
            if page.kind == Article.KIND
            for drug in page.catalogue_drugs
        ]
    )
    Article.biomarkers.through.objects.bulk_create(
        [
            Article.biomarkers.through(article_id=page.pk, biomarker_id=shared["biomarker"].pk)
            for page in pages
            if page.kind == Article.KIND
        ]
    )
    return pages


PAGE_FIELDS = [f for f in Page._meta.concrete_fields if not f.primary_key and f.name != "kind"]


def _page(n, drug_of, shared):
    """Page `n`, not yet saved, with the drugs it shows as `catalogue_drugs`."""
    kind = PATTERN[(n - 1) % len(PATTERN)]
    if kind == "drug":
        name = drug_of[n].name
        page = DrugPage(drug=drug_of[n], title=f"{name}{TITLE_MARK}", slug=f"fictinib-{n:05d}")
        page.catalogue_drugs = [drug_of[n]]
    elif kind == "comparison":
        first, second = drug_of[n - 2], drug_of[n - 1]
        name = f"{first.name} vs {second.name}"
        page = Comparison(title=f"{name}{TITLE_MARK}", slug=f"fictional-comparison-{n:05d}")
        page.catalogue_drugs = [first, second]
    else:
        name = f"Fictional explainer {n:05d}"
        page = Article(title=f"{name}{TITLE_MARK}", slug=f"fictional-explainer-{n:05d}")
        page.catalogue_drugs = [drug_of[n - 3]]
        page.catalogue_biomarkers = [shared["biomarker"]]
    page.kind = page.KIND
    page.summary = SUMMARY.format(name=name)
    page.catalogue_name = name
    return page


def _page_parts(pages, shared):
    Section.objects.bulk_create(
        [
            section
            for page in pages
            for section in (
                Section(
                    page=page, order=1, heading="Fictional test content", body=BANNER.format(name=page.catalogue_name)
                ),
                Section(
                    page=page,
                    order=2,
                    heading="What this page is for",
                    body="Pages like this one fill the site so that its speed can be measured with many pages.",
                ),
            )
        ]
    )
    groups = QuestionGroup.objects.bulk_create(
        [QuestionGroup(page=page, order=1, heading="About this test page") for page in pages]
    )
    Question.objects.bulk_create(
        [Question(group=group, order=1, text="Is this page fictional test content?") for group in groups]
    )
    Citation.objects.bulk_create(
        [Citation(page=page, source=shared["source"], note="Fictional test source") for page in pages]
    )


def _with_parts(pages):
    """The pages with the parts django-reversion follows loaded in a few queries, not a few per page."""
    parents = Page.objects.filter(pk__in=[page.pk for page in pages]).prefetch_related(
        "sections", "question_groups__questions", "citations"
    )
    parent_of = {parent.pk: parent for parent in parents}
    for page in pages:
        type(page).page_ptr.field.set_cached_value(page, parent_of[page.pk])
    return pages


def _versions(page):
    """The versions django-reversion saves for `reversion.add_to_revision(page)`: the page and what it follows."""
    versions = {}

    def add(obj):
        options = _get_options(type(obj))
        content_type = ContentType.objects.get_for_model(type(obj))
        object_id = force_str(getattr(obj, options.object_id_field))
        if (content_type.pk, object_id) in versions:
            return
        versions[(content_type.pk, object_id)] = Version(
            content_type=content_type,
            object_id=object_id,
            db="default",
            format=options.format,
            serialized_data=serializers.serialize(
                options.format, (obj,), fields=options.fields, use_natural_foreign_keys=options.use_natural_foreign_keys
            ),
            object_repr=force_str(obj),
        )
        for followed in _follow_relations(obj):
            add(followed)

    add(page)
    return list(versions.values())


def _publish(pages, people, catalogue):
    """What workflow.submit then workflow.approve write for each page, written in bulk."""
    editor, reviewer, profile = people.editor, people.reviewer, people.profile
    snapshots = _snapshots(pages)
    findings = [_findings(snapshot, catalogue) for snapshot in snapshots]
    comment = f"Submitted for review: {SUBMIT_SUMMARY}"
    revisions = Revision.objects.bulk_create(
        [Revision(date_created=timezone.now(), user=editor, comment=comment) for _ in pages]
    )
    versions = []
    for page, revision in zip(_with_parts(pages), revisions, strict=True):
        for version in _versions(page):
            version.revision = revision
            versions.append(version)
    Version.objects.bulk_create(versions)
    targets = {kind: ReviewTarget.for_kind(kind) for kind in {page.kind for page in pages}}
    submissions = Submission.objects.bulk_create(
        [
            Submission(
                page=page,
                submitted_by=editor,
                summary=SUBMIT_SUMMARY,
                snapshot=snapshot,
                content_hash=content_hash(snapshot),
                revision=revision,
                findings=seen,
                status=Submission.Status.APPROVED,
                decided_by=reviewer,
                decision_comment=SIGN_OFF_COMMENT,
                due_at=timezone.now() + targets[page.kind],  # as Submission.save sets it
            )
            for page, snapshot, revision, seen in zip(pages, snapshots, revisions, findings, strict=True)
        ]
    )
    Submission.editors.through.objects.bulk_create(
        [Submission.editors.through(submission=submission, user=editor) for submission in submissions]
    )
    AuditEntry.objects.bulk_create(
        [_audit(s, AuditEntry.Action.SUBMITTED, editor, SUBMIT_SUMMARY) for s in submissions]
    )
    signoffs = SignOff.objects.bulk_create(
        [
            SignOff(
                submission=submission,
                page=submission.page,
                reviewer=reviewer,
                reviewer_profile=profile,
                reviewer_name=profile.name,
                reviewer_credentials=profile.credentials,
                comment=SIGN_OFF_COMMENT,
                snapshot=submission.snapshot,
                content_hash=submission.content_hash,
                revision=submission.revision,
                sources_reviewed=list(submission.snapshot["sources"]),
                summary=submission.summary,
                changed_content=True,
                findings=submission.findings,
                override_reason=_override_reason(submission.findings),
                signature_meaning=workflow.SIGNATURE_MEANING,
                authentication_method=workflow.PASSWORD_SIGNATURE,
            )
            for submission in submissions
        ]
    )
    for submission, signoff in zip(submissions, signoffs, strict=True):
        submission.decided_at = signoff.signed_at
    Submission.objects.bulk_update(submissions, ["decided_at"])
    AuditEntry.objects.bulk_create(
        [_audit(s, AuditEntry.Action.APPROVED, reviewer, SIGN_OFF_COMMENT) for s in submissions]
    )
    now = timezone.now()
    Publication.objects.bulk_create(
        [
            Publication(
                page=signoff.page,
                kind=signoff.snapshot["kind"],
                slug=signoff.snapshot["slug"],
                title=signoff.snapshot["title"],
                summary=signoff.snapshot["summary"],
                snapshot=signoff.snapshot,
                content_hash=signoff.content_hash,
                signoff=signoff,
                published_at=now,
                last_reviewed_at=signoff.signed_at,
                last_updated_at=signoff.signed_at,
                review_due=workflow.review_due(signoff.signed_at, signoff.snapshot["review_interval_months"]),
            )
            for signoff in signoffs
        ]
    )
    AuditEntry.objects.bulk_create([_audit(s, AuditEntry.Action.PUBLISHED, reviewer, "") for s in submissions])
    # Bulk writes send no signals: the search index is brought up to date here.
    index_publications(Publication.objects.filter(page__in=pages))


def _snapshots(pages):
    """build_snapshot of each page, with the drugs and trials the pages show fetched once for the batch.

    snapshots._drugs and snapshots._trials fetch them page by page, which is most of the
    time generating takes. Here the same rows (snapshots.drug_rows, trial_rows) are fetched
    for every page of the batch, and each page is assembled as its kind's builder assembles
    it (snapshots.drug_page, comparison, article). The first page of each kind is built by
    build_snapshot as well, and generation stops if the two differ.
    """
    # A page's drugs and biomarkers are part of its row's fingerprint: fetched for the batch too.
    prefetch_related_objects([page for page in pages if type(page) is Comparison], "drugs")
    prefetch_related_objects([page for page in pages if type(page) is Article], "drugs", "biomarkers")
    drug_ids = {drug.pk for page in pages for drug in page.catalogue_drugs}
    drugs = {drug.pk: drug for drug in snapshots.drug_rows(drug_ids)}
    trials_of = defaultdict(list)  # {drug id: its trials, as experimental or control drug}
    for trial in snapshots.trial_rows(Q(experimental_drug_id__in=drug_ids) | Q(control_drugs__in=drug_ids)):
        for drug_id in {trial.experimental_drug_id, *(d.pk for d in trial.control_drugs.all())} & drug_ids:
            trials_of[drug_id].append(trial)
    built, checked = [], set()
    for page in pages:
        snapshot = _snapshot(page, [drugs[d.pk] for d in page.catalogue_drugs], trials_of)
        if page.kind not in checked:
            checked.add(page.kind)
            if snapshot != build_snapshot(page):
                raise AssertionError(f"The batch built {page.slug}'s snapshot unlike build_snapshot: update _snapshot.")
        built.append(snapshot)
    return built


def _snapshot(page, drugs, trials_of):
    refs = snapshots.References()
    if page.kind == DrugPage.KIND:
        (drug,) = drugs
        trials = [snapshots.trial(t, refs) for t in sorted(trials_of[drug.pk], key=lambda t: t.name)]
        shown = [snapshots.drug(drug, refs)]
        extra = {"drug": drug.slug}
    elif page.kind == Comparison.KIND:
        shown = sorted(
            (snapshots.drug(drug, refs) for drug in drugs), key=lambda row: snapshots.named_at(page.title, row)
        )
        pivotal = {
            t.pk: t for drug in drugs for t in trials_of[drug.pk] if t.pivotal and t.experimental_drug_id == drug.pk
        }
        trials = [snapshots.trial(t, refs) for t in sorted(pivotal.values(), key=lambda t: t.name)]
        extra = {"head_to_head": None, "verdict": page.verdict}
    else:
        shown = [snapshots.drug(drug, refs) for drug in drugs]
        pivotal = {
            t.pk: t for drug in drugs for t in trials_of[drug.pk] if t.pivotal and t.experimental_drug_id == drug.pk
        }
        trials = [snapshots.trial(t, refs) for t in sorted(pivotal.values(), key=lambda t: t.name)]
        biomarkers = sorted(page.catalogue_biomarkers, key=lambda b: b.name)
        refs.add(*biomarkers)
        extra = {"biomarkers": [{"name": b.name, "full_name": b.full_name} for b in biomarkers]}
    return snapshots.assemble(page, refs, drugs=shown, trials=trials, extra=extra)


def _findings(snapshot, catalogue):
    """As workflow.submit stores them: the content checks' findings, errors first."""
    found = [finding.as_dict() for finding in check_snapshot(snapshot, catalogue)]
    return sorted(found, key=lambda finding: finding["severity"] != "error")


def _override_reason(findings):
    """The generated pages are built to pass the content checks; if one does not, the sign-off says why."""
    if any(finding["severity"] == "error" for finding in findings):
        return "Fictional test content: signed off to measure the site, not for readers."
    return ""


def _audit(submission, action, actor, detail):
    return AuditEntry(
        page=submission.page,
        action=action,
        actor=actor,
        submission=submission,
        revision=submission.revision,
        detail=detail,
    )
