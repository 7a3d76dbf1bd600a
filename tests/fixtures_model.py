"""Fixtures for the screening engine: a tiny model trained once per session."""
