"""The screening pipeline: normalize -> rules -> classifier -> policy -> Decision.

Pure Python: nothing here imports Flask or touches a database.

`Screener` (and the numpy / scikit-learn stack behind it) is imported on first use, so
that importing the value types stays cheap.
"""
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from moderation.pipeline.screen import Screener

__all__ = [
    "APPROVED",
    "CATEGORIES",
    "PENDING",
    "REJECTED",
    "Decision",
    "Reason",
    "ScreenContext",
    "Screener",
    "Span",
]


def __getattr__(name: str) -> Any:
    if name == "Screener":
        from moderation.pipeline.screen import Screener

        return Screener
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
