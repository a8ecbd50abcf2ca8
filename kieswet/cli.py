"""The ``kieswet`` command: one sub-command per job; ``kieswet COMMAND --help`` explains each.

Sub-commands are imported only when they run: ``kieswet allocate`` does not pay for the XML
libraries of ``kieswet result`` or the Hypothesis of ``kieswet conformance fuzz``. The table
below is the one place that lists them; ``tests/test_cli.py`` checks that each module's own
parser carries the same one-line summary.
"""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys
from collections.abc import Sequence

EXIT_OK = 0
EXIT_DIFFERENCES = 1
EXIT_USAGE = 2
EXIT_NEEDS_LOT = 3
EXIT_INTERNAL = 70  # EX_SOFTWARE of sysexits.h: a fault of ours, never a verdict
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what a shell reports for a tool stopped by Ctrl-C
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a tool killed by it

COMMANDS: dict[str, tuple[str, str]] = {
    "allocate": ("kieswet.allocate_cmd", "allocate seats with a full trace"),
    "check": ("kieswet.check_cmd", "check a result against the specification (rule by rule)"),
    "vectors": (
        "kieswet.vectors_cmd",
        "build or verify the conformance vector suite, or test a judge on its wrong answers",
    ),
    "result": (
        "kieswet.result_cmd",
        "seats and elected candidates from EML_NL 110a + 230b + 510d; writes the 520",
    ),
    "hash": (
        "kieswet.hash_cmd",
        "hash code (SHA-256) of a file as on a proces-verbaal, or check typed groups",
    ),
    "totalise": (
        "kieswet.totalise_cmd",
        "total counts up the chain and check them (JSON, or a directory of EML 510)",
    ),
    "adapter": ("kieswet.adapter_cmd", "speak the adapter protocol (for kieswet conformance run)"),
    "conformance": (
        "kieswet.conformance_cmd",
        "run an implementation through the conformance suite",
    ),
}
"""Sub-command → (module with ``register(commands)``, one-line summary for ``kieswet --help``)."""


def _chosen(argv: Sequence[str]) -> str | None:
    """The sub-command named on the command line (the first argument not an option), if any."""
    for arg in argv:
        if not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; with ``argv``, only the sub-command it names is imported and fully built
    (the others appear with their summaries). Without ``argv`` every sub-command is built."""
    parser = argparse.ArgumentParser(
        prog="kieswet",
        description=(
            "Reference implementation of Dutch Kieswet seat allocation and totalisation: "
            "seats with a full trace (P 5 - P 19a, districts, Eerste Kamer), the executable "
            "specification, the conformance suite, totalisation and EML_NL."
        ),
        epilog="Exit codes: 0 success, 1 a check found differences, 2 invalid input or usage, "
        "3 a lot must be drawn, 70 internal error (please report), 130 interrupted.",
    )
    parser.add_argument("--version", action="version", version=f"kieswet {version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    chosen = None if argv is None else _chosen(argv)
    for name, (module, summary) in COMMANDS.items():
        if argv is None or name == chosen:
            importlib.import_module(module).register(commands)
        else:
            commands.add_parser(name, help=summary)
    return parser


def version() -> str:
    """The installed version of kieswet (``unknown`` when it is not installed)."""
    from importlib.metadata import version as installed

    try:
        return installed("kieswet")
    except Exception:  # not installed, or its metadata unreadable
        return "unknown"


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; its exit status. The status is the contract of docs/cli.md: a fault
    of ours is 70 with one line to report (never a traceback), Ctrl-C is 130."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    try:
        return _main(arguments)
    finally:
        if argv is None:  # the program itself: a Ctrl-C while it exits changes nothing now
            signal.signal(signal.SIGINT, signal.SIG_IGN)


def _main(arguments: list[str]) -> int:
    try:
        parser = build_parser(arguments)
        args = parser.parse_args(arguments)
        code: int = args.run(args)
        sys.stdout.flush()
    except BrokenPipeError:
        # the reader went away (``kieswet ... | head``): stop quietly, as Unix tools do; point
        # standard output at /dev/null so the interpreter's final flush does not fail again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        _say("kieswet: interrupted")
        return EXIT_INTERRUPTED
    except Exception as exc:  # the one place every fault of ours ends up
        if _interrupted(exc):  # Ctrl-C inside an import or a callback, wrapped by Python
            _say("kieswet: interrupted")
            return EXIT_INTERRUPTED
        try:
            detail = str(exc)[:200]
        except Exception:  # an error that cannot even say what it is
            detail = ""
        _say(
            f"kieswet: internal error, please report (kieswet {version()}, "
            f"{' '.join(['kieswet', *arguments])[:200]!r}): {type(exc).__name__}"
            + (f": {detail}" if detail else "")
        )
        if os.environ.get("KIESWET_TRACEBACK"):
            import traceback

            traceback.print_exc()
        return EXIT_INTERNAL
    return code


def _interrupted(exc: BaseException) -> bool:
    """Whether ``exc`` was caused by a Ctrl-C (a ``KeyboardInterrupt`` in its chain)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, KeyboardInterrupt):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def _say(message: str) -> None:
    """One line on standard error, even when standard error itself cannot take it all."""
    try:
        from kieswet.text import printable

        print(printable(message), file=sys.stderr)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
