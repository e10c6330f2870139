"""The migrations build exactly the schema the code writes to: after `db upgrade`, Alembic's comparison of
the database with `store.metadata` finds no difference (a column, index, constraint or type added on one side
only), on SQLite and PostgreSQL. A table or column added to store.py without a migration fails here, not in
production on the first write."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from regsosek import store


def schema_differences(url: str, metadata: sa.MetaData = store.metadata) -> list:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return compare_metadata(context, metadata)
    finally:
        engine.dispose()


def test_the_migrated_schema_is_the_schema_the_code_uses(store_url):
    store.upgrade()
    differences = schema_differences(store_url)
    assert differences == [], f"store.metadata and the migrations disagree: {differences}"


def test_a_column_or_index_missing_from_the_migrations_is_found(store_url):
    """The comparison above can fail: a column and an index the code declares but no migration creates are
    reported (on a copy of the code's schema, so nothing else sees the planted change)."""
    store.upgrade()
    planted = sa.MetaData()
    for table in store.metadata.sorted_tables:
        table.to_metadata(planted)
    planted.tables["help_records"].append_column(sa.Column("planted_note", sa.String(40)))
    sa.Index("ix_tasks_planted", planted.tables["tasks"].c.kab_code)
    differences = schema_differences(store_url, planted)
    found = sorted((d[0], getattr(d[-1], "name", None)) for d in differences)
    assert found == [("add_column", "planted_note"), ("add_index", "ix_tasks_planted")]
