"""Follow-up tasks and their status changes; village verification decisions.

Revision ID: 0010
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tasks",
        sa.Column("task_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kab_code", sa.String(4), nullable=False),
        sa.Column("kec_code", sa.String(6), nullable=True),
        sa.Column("finding_kind", sa.String(40), nullable=False),
        sa.Column("finding_key", sa.String(200), nullable=False),
        sa.Column("finding_label", sa.String(400), nullable=False),
        sa.Column("assignee_id", sa.String(40), nullable=False),
        sa.Column("assignee_role", sa.String(16), nullable=False),
        sa.Column("assignee_name", sa.String(200), nullable=False),
        sa.Column("due_date", sa.String(10), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("snapshot_id", sa.String(200), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_by", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
    )
    op.create_index("ix_tasks_kab_code", "tasks", ["kab_code"])
    op.create_index("ix_tasks_finding_key", "tasks", ["finding_key"])
    op.create_index("ix_tasks_assignee_id", "tasks", ["assignee_id"])
    op.create_table(
        "task_events",
        sa.Column("event_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("task_id", sa.Integer, sa.ForeignKey("tasks.task_id"), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("time", sa.String(40), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
    )
    op.create_index("ix_task_events_task_id", "task_events", ["task_id"])
    op.create_table(
        "verification_decisions",
        sa.Column("keluarga_id", sa.String(64), primary_key=True),
        sa.Column("kab_code", sa.String(4), nullable=False),
        sa.Column("desa_code", sa.String(10), nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("reason", sa.String(24), nullable=True),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("snapshot_id", sa.String(200), nullable=False),
        sa.Column("decided_by", sa.String(64), nullable=False),
        sa.Column("decided_at", sa.String(40), nullable=False),
    )
    op.create_index("ix_verification_decisions_kab_code", "verification_decisions", ["kab_code"])
    op.create_index("ix_verification_decisions_desa_code", "verification_decisions", ["desa_code"])


def downgrade() -> None:
    for table in ("verification_decisions", "task_events", "tasks"):
        op.drop_table(table)
