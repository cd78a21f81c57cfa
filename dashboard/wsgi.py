"""The WSGI entry point for gunicorn (`dashboard.wsgi:server`); builds the app on import."""

import gc

from dashboard.app import create_app
from dashboard.memory import keep_heap_small

app = create_app()
server = app.server
keep_heap_small(server)
# What the app set up (modules, layouts, lookups: some 300,000 objects) lives as long as the
# worker. Left out of Python's full garbage collections, which otherwise walk it all: about
# 140 ms, once every dozen page builds, against 2-3 ms frozen (benchmarks/README.md, issue 19).
gc.freeze()
