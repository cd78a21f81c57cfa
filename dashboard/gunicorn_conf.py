"""gunicorn settings the Procfile loads (`-c python:dashboard.gunicorn_conf`): no Server header."""

from gunicorn.http import wsgi

# gunicorn 27 has no setting for its `Server: gunicorn` header, which tells a scanner what to
# try; its responses build their first lines in default_headers, so we drop that one line.
_default_headers = wsgi.Response.default_headers


def _without_server(self):
    """gunicorn's own first header lines, less `Server:`."""
    return [line for line in _default_headers(self) if not line.startswith("Server:")]


wsgi.Response.default_headers = _without_server
