"""Alembic environment: always run programmatically by regsosek.store.upgrade with an open connection."""

from alembic import context

from regsosek import store

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=store.metadata, render_as_batch=True)
context.run_migrations()
