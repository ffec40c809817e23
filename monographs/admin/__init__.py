"""The editors' admin for the medical domain: shared data and site settings.

The page forms, which submit for review, are reviews.admin.pages.

Every admin here is a reversion VersionAdmin, so each save is a revision with history
and restore. Validation lives in the models' clean() methods and in monographs.forms.
"""

# The admin loads before this app's ready(); VersionAdmin would otherwise register the
# models itself, without the follows that make a page's revision hold its parts.
from monographs import versioning  # noqa: F401, I001

from . import data, site  # noqa: F401  (registers the admins)
