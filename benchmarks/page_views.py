"""Page views per second with no cache help (issue 19's third target), for scale.py: four
connections, each view of /missions a filter nobody asked before, beside the tutorial app.

A project view is every panel callback of /missions the browser sends when the filters change
(captured by scale.py), for a mission and an end month no earlier view asked, so each card's
compute(), origins and figure are built afresh; the four connections each send views one after
another. A tutorial view is its one callback (three plotly.express figures over the whole
DataFrame: it caches nothing), for the same missions.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator

CONNECTIONS = 4


def first_asked_filters(missions: tuple[str, ...]) -> Iterator[dict]:
    """Filters nobody asked before: each mission with an end month from 2019-01 on (every one of
    the missions has its whole history before that, so no view is an empty page), 504 of them
    for seven missions, then the same with a start month, should a run need more."""
    for year, month in itertools.product(range(2019, 2025), range(1, 13)):
        for mission in missions:
            yield {"mission": mission, "to": f"{year}-{month:02d}"}
    for year, month in itertools.product(range(2000, 2006), range(1, 13)):
        for mission in missions:
            yield {"mission": mission, "from": f"{year}-{month:02d}"}


def send_panel(base: str, payload: dict, query: dict) -> None:
    """One captured panel callback, with the filter store set to `query`."""
    body = json.loads(json.dumps(payload))
    for item in body["inputs"]:
        if item.get("id") == "pk-filters":
            item["value"] = query
    request = urllib.request.Request(base + "/_dash-update-component",
                                     data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"panel callback answered {response.status} for {query}")


def views_per_second(view: Callable[[], None], seconds: float) -> tuple[float, int]:
    """Views completed per second over `seconds`, CONNECTIONS views at a time (each
    connection starts its next view when its last one is answered); and the count."""
    deadline = time.perf_counter() + seconds
    done = []
    errors: list[Exception] = []
    lock = threading.Lock()

    def connection() -> None:
        while time.perf_counter() < deadline:
            try:
                view()
            except Exception as error:  # noqa: BLE001 - reported after the run
                errors.append(error)
                return
            if time.perf_counter() <= deadline:
                with lock:
                    done.append(1)

    started = time.perf_counter()
    threads = [threading.Thread(target=connection) for _ in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise RuntimeError(f"a view failed: {errors[0]!r}")
    return len(done) / (min(time.perf_counter(), deadline) - started), len(done)


def project_views(base: str, payloads: list[dict], missions: tuple[str, ...],
                  seconds: float) -> tuple[float, int]:
    """/missions views per second, each for a filter nobody asked before."""
    filters = first_asked_filters(missions)
    lock = threading.Lock()

    def view() -> None:
        with lock:
            query = next(filters)
        for payload in payloads:
            send_panel(base, payload, query)

    return views_per_second(view, seconds)


def tutorial_views(callback: Callable[[str, str], float], base: str,
                   missions: tuple[str, ...], seconds: float) -> tuple[float, int]:
    """The tutorial app's views per second (one callback each), missions in turn."""
    cycle = itertools.cycle(missions)
    lock = threading.Lock()

    def view() -> None:
        with lock:
            mission = next(cycle)
        callback(base, mission)

    return views_per_second(view, seconds)
