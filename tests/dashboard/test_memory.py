"""The web worker's C heap: malloc's arenas capped for its threads (dashboard.memory), seen in
glibc's own account of its heaps (malloc_info), in a fresh process each."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from dashboard.memory import ARENAS, _glibc

pytestmark = pytest.mark.skipif(_glibc() is None, reason="the arena cap is glibc's")

# Eight threads each allocating C memory at the same time, then glibc's count of its heaps
# (arenas), from malloc_info's XML.
THREADS_THEN_COUNT = textwrap.dedent("""
    import ctypes, os, sys, tempfile, threading
    from flask import Flask
    if sys.argv[1] == "capped":
        from dashboard.memory import keep_heap_small
        server = Flask("probe")
        keep_heap_small(server)
        assert server.test_client().get("/").status_code == 404  # it still answers
    libc = ctypes.CDLL("libc.so.6")
    libc.fopen.restype = ctypes.c_void_p
    libc.fopen.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    libc.fclose.argtypes = [ctypes.c_void_p]
    libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
    start = threading.Barrier(8)
    done = threading.Barrier(9)
    def work():
        start.wait()
        held = [libc.malloc(4096) for _ in range(2000)]  # at once in every thread
        done.wait()
        for block in held:
            libc.free(block)
    libc.malloc.restype = ctypes.c_void_p
    libc.free.argtypes = [ctypes.c_void_p]
    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    done.wait()
    for thread in threads:
        thread.join()
    path = tempfile.mktemp()
    stream = libc.fopen(path.encode(), b"w")
    libc.malloc_info(0, stream)
    libc.fclose(stream)
    print(open(path).read().count("<heap nr="))
    os.unlink(path)
""")


def heaps(mode: str) -> int:
    result = subprocess.run([sys.executable, "-c", THREADS_THEN_COUNT, mode],
                            capture_output=True, text=True, timeout=60, check=True)
    return int(result.stdout.split()[-1])


def test_a_worker_s_threads_share_at_most_the_capped_number_of_malloc_arenas():
    assert heaps("capped") <= ARENAS


def test_without_the_cap_the_same_threads_take_more_arenas():
    # The control: the probe does see arenas multiply when nothing caps them.
    assert heaps("uncapped") > ARENAS
