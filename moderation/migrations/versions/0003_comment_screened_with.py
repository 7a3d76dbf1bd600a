"""comment.screened_with: the fingerprint of the last rescreen that screened a comment

Revision ID: 9b3e7f41c2d8
Revises: 5d1c2a9e0b7f
Create Date: 2026-11-25 06:10:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "9b3e7f41c2d8"
down_revision = "5d1c2a9e0b7f"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("comment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("screened_with", sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table("comment", schema=None) as batch_op:
        batch_op.drop_column("screened_with")
