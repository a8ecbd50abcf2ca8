"""``--jobs N`` of ``kieswet allocate --batch`` and ``kieswet totalise DIR``: how many worker
processes (docs/cli.md, docs/performance.md)."""

from __future__ import annotations

import argparse
import os


def jobs(text: str) -> int:
    """A whole number of at least 1, or ``auto``: the processor cores this process may use."""
    if text == "auto":
        if hasattr(os, "sched_getaffinity"):
            return max(1, len(os.sched_getaffinity(0)))
        return os.cpu_count() or 1
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number or auto: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value
