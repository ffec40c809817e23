"""On PostgreSQL, the database itself refuses to change or delete sign-offs and audit entries.

The models already refuse through the ORM; this closes the path around them (raw SQL,
a shell, another application sharing the database). TRUNCATE, used only to empty a
whole test or staging database, is not a row change and stays possible.
"""

from django.db import migrations

TABLES = ["reviews_signoff", "reviews_auditentry"]

CREATE_FUNCTION = """
CREATE OR REPLACE FUNCTION reviews_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% rows are permanent records: % refused', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;
"""


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE_FUNCTION, params=None)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_permanent BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION reviews_refuse_change();"
        )


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_permanent ON {table};")
    schema_editor.execute("DROP FUNCTION IF EXISTS reviews_refuse_change();")


class Migration(migrations.Migration):
    dependencies = [("reviews", "0002_roles")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
