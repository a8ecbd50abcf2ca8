"""The Kieswet's seat-allocation rules as declarative predicates over (election, result).

Articles P 5 – P 10 (seats over lists) and P 15 – P 19a (candidates) of the Kieswet
(BWBR0004627), consolidated text of 2026-01-01, as this project reads them (docs/interpretation.md).
The Dutch *kiesdeler* is ``quota``; a list's *stemcijfer* is its ``votes``.

Each ``Rule`` has a stable id, its article, one plain sentence, and a check that names every
list, seat and exact value involved when the rule is broken. A result that records its steps is
replayed as stated (``spec.rules.replay``) and each step judged by the rule it is about. A result
without steps (a final-only result) is judged at full strength: ``spec.rules.lawful`` works out
the lawful outcome of the election from the plain rules, and ``spec.rules.final`` names the first
article where the claim departs from it; each rule reports the departures that break it.

One module per group of articles, to be read next to the law; each rule is a small function
whose docstring names its article and the consolidated text:

- ``base``: the quantities the articles define (P 5, P 6, P 7 lid 2, P 8 lid 2, P 15) and the
  words of the messages;
- ``rule``: ``Rule`` and ``Violation``;
- ``context``: the ``Context`` every rule reads (the election, the result's claim, and the facts
  derived from them);
- ``replay``: the result's own steps followed as stated (P 6 – P 10), in frozen records;
- ``lawful``: the lawful outcome of an election (P 6 – P 10 and the lots), seat by seat;
- ``final``: where a result without steps departs from that outcome, and under which rule;
- ``consistency``: the result as a whole (format, status, seat total, steps);
- ``quota``: P 5 and P 6;
- ``residual``: P 7 and P 8 (and bill 36 641);
- ``lots``: ties and lots (P 7 lid 3, P 8 lid 4, P 9 lid 2, P 15 lid 1);
- ``majority``: P 9;
- ``exhaustion``: P 10 (with P 19a), and Pa 25 (the kiescollege niet-ingezetenen);
- ``candidates``: P 15 – P 19a;
- ``eerste_kamer``: U 2 and U 3 (the stemwaarde and the weighted votes of the Eerste Kamer);
- ``groups``: lijstengroepen, stellen and (old law) lijstencombinaties: P 3, P 12, P 13,
  P 15 – P 19, old P 11 (they read a ``groups.DistrictContext`` and find nothing otherwise).

The imports point one way: ``base`` ← ``replay``, ``lawful`` ← ``final`` ← ``context`` ←
``rule`` ← the rule modules.

This package never imports ``reference/``: it is the independent formulation.
"""

from __future__ import annotations

from collections.abc import Mapping

from spec.rules import (
    candidates,
    consistency,
    eerste_kamer,
    exhaustion,
    group_candidates,
    groups,
    lots,
    majority,
    quota,
    residual,
)
from spec.rules.context import Context
from spec.rules.rule import Rule, Violation

__all__ = ["RULES", "RULES_BY_ID", "Context", "Rule", "Violation"]

RULES: tuple[Rule, ...] = (
    *consistency.DOCUMENT_RULES,
    *eerste_kamer.RULES,
    *quota.RULES,
    *consistency.TOTAL_RULES,
    *residual.RULES,
    *lots.RULES,
    *majority.RULES,
    *exhaustion.RULES,
    *candidates.RULES,
    *groups.RULES,
    *group_candidates.RULES,
)
"""Every rule, in the order ``spec.check.check`` runs them."""

RULES_BY_ID: Mapping[str, Rule] = {rule.id: rule for rule in RULES}
