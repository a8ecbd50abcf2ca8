"""An adapter that answers at once from a file of answer lines: the runner's speed alone.

``python benchmarks/instant_adapter.py [--decoding] FILE`` speaks ``kieswet-adapter@1``: FILE
holds its ``started`` line, then per case its id, a space and the line of its answer
(``benchmarks/conformance_run.py`` writes it, with the reference's answers computed before the
run). It imports nothing of kieswet, so it starts fast, and it finds the case ids in a ``run``
line without decoding the inputs, which it has no use for; with ``--decoding`` it decodes every
line whole first, as an adapter that computes must.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import orjson

CASE_ID = re.compile(rb'\{"id":"([^"\\]*)","operation":"')
"""Where a case begins in a ``run`` line as the runner writes it (compact JSON, ``id`` first):
a string inside an input cannot hold this text unescaped."""


def serve_answers(path: Path, decoding: bool) -> int:
    """Answer every case with its line from ``path``, until ``stop``. The file is read as the
    cases are asked (the runner asks in the order the file was written), so the adapter starts
    at once whatever its size."""
    source = path.open("rb")
    started = source.readline()
    ahead: dict[bytes, bytes] = {}

    def answer(key: bytes) -> bytes:
        while key not in ahead:
            line = source.readline()
            if not line:
                raise KeyError(key)
            got, _, rest = line.partition(b" ")
            ahead[got] = rest
        return ahead.pop(key)

    out = sys.stdout.buffer
    for line in sys.stdin.buffer:
        if decoding:
            message = orjson.loads(line)
            kind = message["type"]
            ids = [case["id"].encode() for case in message.get("cases", ())]
        elif line.startswith(b'{"type":"run",'):
            kind, ids = "run", CASE_ID.findall(line)
        else:
            kind, ids = orjson.loads(line)["type"], []
        if kind == "run":
            out.write(b"".join(answer(key) for key in ids))
        elif kind == "start":
            out.write(started)
        else:
            out.write(b'{"type":"stopped"}\n')
            out.flush()
            return 0
        out.flush()
    return 0


if __name__ == "__main__":
    decoding = sys.argv[1:2] == ["--decoding"]
    sys.exit(serve_answers(Path(sys.argv[-1]), decoding))
