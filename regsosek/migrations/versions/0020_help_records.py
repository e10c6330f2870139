"""CSR partners' help records (catatan bantuan).

Revision ID: 0020
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "help_records",
        sa.Column("record_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("partner", sa.String(64), nullable=False),
        sa.Column("keluarga_id", sa.String(64), nullable=False),
        sa.Column("kab_code", sa.String(4), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("help_date", sa.String(10), nullable=False),
        sa.Column("value_rupiah", sa.BigInteger, nullable=False),
        sa.Column("snapshot_id", sa.String(200), nullable=False),
        sa.Column("batch", sa.String(32), nullable=False),
        sa.Column("recorded_at", sa.String(40), nullable=False),
        sa.UniqueConstraint("partner", "keluarga_id", "kind", "help_date", name="uq_help_records_entry"),
    )
    op.create_index("ix_help_records_partner", "help_records", ["partner"])
    op.create_index("ix_help_records_keluarga_id", "help_records", ["keluarga_id"])
    op.create_index("ix_help_records_kab_code", "help_records", ["kab_code"])


def downgrade() -> None:
    op.drop_table("help_records")
