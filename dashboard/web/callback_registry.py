"""Callbacks declared once and attached to every app that create_app builds.

Dash's global `@callback` hands its registrations to the first app that serves a request and
then forgets them, so a second app in the same process (the tests make many) would have no
callbacks at all. Declaring them here and attaching them per app avoids that.
"""

from __future__ import annotations

from collections.abc import Callable

import dash

_DECLARED: dict[tuple[str, str], tuple[tuple, dict, Callable]] = {}


def app_callback(*args, **kwargs) -> Callable[[Callable], Callable]:
    """Like `dash.callback`, but kept for every app (page modules may be imported again)."""

    def declare(function: Callable) -> Callable:
        _DECLARED[(function.__module__, function.__qualname__)] = (args, kwargs, function)
        return function

    return declare


def app_clientside_callback(function: str | dash.ClientsideFunction, *args, **kwargs) -> None:
    """Like `dash.clientside_callback` (`function` is JavaScript source, or a function an
    assets/ script defines), kept for every app."""
    # A function in assets/ may serve several callbacks: the outputs tell them apart.
    key = function if isinstance(function, str) else (
        function.namespace, function.function_name, repr(args))
    _DECLARED[("clientside", key)] = (args, kwargs, function)


def attach_callbacks(app: dash.Dash) -> None:
    for args, kwargs, function in _DECLARED.values():
        if isinstance(function, str | dash.ClientsideFunction):
            app.clientside_callback(function, *args, **kwargs)
        else:
            app.callback(*args, **kwargs)(function)
