"""Ctrl-C held back while files are renamed into place together.

Several outputs (the three reports of a run, the files of the vector suite, the files a
totalisation writes) are published by renaming staged files into place. An interrupt halfway
would leave a mix of old and new; :func:`uninterrupted` holds SIGINT back while the block runs
and raises ``KeyboardInterrupt`` after it, so the renames happen all or none.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def uninterrupted() -> Iterator[None]:
    """Ctrl-C (SIGINT) is held back while the block runs, and raised after it (only the main
    thread can handle signals; elsewhere the block just runs)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: caught.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt
