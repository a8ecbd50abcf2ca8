"""The one error every EML_NL reader and writer raises: file, line, element and reason."""

from __future__ import annotations

from pathlib import Path

from interchange.eml.names import display_name


class EmlError(Exception):
    """Bad EML_NL input (or output that cannot be written), said in one line a person reads.

    ``str(error)`` reads ``FILE, line N, <Element>: reason`` (parts that are unknown left out).
    """

    def __init__(
        self,
        path: str | Path,
        reason: str,
        *,
        element: object = None,
        line: int | None = None,
    ) -> None:
        self.path = str(path)
        self.reason = reason
        self.element = display_name(element) if element is not None else None
        self.line = line if line and line > 0 else None
        super().__init__(str(self))

    def __reduce__(self) -> tuple[object, tuple[str, str, str | None, int | None]]:
        """Pickled as it is (``kieswet totalise --jobs`` reads files in worker processes)."""
        return _restore, (self.path, self.reason, self.element, self.line)

    def __str__(self) -> str:
        where = [self.path]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.element is not None:
            where.append(f"<{self.element}>")
        return ", ".join(where) + ": " + self.reason


def _restore(path: str, reason: str, element: str | None, line: int | None) -> EmlError:
    error = EmlError.__new__(EmlError)
    error.path, error.reason, error.element, error.line = path, reason, element, line
    Exception.__init__(error, str(error))
    return error
