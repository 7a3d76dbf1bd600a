"""The demo article page."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("site", __name__)
