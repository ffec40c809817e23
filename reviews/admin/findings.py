"""The content checks, shown to the editor who can still fix what they find.

The change form lists the findings of the working copy as last saved, and the submit page
lists them again before submission. Errors do not stop an editor submitting: the
reviewer sees the same checks and decides.
"""

from monographs.snapshots import FIGURE_SOURCE_NOTE

from ..checks import ERROR, WARNING, check_snapshot

# A page nobody can check against a source. The snapshot lists the sources of the figures it
# shows by itself, after the page's own citations; those alone do not cover its text.
NO_SOURCES = (
    "This page cites no sources, so neither readers nor the reviewer can check what it says. "
    "Add the sources it is based on under Citations."
)
ONLY_FIGURE_SOURCES = (
    "This page cites no sources of its own: only the sources of the figures it shows are listed. "
    "Add the sources its text is based on under Citations."
)


def working_copy_findings(snapshot):
    """The findings of a page's snapshot as plain dicts, errors first, with a warning if it cites nothing."""
    findings = [finding.as_dict() for finding in check_snapshot(snapshot)]
    sources = snapshot.get("sources") or []
    if not any(source.get("note") != FIGURE_SOURCE_NOTE for source in sources):
        message = ONLY_FIGURE_SOURCES if sources else NO_SOURCES
        findings.append(
            {"code": "no-sources", "severity": WARNING, "message": message, "location": "Sources", "text": ""}
        )
    return sorted(findings, key=lambda finding: finding["severity"] != ERROR)


def summary(findings):
    """ "1 error and 2 warnings", or "" when there is nothing to report."""
    errors = sum(1 for finding in findings if finding["severity"] == ERROR)
    warnings = len(findings) - errors
    parts = [_count(errors, "error"), _count(warnings, "warning")]
    return " and ".join(part for part in parts if part)


def _count(number, noun):
    if not number:
        return ""
    return f"{number} {noun}{'' if number == 1 else 's'}"
