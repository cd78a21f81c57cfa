"""Dash whose once-per-process server set-up has finished before any request is answered."""

from __future__ import annotations

import threading
from typing import Any

import dash


class SetUpOnceDash(dash.Dash):
    """Dash runs `_setup_server` before every request and returns early once a flag is set,
    but it sets the flag *before* doing the work (registering script paths, copying the
    callbacks). Under gunicorn's threads, the other first requests of a fresh worker see the
    flag, skip ahead and answer the page's scripts with HTTP 500 ("not a registered
    library"): a blank page for whoever reached that worker first. A lock makes them wait
    for the set-up instead. plotly/dash#3971 (open), fix proposed in plotly/dash#3980."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Before Dash's own __init__: it registers the bound _setup_server as a hook.
        self._setup_lock = threading.Lock()
        super().__init__(*args, **kwargs)

    def _setup_server(self) -> None:
        with self._setup_lock:
            super()._setup_server()
