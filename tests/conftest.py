"""Shared pytest fixtures. Fixture groups live in their own modules, loaded as plugins."""

pytest_plugins = ["fixtures_model", "fixtures_app", "fixtures_dashboard", "fixtures_browser"]
