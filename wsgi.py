"""WSGI entry point: `gunicorn wsgi:app` (see gunicorn.conf.py) or `flask --app wsgi ...`."""
from moderation import create_app

app = create_app()
