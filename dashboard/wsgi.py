"""The WSGI entry point for gunicorn (`dashboard.wsgi:server`); builds the app on import."""

from dashboard.app import create_app

app = create_app()
server = app.server
