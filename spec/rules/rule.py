"""A rule of the Kieswet as a predicate, and what it finds: ``Rule`` and ``Violation``.

Kieswet (BWBR0004627), consolidated text of 2026-01-01
(https://wetten.overheid.nl/BWBR0004627/2026-01-01). Every rule of ``spec.rules`` is a ``Rule``:
its stable id, the article it states, one plain sentence, and a check that reads a ``Context``
(the election and what the result claims) and yields one message per violation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spec.rules.context import Context


@dataclass(frozen=True, slots=True)
class Violation:
    """One broken rule: its id, its article and what is wrong, in words a person can check."""

    rule_id: str
    article: str
    message: str


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule of the Kieswet as a predicate: ``check`` yields one message per violation."""

    id: str
    article: str
    statement: str
    check: Callable[[Context], Iterable[str]]

    def run(self, ctx: Context) -> list[Violation]:
        return [Violation(self.id, self.article, message) for message in self.check(ctx)]
