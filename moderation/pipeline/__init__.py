"""The screening pipeline: normalize -> rules -> classifier -> policy -> Decision.

Pure Python: nothing here imports Flask or touches a database.

`Screener`, `message_for`, `detect_language` and `default_rules` (and the
numpy / scikit-learn stack behind some of them) are imported on first use, so that
importing the value types stays cheap.
"""
import importlib
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
    from moderation.pipeline.language import detect_language
    from moderation.pipeline.policy import message_for
    from moderation.pipeline.rules import default_rules
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
    "default_rules",
    "detect_language",
    "message_for",
]


#: Names imported on first use, and the module each comes from.
_LAZY = {
    "Screener": "moderation.pipeline.screen",
    "message_for": "moderation.pipeline.policy",
    "detect_language": "moderation.pipeline.language",
    "default_rules": "moderation.pipeline.rules",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
