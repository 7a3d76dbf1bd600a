"""The screening pipeline: normalize -> rules -> classifier -> policy -> Decision.

Pure Python: nothing here imports Flask or touches a database.
"""
from moderation.pipeline.types import (
    APPROVED,
    CATEGORIES,
    PENDING,
    REJECTED,
    Decision,
    Reason,
    ScreenContext,
    Span,
)

__all__ = [
    "APPROVED",
    "CATEGORIES",
    "PENDING",
    "REJECTED",
    "Decision",
    "Reason",
    "ScreenContext",
    "Span",
]
