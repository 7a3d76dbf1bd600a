"""Security headers on every response the app sends, whatever blueprint (or none) built it.

The demo site and the dashboard set their own page policies; this layer fills in what a
response lacks, so JSON API answers, error pages, static files and blueprints that set
nothing (the Perspective admin pages, the ops endpoints) are covered too:

- `Content-Security-Policy`: only this origin's scripts and styles, never inline code,
  never framed (`frame-ancestors 'none'`): a comment that slips past escaping still
  cannot run a script in the moderator's browser.
- `X-Content-Type-Options: nosniff`: a JSON body holding `<script>` is never sniffed
  into HTML.
- `Referrer-Policy: same-origin`: dashboard URLs (comment ids, search terms) never leak
  to other sites.
- `X-Frame-Options: DENY`: frame-ancestors for browsers that predate CSP level 2.
"""
from __future__ import annotations

from flask import Flask, Response

__all__ = ["CONTENT_SECURITY_POLICY", "SECURITY_HEADERS", "init_app"]

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "object-src 'none'"
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def _add_security_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def init_app(app: Flask) -> None:
    """Add the headers after every request (blueprint policies, set first, are kept)."""
    app.after_request(_add_security_headers)
