"""settings_change log for dashboard edits; comment (created_at, id) index for the All queue

Revision ID: 5d1c2a9e0b7f
Revises: 74b45c059230
Create Date: 2026-11-25 06:20:00.000000

"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = "5d1c2a9e0b7f"
down_revision = "74b45c059230"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "settings_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("area", sa.String(length=50), nullable=False),
        sa.Column("action", sa.String(length=50), nullable=False),
        sa.Column("detail", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
                  nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_settings_change")),
    )
    with op.batch_alter_table("settings_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_settings_change_at"), ["at"], unique=False)
    with op.batch_alter_table("comment", schema=None) as batch_op:
        batch_op.create_index("ix_comment_created_at_id", ["created_at", "id"], unique=False)


def downgrade():
    with op.batch_alter_table("comment", schema=None) as batch_op:
        batch_op.drop_index("ix_comment_created_at_id")
    with op.batch_alter_table("settings_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_settings_change_at"))
    op.drop_table("settings_change")
