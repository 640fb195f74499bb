from typing import Any

from django.db import migrations, models

# Every write to an object, and every re-linking of one of its terms to a concept, logs the
# object for the search index in the same transaction (see caravan/search/models.py).
SQLITE_TRIGGERS = [
    """CREATE TRIGGER search_object_inserted AFTER INSERT ON catalogue_catalogueobject
    BEGIN INSERT INTO search_indexchange (object_id, changed_at)
    VALUES (NEW.id, strftime('%Y-%m-%d %H:%M:%f', 'now')); END""",
    """CREATE TRIGGER search_object_updated AFTER UPDATE ON catalogue_catalogueobject
    BEGIN INSERT INTO search_indexchange (object_id, changed_at)
    VALUES (NEW.id, strftime('%Y-%m-%d %H:%M:%f', 'now')); END""",
    """CREATE TRIGGER search_object_deleted AFTER DELETE ON catalogue_catalogueobject
    BEGIN INSERT INTO search_indexchange (object_id, changed_at)
    VALUES (OLD.id, strftime('%Y-%m-%d %H:%M:%f', 'now')); END""",
    """CREATE TRIGGER search_term_relinked AFTER UPDATE OF concept_id ON catalogue_objectterm
    WHEN OLD.concept_id IS NOT NEW.concept_id
    BEGIN INSERT INTO search_indexchange (object_id, changed_at)
    VALUES (NEW.object_id, strftime('%Y-%m-%d %H:%M:%f', 'now')); END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_object_inserted",
    "DROP TRIGGER IF EXISTS search_object_updated",
    "DROP TRIGGER IF EXISTS search_object_deleted",
    "DROP TRIGGER IF EXISTS search_term_relinked",
]
POSTGRES_TRIGGERS = [
    """CREATE FUNCTION search_object_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            INSERT INTO search_indexchange (object_id, changed_at) VALUES (OLD.id, now());
        ELSE
            INSERT INTO search_indexchange (object_id, changed_at) VALUES (NEW.id, now());
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER search_object_changed
    AFTER INSERT OR UPDATE OR DELETE ON catalogue_catalogueobject
    FOR EACH ROW EXECUTE FUNCTION search_object_changed()""",
    """CREATE FUNCTION search_term_relinked() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO search_indexchange (object_id, changed_at) VALUES (NEW.object_id, now());
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER search_term_relinked
    AFTER UPDATE OF concept_id ON catalogue_objectterm
    FOR EACH ROW WHEN (OLD.concept_id IS DISTINCT FROM NEW.concept_id)
    EXECUTE FUNCTION search_term_relinked()""",
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS search_object_changed ON catalogue_catalogueobject",
    "DROP FUNCTION IF EXISTS search_object_changed()",
    "DROP TRIGGER IF EXISTS search_term_relinked ON catalogue_objectterm",
    "DROP FUNCTION IF EXISTS search_term_relinked()",
]


def _run(schema_editor: Any, statements: dict[str, list[str]]) -> None:
    vendor = schema_editor.connection.vendor
    if vendor not in statements:
        raise RuntimeError(f"no search-index triggers written for {vendor}")
    for statement in statements[vendor]:
        schema_editor.execute(statement, params=None)


def create_triggers(apps: Any, schema_editor: Any) -> None:
    _run(schema_editor, {"sqlite": SQLITE_TRIGGERS, "postgresql": POSTGRES_TRIGGERS})


def drop_triggers(apps: Any, schema_editor: Any) -> None:
    _run(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP})


class Migration(migrations.Migration):
    initial = True

    dependencies = [("catalogue", "0002_ingest_fields")]

    operations = [
        migrations.CreateModel(
            name="IndexChange",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("object_id", models.BigIntegerField(verbose_name="object")),
                ("changed_at", models.DateTimeField(verbose_name="changed")),
            ],
            options={
                "verbose_name": "search index change",
                "verbose_name_plural": "search index changes",
                "indexes": [models.Index(fields=["changed_at"], name="index_change_time")],
            },
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
