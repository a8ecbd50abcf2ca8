"""The traceability matrix: every rule of ``spec.rules``, traced to where it lives and is tested.

Generated from the sources each time, never maintained by hand. One row per rule of
``spec.rules.RULES``, in that order:

- the **article** the rule states (Kieswet, BWBR0004627, consolidated text of 2026-01-01);
- the **predicate**: the module and qualified name of the rule's check in ``spec/``;
- the **reference functions**: every function or method in ``reference/*.py`` whose own
  docstring cites one of the rule's articles (see *citations* below), or, for a rule listed in
  ``SPEC_ONLY``, the reason no single function of the engine implements it;
- the **tests**: every test function in ``tests/test_*.py`` whose source (docstring, body or
  decorators) names the rule id;
- the **vectors**: every test case in ``conformance/vectors/**/*.json`` whose ``rules`` field
  names the rule id or whose ``articles`` field cites one of the rule's articles.

A rule with neither a test nor a vector is a **gap**. ``tests/test_traceability.py`` fails on a
gap, on a rule that maps to no reference function without being spec-only, and on a stale
``docs/traceability.md``.

Citations. An article citation is a chapter letter and number (``P 8``, ``P 19a``, ``Q 3``),
optionally with a paragraph (``P 8 lid 2``, ``P 15 lid 1-2``); ``P 6 - P 10`` (hyphen or en
dash) is the range P 6, P 7, ..., P 10. Numbers are whole tokens: ``P 1`` never matches
``P 10`` or ``P 19a``, and ``P 19`` never matches ``P 19a``. Two citations match when they name
the same article and either names no paragraph or their paragraphs overlap: a function that
cites ``P 8`` implements every paragraph of P 8; one that cites ``P 8 lid 1-2`` does not
implement ``P 8 lid 4``.

Run ``python -m conformance.traceability --markdown`` for the matrix and its gaps as Markdown
(exit status 1 when there is a gap). The documentation build fills the generated blocks of
``docs/traceability.md`` and ``docs/spec.md`` (``docs/conf.py``); ``--clear-docs`` empties them
again, the form in which the repository keeps them.
"""

from __future__ import annotations

import argparse
import ast
import inspect
import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from spec.rules import RULES, Rule

ROOT = Path(__file__).resolve().parent.parent
"""The repository root (``reference/``, ``tests/`` and ``conformance/vectors/`` are read there)."""

SPEC_ONLY: dict[str, str] = {
    "FORMAT-result": (
        "the form of the result document; the engine writes it in interchange.allocation"
    ),
    "RESULT-status": "the status of a whole result (completed, needs_lot, rejected)",
    "SEATS-total": "a consistency condition over the whole result, not one computation",
    "STEPS-consistent": "a consistency condition between a result's steps and its seats",
}
"""Rules no single function of the engine implements, with the reason (consistency rules)."""

_CITATION = re.compile(
    r"(?<![\w])(?P<chapter>Pa|P|Q|U) (?P<number>\d+)(?P<suffix>[a-z]?)(?![\w])"
    r"(?: lid (?P<lid>\d+)(?:\s*[-–]\s*(?P<lid_end>\d+))?)?"
    r"(?:\s*[-–]\s*(?P=chapter) (?P<end>\d+)(?P<end_suffix>[a-z]?)(?![\w]))?"
)


@dataclass(frozen=True, slots=True)
class Citation:
    """One cited article, e.g. ``P 8`` with paragraphs ``{2}``, or ``P 19a`` (all paragraphs)."""

    article: str
    paragraphs: frozenset[int] | None = None

    def matches(self, other: Citation) -> bool:
        if self.article != other.article:
            return False
        if self.paragraphs is None or other.paragraphs is None:
            return True
        return bool(self.paragraphs & other.paragraphs)


def citations(text: str) -> frozenset[Citation]:
    """Every article ``text`` cites, ranges expanded (``P 6 - P 10`` is P 6, P 7, ..., P 10)."""
    found: set[Citation] = set()
    for m in _CITATION.finditer(text):
        chapter, number = m["chapter"], int(m["number"])
        paragraphs: frozenset[int] | None = None
        if m["lid"] is not None:
            last = int(m["lid_end"] or m["lid"])
            paragraphs = frozenset(range(int(m["lid"]), last + 1))
        found.add(Citation(f"{chapter} {number}{m['suffix']}", paragraphs))
        if m["end"] is not None:
            end = int(m["end"])
            found.update(Citation(f"{chapter} {n}") for n in range(number + 1, end + 1))
            if m["end_suffix"]:
                found.add(Citation(f"{chapter} {end}{m['end_suffix']}"))
    return frozenset(found)


def cites(text_citations: Iterable[Citation], wanted: Iterable[Citation]) -> bool:
    """Whether any of ``text_citations`` matches any of ``wanted``."""
    wanted = tuple(wanted)
    return any(c.matches(w) for c in text_citations for w in wanted)


# --------------------------------------------------------------------------- the sources


@dataclass(frozen=True, slots=True)
class Documented:
    """A function (or method) and the docstring it was found with."""

    name: str
    docstring: str


def reference_functions(root: Path = ROOT) -> list[Documented]:
    """Every function and method in ``reference/*.py`` that has a docstring, in source order."""
    found: list[Documented] = []
    for path in sorted((root / "reference").glob("*.py")):
        module = f"reference.{path.stem}"
        tree = ast.parse(path.read_text("utf-8"))
        for node in tree.body:
            members = node.body if isinstance(node, ast.ClassDef) else [node]
            prefix = f"{node.name}." if isinstance(node, ast.ClassDef) else ""
            for member in members:
                if isinstance(member, ast.FunctionDef | ast.AsyncFunctionDef):
                    doc = ast.get_docstring(member)
                    if doc:
                        found.append(Documented(f"{module}.{prefix}{member.name}", doc))
    return found


NOT_A_RULE_TEST = "# traceability: names rules only"


@dataclass(frozen=True, slots=True)
class TracedTest:
    """A test function (``tests/test_x.py::test_y``) and its source text."""

    name: str
    source: str


def collect_tests(root: Path = ROOT) -> list[TracedTest]:
    """Every ``test_*`` function in ``tests/test_*.py`` with its decorators, docstring and body.

    ``tests/test_traceability.py`` is left out: it tests this matrix, not a rule. So is a test
    whose source carries the marker ``# traceability: names rules only`` (a test of the rule
    table itself, which names rule ids without exercising them).
    """
    found: list[TracedTest] = []
    for path in sorted((root / "tests").glob("test_*.py")):
        if path.name == "test_traceability.py":
            continue
        text = path.read_text("utf-8")
        lines = text.splitlines()
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                source = "\n".join(lines[first - 1 : node.end_lineno])
                if NOT_A_RULE_TEST in source:
                    continue
                found.append(TracedTest(f"tests/{path.name}::{node.name}", source))
    return found


@dataclass(frozen=True, slots=True)
class VectorCase:
    """One test case of a vector file: where it is, and the rules and articles it lists."""

    name: str
    rules: tuple[str, ...]
    articles: tuple[str, ...]


def _strings(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(item for item in value if isinstance(item, str))
    return ()


def _cases(value: object, where: str) -> Iterator[VectorCase]:
    if isinstance(value, dict):
        if "rules" in value or "articles" in value:
            ident = value.get("id", value.get("tcId"))
            name = where if ident is None else f"{where}#{ident}"
            yield VectorCase(name, _strings(value.get("rules")), _strings(value.get("articles")))
        for item in value.values():
            yield from _cases(item, where)
    elif isinstance(value, list):
        for item in value:
            yield from _cases(item, where)


def vector_cases(root: Path = ROOT) -> list[VectorCase]:
    """Every object with a ``rules`` or ``articles`` field in ``conformance/vectors/**/*.json``.

    A vector file that is not JSON raises: a corrupt suite must not pass for an empty one.
    """
    base = root / "conformance" / "vectors"
    found: list[VectorCase] = []
    for path in sorted(base.rglob("*.json")):
        relative = path.relative_to(root).as_posix()
        found.extend(_cases(json.loads(path.read_text("utf-8")), relative))
    return found


# --------------------------------------------------------------------------- the matrix


def predicate_name(rule: Rule) -> str:
    """The check's module and qualified name; a check made by a factory as ``factory("id")``."""
    check = rule.check
    module = getattr(check, "__module__", "?")
    qualname = getattr(check, "__qualname__", repr(check))
    if ".<locals>." in qualname and inspect.isfunction(check):
        factory = qualname.split(".<locals>.")[0]
        made_for = inspect.getclosurevars(check).nonlocals.get("rule_id")
        if isinstance(made_for, str):
            return f'{module}.{factory}("{made_for}")'
    return f"{module}.{qualname}"


_ID_BOUNDARY = r"(?<![\w.-]){}(?![\w-])"


def names_rule(text: str, rule_id: str) -> bool:
    """Whether ``text`` names ``rule_id`` as a whole id (``P15-threshold`` is not named by
    ``P15-threshold-strict``)."""
    return re.search(_ID_BOUNDARY.format(re.escape(rule_id)), text) is not None


@dataclass(frozen=True, slots=True)
class Row:
    """One rule, traced."""

    rule_id: str
    article: str
    statement: str
    predicate: str
    reference: tuple[str, ...]
    spec_only: str | None
    tests: tuple[str, ...]
    vectors: tuple[str, ...]

    @property
    def gap(self) -> bool:
        """Neither a test nor a vector exercises the rule."""
        return not self.tests and not self.vectors


def build(root: Path = ROOT, rules: Sequence[Rule] = RULES) -> list[Row]:
    """The matrix, one row per rule in the order of ``rules``."""
    functions = [(f, citations(f.docstring)) for f in reference_functions(root)]
    tests = collect_tests(root)
    vectors = [(v, citations(" ".join(v.articles))) for v in vector_cases(root)]
    rows: list[Row] = []
    for rule in rules:
        wanted = citations(rule.article)
        spec_only = SPEC_ONLY.get(rule.id)
        reference = () if spec_only else tuple(f.name for f, c in functions if cites(c, wanted))
        rows.append(
            Row(
                rule_id=rule.id,
                article=rule.article,
                statement=rule.statement,
                predicate=predicate_name(rule),
                reference=reference,
                spec_only=spec_only,
                tests=tuple(t.name for t in tests if names_rule(t.source, rule.id)),
                vectors=tuple(v.name for v, c in vectors if rule.id in v.rules or cites(c, wanted)),
            )
        )
    return rows


# --------------------------------------------------------------------------- Markdown


def _code(items: Iterable[str]) -> str:
    return ", ".join(f"`{item}`" for item in items)


def _short_test(name: str) -> str:
    return name.removeprefix("tests/")


def render_markdown(rows: Sequence[Row]) -> str:
    """The matrix as a Markdown table, then the gaps and the rules without a reference function."""
    out = [
        "| rule | article | predicate (`spec/`) | reference functions | tests | vectors |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        reference = f"spec-only: {row.spec_only}" if row.spec_only else _code(row.reference)
        tests = _code(_short_test(t) for t in row.tests)
        out.append(
            f"| `{row.rule_id}` | {row.article} | `{row.predicate}` | {reference or '-'} "
            f"| {tests or '-'} | {_code(row.vectors) or '-'} |"
        )
    out.append("")
    gaps = [row for row in rows if row.gap]
    out.append(f"**Gaps** (rules with neither a test nor a vector): {len(gaps)}.")
    out.append("")
    out.extend(f"- `{row.rule_id}` ({row.article})" for row in gaps)
    if gaps:
        out.append("")
    unmapped = [row for row in rows if not row.reference and not row.spec_only]
    out.append(
        f"**Unmapped** (rules with no reference function that are not spec-only): {len(unmapped)}."
    )
    out.extend(["", *(f"- `{row.rule_id}` ({row.article})" for row in unmapped)])
    return "\n".join(line for line in out).rstrip("\n")


CONSOLIDATION = "2026-01-01"
"""The consolidated text of the Kieswet the rules cite (wetten.overheid.nl, BWBR0004627)."""

_LAW = f"https://wetten.overheid.nl/BWBR0004627/{CONSOLIDATION}"
_ARTICLE = re.compile(r"\b(?P<chapter>Pa|P|U|Y|Na|N|O)\s?(?P<number>\d+[a-z]?)\b")


def article_url(chapter: str, number: str) -> str:
    """The consolidated text at the article: the anchors wetten.overheid.nl gives the articles
    of hoofdstuk P (paragraaf 2: P 5 - P 14, paragraaf 3: P 15 - P 19a) and hoofdstuk U
    (paragraaf 2: U 3 - U 14, paragraaf 3: U 15); other articles link to the text as a whole."""
    digits = int(re.sub(r"\D", "", number))
    if chapter == "P" and 5 <= digits <= 19:
        paragraph = 2 if digits <= 14 else 3
        return f"{_LAW}#AfdelingII_HoofdstukP_Paragraaf{paragraph}_ArtikelP{number}"
    if chapter == "U" and 3 <= digits <= 15:
        paragraph = 2 if digits <= 14 else 3
        return f"{_LAW}#AfdelingIII_HoofdstukU_Paragraaf{paragraph}_ArtikelU{number}"
    return _LAW


def linked_articles(article: str) -> str:
    """``article`` with each Kieswet article in it linked to the consolidated text."""
    if "pre-2017-12" in article:
        return article  # old law: not in the current consolidation
    return _ARTICLE.sub(
        lambda m: f"[{m[0]}]({article_url(m['chapter'], m['number'])})", article
    )


def render_catalogue(module: str, rules: Sequence[Rule] = RULES) -> str:
    """The rules whose predicate lives in ``module`` (e.g. ``spec.rules.quota``), for the docs."""
    out: list[str] = []
    for rule in rules:
        if rule.check.__module__ != module:
            continue
        out += [
            f"### {rule.id}",
            "",
            f"- **Rule id:** `{rule.id}`",
            f"- **Article:** {linked_articles(rule.article)} (consolidated {CONSOLIDATION})",
            f"- **Statement:** {rule.statement}",
            f"- **Predicate:** `{predicate_name(rule)}`",
            "",
        ]
    return "\n".join(out).rstrip("\n")


# --------------------------------------------------------------------------- generated blocks

_BLOCK = re.compile(
    r"^% BEGIN generated: (?P<key>[^\n]+)\n(?P<body>.*?)\n?% END generated: (?P=key)$",
    re.MULTILINE | re.DOTALL,
)
MATRIX_KEY = "traceability matrix"
CATALOGUE_PREFIX = "rules in "


def block_body(key: str, root: Path = ROOT) -> str:
    """The current text of the generated block named ``key``."""
    if key == MATRIX_KEY:
        return render_markdown(build(root))
    if key.startswith(CATALOGUE_PREFIX):
        return render_catalogue(key.removeprefix(CATALOGUE_PREFIX))
    raise KeyError(f"no generator for the block {key!r}")


def blocks(text: str) -> dict[str, str]:
    """The generated blocks of a page, by key, as they stand."""
    return {m["key"]: m["body"] for m in _BLOCK.finditer(text)}


def refreshed(text: str, root: Path = ROOT) -> str:
    """``text`` with every generated block replaced by its current body."""

    def replace(m: re.Match[str]) -> str:
        key = m["key"]
        return f"% BEGIN generated: {key}\n{block_body(key, root)}\n% END generated: {key}"

    return _BLOCK.sub(replace, text)


DOC_PAGES = ("traceability.md", "spec.md")
"""The pages under ``docs/`` whose generated blocks this module writes."""


def emptied(text: str) -> str:
    """``text`` with every generated block left empty: the form the pages are kept in."""
    return _BLOCK.sub(lambda m: f"% BEGIN generated: {m['key']}\n% END generated: {m['key']}", text)


def clear_docs(root: Path = ROOT) -> list[Path]:
    """Empty the generated blocks of ``DOC_PAGES`` (their content is built with the docs, not
    kept in the repository); return the pages that changed."""
    changed: list[Path] = []
    for name in DOC_PAGES:
        path = root / "docs" / name
        text = path.read_text("utf-8")
        new = emptied(text)
        if new != text:
            path.write_text(new, "utf-8")
            changed.append(path)
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m conformance.traceability",
        description="The traceability matrix: rule -> article -> predicate -> reference "
        "functions -> tests -> vectors. Exit status 1 when a rule has neither a test nor a "
        "vector.",
    )
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--markdown", action="store_true", help="print the matrix as Markdown")
    what.add_argument("--json", action="store_true", help="print one JSON line per rule")
    what.add_argument(
        "--clear-docs",
        action="store_true",
        help="empty the generated blocks of docs/traceability.md and docs/spec.md (the "
        "documentation build fills them: docs/conf.py)",
    )
    args = parser.parse_args(argv)
    if args.clear_docs:
        for path in clear_docs():
            print(f"cleared {path.relative_to(ROOT)}")
        return 0
    rows = build()
    if args.json:
        for row in rows:
            print(json.dumps(_row_json(row)))
    else:
        print(render_markdown(rows))
    return 1 if any(row.gap for row in rows) else 0


def _row_json(row: Row) -> dict[str, object]:
    return {
        "rule_id": row.rule_id,
        "article": row.article,
        "predicate": row.predicate,
        "reference": list(row.reference),
        "spec_only": row.spec_only,
        "tests": list(row.tests),
        "vectors": list(row.vectors),
        "gap": row.gap,
    }


if __name__ == "__main__":
    sys.exit(main())
