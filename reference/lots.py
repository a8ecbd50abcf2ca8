"""Lots (loting): the software never draws; it asks, and takes the drawn outcome as input.

Every decisive tie becomes a ``LotQuestion``. The supplied lots are consumed in order; a lot
that answers a different question than the one asked is an input error, as is a lot left over.
"""

from __future__ import annotations

from spec.model import Lot, LotQuestion


class LotNeeded(Exception):
    """Raised when a question has no supplied answer yet (becomes a *needs lot* result)."""

    def __init__(self, question: LotQuestion, lots_used: int) -> None:
        super().__init__(question.description)
        self.question = question
        self.lots_used = lots_used


class LotMismatch(Exception):
    """Raised when the next supplied lot does not answer the question asked: ``index`` is its
    place among the lots this box was given, ``reason`` what is wrong with it."""

    def __init__(self, index: int, reason: str) -> None:
        super().__init__(f"lots[{index}] {reason}")
        self.index = index
        self.reason = reason
        self.message = f"lots[{index}] {reason}"

    def named(self, field: str) -> str:
        """The message with the lot named as ``field`` (its place in a caller's own input)."""
        return f"{field} {self.reason}"


def _describe(lot: Lot | LotQuestion) -> str:
    """A lot or lot question in the words of the input format (an input error stays English:
    docs/testers-guide.md, "Taal"; the question's Dutch ``description`` is for the report)."""
    where = f" on list {lot.list}" if lot.list is not None else ""
    return f"a {lot.kind} lot between {list(lot.options)}{where}"


class LotBox:
    """Hands out the supplied lots in order, checking each against the question asked."""

    def __init__(self, lots: tuple[Lot, ...]) -> None:
        self._lots = lots
        self.used = 0

    def draw(self, question: LotQuestion) -> int:
        """The drawn outcome of the next supplied lot, if it answers ``question``.

        Lots decide ties for residual seats (P 7 lid 3, P 8 lid 4), the list that gives up a
        seat under P 9 (lid 2) and the order of candidates with equal votes (P 15 lid 1).
        """
        if self.used == len(self._lots):
            raise LotNeeded(question, self.used)
        lot = self._lots[self.used]
        if not question.matches(lot):
            raise LotMismatch(
                self.used,
                f"answers {_describe(lot)}, but the lot needed here is "
                f"{_describe(question)} ({question.article})",
            )
        self.used += 1
        return lot.drawn

    def check_all_used(self) -> None:
        if self.used < len(self._lots):
            raise LotMismatch(
                self.used,
                f"was not needed: this allocation asks for "
                f"{self.used} lot(s) and {len(self._lots)} were given",
            )
