"""comment.text_fingerprint: SimHash of the normalized text, to find copies (context signals)

Revision ID: c41d5e8a7f20
Revises: 9b3e7f41c2d8
Create Date: 2026-11-25 06:50:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c41d5e8a7f20"
down_revision = "9b3e7f41c2d8"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("comment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("text_fingerprint", sa.BigInteger(), nullable=True))


def downgrade():
    with op.batch_alter_table("comment", schema=None) as batch_op:
        batch_op.drop_column("text_fingerprint")
