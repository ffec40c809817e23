"""Keep the search index in step with publications.

A sign-off, a scheduled go-live and a withdrawal all save the Publication row; the index
follows in the same transaction, so search never shows a page the public may no longer
see, nor misses one that just went live. Writes that send no signal (the catalogue's bulk
path) call index_publications themselves; `manage.py rebuild_search_index` rebuilds it all.
After `migrate`, live publications the index lacks (a database upgraded to this version)
are indexed.
"""

from django.db import connection

from reviews.models import Publication

from .models import SearchDocument, SearchName, index_publications

BATCH = 500


def publication_saved(sender, instance, **kwargs):
    index_publications(Publication.objects.filter(pk=instance.pk))


def publication_deleted(sender, instance, **kwargs):
    # Its document went with it (on delete cascade); its names go if no other page shows them.
    SearchName.objects.filter(documents=None).delete()


def index_missing(sender, **kwargs):
    if SearchDocument._meta.db_table not in connection.introspection.table_names():
        return  # the search index itself was just migrated away
    missing = list(Publication.objects.live().filter(search_document__isnull=True).values_list("pk", flat=True))
    for start in range(0, len(missing), BATCH):
        index_publications(Publication.objects.filter(pk__in=missing[start : start + BATCH]))
