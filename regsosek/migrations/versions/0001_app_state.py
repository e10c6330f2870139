"""App state: users, sign-in attempts, sign-ins, saved lists, accepted terms, the audit log.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("username", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("kab_codes", sa.JSON, nullable=False),
        sa.Column("programmes", sa.JSON, nullable=False),
        sa.Column("generation", sa.String(64), nullable=False),
        sa.Column("demo", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
    )
    op.create_table(
        "login_attempts",
        sa.Column("username", sa.String(64), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("last_failure", sa.Float, nullable=False),
        sa.Column("locked_until", sa.Float, nullable=False),
    )
    op.create_table(
        "logins",
        sa.Column("login_id", sa.String(128), primary_key=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("generation", sa.String(64), nullable=False),
        sa.Column("expires", sa.Float, nullable=False),
    )
    op.create_index("ix_logins_username", "logins", ["username"])
    op.create_index("ix_logins_expires", "logins", ["expires"])
    op.create_table(
        "saved_lists",
        sa.Column("list_id", sa.String(16), primary_key=True),
        sa.Column("owner", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("purpose", sa.String(400), nullable=False),
        sa.Column("filters", sa.JSON, nullable=False),
        sa.Column("saved_at", sa.String(40), nullable=False),
        sa.Column("snapshot_id", sa.String(200), nullable=False),
        sa.Column("as_of", sa.String(20), nullable=False),
    )
    op.create_index("ix_saved_lists_owner", "saved_lists", ["owner"])
    op.create_table(
        "terms",
        sa.Column("username", sa.String(64), primary_key=True),
        sa.Column("version", sa.String(40), nullable=False),
        sa.Column("accepted_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("time", sa.String(40), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("details", sa.Text, nullable=False),
        sa.Column("prev", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_audit_log_action", "audit_log", ["action"])
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("mac", sa.String(64), nullable=False),
    )
    op.create_table(
        "imports",
        sa.Column("source", sa.String(500), primary_key=True),
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("imported_at", sa.Float, nullable=False),
    )


def downgrade() -> None:
    for table in ("imports", "audit_head", "audit_log", "terms", "saved_lists", "logins", "login_attempts", "users"):
        op.drop_table(table)
