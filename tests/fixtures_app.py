"""Fixtures for the web service: app, client, runner, databases."""
