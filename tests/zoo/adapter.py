"""The zoo engine as a ``kieswet-adapter@1`` adapter (docs/adapter-protocol.md).

Usage: ``python tests/zoo/adapter.py [BUG]`` (or the environment variable ``ZOO_BUG``): with
no bug the engine of ``tests/zoo/engine.py`` as it is meant to be, with a name from
``engine.BUGS`` that one mistake switched on. It claims the ``allocate`` operation only, for
the kinds the engine supports, law ``current`` and profile ``default``.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository root

from tests.zoo.engine import BUGS, SUPPORTED_KINDS, answer

PROTOCOL = "kieswet-adapter@1"


def reply(case: dict[str, Any], bugs: frozenset[str]) -> dict[str, Any]:
    key = case.get("id")
    if case.get("operation") != "allocate":
        return {"type": "result", "id": key, "status": "skipped", "message": "only allocate"}
    try:
        status, result = answer(case.get("input"), bugs)
    except Exception as exc:  # an engine fault is reported, never hidden
        return {"type": "result", "id": key, "status": "errored", "message": repr(exc)}
    if isinstance(result, str):
        return {"type": "result", "id": key, "status": status, "message": result}
    return {"type": "result", "id": key, "status": status, "result": result}


def main(argv: list[str]) -> int:
    bug = argv[1] if len(argv) > 1 else os.environ.get("ZOO_BUG", "")
    if bug and bug not in BUGS:
        print(f"unknown bug {bug!r}; known: {', '.join(BUGS)}", file=sys.stderr)
        return 2
    bugs = frozenset([bug]) if bug else frozenset()
    out = sys.stdout
    for line in sys.stdin:
        message = json.loads(line)
        kind = message.get("type")
        if kind == "start":
            started = {
                "type": "started",
                "protocol": PROTOCOL,
                "name": f"zoo-{bug}" if bug else "zoo",
                "version": "1",
                "capabilities": {
                    "operations": ["allocate"],
                    "kinds": list(SUPPORTED_KINDS),
                    "laws": ["current"],
                    "profiles": ["default"],
                    "candidates": True,
                    "lots": True,
                },
            }
            out.write(json.dumps(started) + "\n")
        elif kind == "run":
            for case in message.get("cases", []):
                out.write(json.dumps(reply(case, bugs), separators=(",", ":")) + "\n")
        elif kind == "stop":
            out.write(json.dumps({"type": "stopped"}) + "\n")
            out.flush()
            return 0
        out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
