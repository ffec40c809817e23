"""Saving demo rows only when they differ, which is what makes load_demo safe to re-run.

An unchanged row is not saved, so it gets no new reversion version and the pages
showing it do not turn into "changes awaiting review".
"""

import reversion

CREATED, UPDATED = "created", "updated"


def upsert(model, key, fields):
    """Get the row matching `key` and make it equal `fields`: (row, CREATED, UPDATED or None)."""
    row = model.objects.filter(**key).first()
    if row is None:
        row, change = model(**fields), CREATED
    elif all(getattr(row, name) == value for name, value in fields.items()):
        return row, None
    else:
        for name, value in fields.items():
            setattr(row, name, value)
        change = UPDATED
    row.full_clean()
    row.save()
    return row, change


def set_related(row, field, wanted):
    """Set a many-to-many field if it differs; returns whether it did."""
    manager = getattr(row, field)
    wanted = set(wanted)
    if set(manager.all()) == wanted:
        return False
    manager.set(wanted)
    # A relation change does not save the row itself, so put the row in the revision by hand.
    reversion.add_to_revision(row)
    return True
