"""Signals for the tests that stop a command the way a user at a terminal would."""

from __future__ import annotations

import signal


def ctrl_c_as_at_a_terminal() -> None:
    """``preexec_fn`` for a command a test will stop with SIGINT: the default disposition, as a
    command typed at a terminal has it. A test run started in the background by a
    non-interactive shell (``bash .ci/run &``, nohup) passes SIGINT on *ignored*, and an
    interpreter that starts with it ignored rightly keeps ignoring Ctrl-C, so without this such
    a test would see the command run to its end."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
