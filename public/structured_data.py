"""What search engines and link previews read of a page: schema.org JSON-LD, from publications only.

A content page describes itself as a MedicalWebPage built from its publication and the
sign-off that made it: the dates and the reviewer are the ones the reviewer box shows,
the drugs are the snapshot's, so the metadata can claim no more than the page does.
The home page describes the site (WebSite, with its search); lists are CollectionPages.
"""

import json

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from monographs import snapshots

# Inside a <script> element "</script>" or "<!--" would end or confuse it; JSON allows the
# same characters as escapes. U+2028 and U+2029 are escaped for older JavaScript parsers.
SCRIPT_ESCAPES = {
    ord("<"): "\\u003C",
    ord(">"): "\\u003E",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}
PRESCRIPTION_STATUS = {True: "https://schema.org/PrescriptionOnly", False: "https://schema.org/OTC"}


def script(data):
    """A JSON-LD data block, safe in HTML: browsers do not run it, so the CSP lets it be."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def day(moment):
    """The date a page shows for a moment (its <time datetime>), in the site's time zone."""
    return timezone.localdate(moment).isoformat()


def reviewer(request, signoff):
    """The reviewer as the sign-off recorded them, credentials as shown at the time."""
    person = {
        "@type": "Person",
        "name": signoff.reviewer_name,
        "url": request.build_absolute_uri(signoff.reviewer_profile.get_absolute_url()),
        "hasCredential": {"@type": "EducationalOccupationalCredential", "name": signoff.reviewer_credentials},
    }
    # The degree leads the recorded credentials ("MD, Medical oncology; ..."): named only when it still does.
    degree = signoff.reviewer_profile.degree
    if degree and signoff.reviewer_credentials.startswith(f"{degree},"):
        person["honorificSuffix"] = degree
    return person


def drug(row):
    entry = {"@type": "Drug", "name": row["name"], "nonProprietaryName": row["name"]}
    brands = row.get("brand_names") or []
    if brands:
        entry["proprietaryName"] = brands[0] if len(brands) == 1 else brands
    if row.get("drug_class"):
        entry["drugClass"] = {"@type": "DrugClass", "name": row["drug_class"]}
    if row.get("prescription_only") is not None:
        entry["prescriptionStatus"] = PRESCRIPTION_STATUS[bool(row["prescription_only"])]
    return entry


def medical_web_page(request, publication, snapshot, organisation=""):
    """The MedicalWebPage of a published page: its snapshot (as signed), its sign-off and its dates."""
    snapshot = snapshots.upgrade(snapshot)
    signoff = publication.signoff
    page = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": snapshot["title"],
        "description": snapshot["summary"],
        "url": request.build_absolute_uri(publication.get_absolute_url()),
        "inLanguage": "en",
        "datePublished": day(publication.published_at),
        "dateModified": day(publication.last_updated_at),
        "lastReviewed": day(publication.last_reviewed_at),
        "reviewedBy": reviewer(request, signoff),
        "medicalAudience": {"@type": "Patient"},
        "about": [drug(row) for row in snapshot.get("drugs", [])],
    }
    if organisation:
        page["publisher"] = {"@type": "Organization", "name": organisation}
    return page


def website(request, organisation=""):
    """The home page: the site, and how to search it."""
    search = request.build_absolute_uri(reverse("public:search"))
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": organisation or "Oncology drug information",
        "url": request.build_absolute_uri(reverse("public:home")),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }


def collection_page(request, name, description, publications):
    """A list of published pages (a biomarker's, a condition's)."""
    return {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": name,
        "description": description,
        "url": request.build_absolute_uri(request.path),
        "hasPart": [
            {
                "@type": "MedicalWebPage",
                "name": publication.title,
                "url": request.build_absolute_uri(publication.get_absolute_url()),
            }
            for publication in publications
        ],
    }
