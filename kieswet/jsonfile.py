"""Shared by the commands that read EML and JSON files: reading a JSON file named on the
command line, and the ``--max-bytes`` option that limits the size of every input file."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from kieswet.eml import Limits
from kieswet.messages import why


def read_json(path: str) -> tuple[object, str | None]:
    """The decoded document of ``path`` and ``None``; or ``None`` and one message naming the
    file and what is wrong with it (unreadable, not UTF-8, malformed or too deeply nested)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, f"cannot read {path}: {why(exc)}"
    try:
        return json.loads(text), None
    except json.JSONDecodeError as exc:
        return None, f"{path}: malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
    except RecursionError:
        return None, f"{path}: JSON nested too deeply"


def add_max_bytes(parser: argparse.ArgumentParser) -> None:
    """``--max-bytes N``: refuse input files larger than N bytes (the EML reading limit)."""
    parser.add_argument(
        "--max-bytes",
        type=int,
        default=Limits().max_bytes,
        metavar="N",
        help=f"refuse input files larger than N bytes (default {Limits().max_bytes:,})",
    )
