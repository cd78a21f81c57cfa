"""Serving: server set-up, callback registry, request context, page cache, the API, shared ids."""
