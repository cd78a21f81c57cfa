"""Background work yields the CPU to page requests: exports run at a lower scheduling
priority (Linux nice), for the rendering thread and for the Chromium processes it drives."""

from __future__ import annotations

import os
import threading
from pathlib import Path

BACKGROUND_NICE = 10  # page callbacks stay at 0; 10 gives them most of a contended core


def lower_this_thread() -> None:
    """On Linux a nice value belongs to a thread; processes it starts inherit it."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICE)
    except (AttributeError, OSError):  # not Linux, or not allowed: run at normal priority
        pass


def lower_child_processes(name_part: str = "chrom") -> int:
    """Renice every descendant process whose name contains `name_part` (the browser kaleido
    started and its helpers); returns how many were lowered."""
    children: dict[int, list[int]] = {}
    names: dict[int, str] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        pid = int(stat.parent.name)
        # "pid (comm) state ppid ...": comm may contain spaces, so split after the last ")".
        names[pid] = text[text.index("(") + 1:text.rindex(")")]
        parent = int(text[text.rindex(")") + 2:].split()[1])
        children.setdefault(parent, []).append(pid)
    lowered, waiting = 0, list(children.get(os.getpid(), []))
    while waiting:
        pid = waiting.pop()
        waiting.extend(children.get(pid, []))
        if name_part in names.get(pid, ""):
            try:
                os.setpriority(os.PRIO_PROCESS, pid, BACKGROUND_NICE)
                lowered += 1
            except OSError:
                pass
    return lowered
