"""Messages for people: why a file could not be read, without ``[Errno 2]`` and the repeated
file name that ``str(OSError)`` carries."""

from __future__ import annotations


def why(exc: BaseException) -> str:
    """``FileNotFoundError(2, "No such file or directory", "x.json")`` → ``"no such file or
    directory"``; a ``UnicodeDecodeError`` → ``"not UTF-8 text (byte 12)"``; anything else its
    own text."""
    if isinstance(exc, UnicodeDecodeError):
        return f"not UTF-8 text (byte {exc.start})"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror[:1].lower() + exc.strerror[1:]
    return str(exc)
