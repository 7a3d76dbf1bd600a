"""text_band: locality-sensitive band keys of comment texts, to find copies by index;
drops comment.text_fingerprint (a SimHash that had to be compared row by row)

Revision ID: 5e2b9c7d1a03
Revises: c41d5e8a7f20
Create Date: 2026-11-25 06:35:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "5e2b9c7d1a03"
down_revision = "c41d5e8a7f20"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "text_band",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("comment_id", sa.String(length=36), nullable=False),
        sa.Column("key", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["comment_id"], ["comment.id"],
                                name=op.f("fk_text_band_comment_id_comment")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_text_band")),
    )
    with op.batch_alter_table("text_band", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_text_band_comment_id"), ["comment_id"],
                              unique=False)
        batch_op.create_index("ix_text_band_key_created_at", ["key", "created_at"],
                              unique=False)
    with op.batch_alter_table("comment", schema=None) as batch_op:
        batch_op.drop_column("text_fingerprint")


def downgrade():
    with op.batch_alter_table("comment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("text_fingerprint", sa.BigInteger(), nullable=True))
    with op.batch_alter_table("text_band", schema=None) as batch_op:
        batch_op.drop_index("ix_text_band_key_created_at")
        batch_op.drop_index(batch_op.f("ix_text_band_comment_id"))
    op.drop_table("text_band")
