"""The adapter side of ``kieswet-adapter@1``: read requests, answer them, until ``stop``.

An adapter written in Python needs only a name, a version, its capabilities and a function
from one ``Case`` to its ``Answer``; ``serve`` does the rest. An exception in that function
becomes an ``errored`` answer for that case (the adapter keeps going).
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterable
from typing import IO

from conformance.protocol import (
    PROTOCOL,
    Answer,
    Capabilities,
    Case,
    ProtocolError,
    Run,
    Start,
    Started,
    Stopped,
    decode_request,
    encode,
)

Handler = Callable[[Case], Answer]

EXIT_OK = 0
EXIT_PROTOCOL = 2


def answer_batch(cases: Iterable[Case], handle: Handler) -> Iterable[str]:
    """The answer lines for one batch, in order; an exception becomes ``errored``."""
    for case in cases:
        try:
            answer = handle(case)
        except Exception as exc:  # the implementation failed on this case, not the adapter
            answer = Answer(case.id, "errored", message=f"{type(exc).__name__}: {exc}")
        yield encode(answer)


def serve(
    name: str,
    version: str,
    capabilities: Capabilities,
    handle: Handler,
    stdin: IO[str] | None = None,
    stdout: IO[str] | None = None,
) -> int:
    """Speak the protocol on ``stdin``/``stdout`` until ``stop`` or end of input.

    Returns the exit status: 0 after ``stop`` (or end of input), 2 on a malformed request or a
    protocol version it does not speak (explained on standard error).
    """
    source = sys.stdin if stdin is None else stdin
    sink = sys.stdout if stdout is None else stdout
    # The modules loaded so far live as long as the adapter: keep them out of the cyclic
    # garbage collector's full scans, which otherwise revisit them while cases are answered.
    gc.freeze()
    for line in source:
        if not line.strip():
            continue
        try:
            request = decode_request(line)
        except ProtocolError as exc:
            print(f"{name}: {exc}", file=sys.stderr)
            return EXIT_PROTOCOL
        if isinstance(request, Start):
            if request.protocol != PROTOCOL:
                print(
                    f"{name}: the runner speaks {request.protocol!r}; this adapter speaks "
                    f"{PROTOCOL!r}",
                    file=sys.stderr,
                )
            sink.write(encode(Started(name, version, capabilities)))
        elif isinstance(request, Run):
            sink.writelines(answer_batch(request.cases, handle))
        else:
            sink.write(encode(Stopped()))
            sink.flush()
            return EXIT_OK
        sink.flush()
    return EXIT_OK
