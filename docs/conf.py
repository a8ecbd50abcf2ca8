"""Sphinx configuration for the kieswet documentation (Markdown pages via myst-parser).

Build with ``python -m sphinx -W --keep-going -b html docs docs/_build/html``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # autodoc imports spec/ and reference/ from this checkout

project = "kieswet"
author = "the kieswet project"
copyright = "the kieswet project; EUPL-1.2"
release = "0.1.0"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]

# Markdown: anchors for headings up to level 3 so pages can link to sections
# ("interpretation.md#law-versions"); ``colon_fence`` for ":::{note}" blocks.
myst_heading_anchors = 3
myst_enable_extensions = ["colon_fence", "deflist"]

# autodoc: the modules are documented by their own docstrings, in source order. Type hints
# go into the description rather than the signature, which keeps long ``Literal`` aliases
# readable. Each object is documented once, in the module that defines it
# (``imported-members`` stays off), so the frozen dataclasses of spec.model that
# interchange.allocation and reference.* import give no duplicate-object warnings.
# ``undoc-members`` stays off as well: the dataclass fields (documented as constructor
# parameters with their types) would otherwise each become an object, and the many fields
# named ``list`` make every ``list[...]`` type hint an ambiguous cross-reference.
autodoc_default_options = {
    "members": True,
    "member-order": "bysource",
}
autodoc_typehints = "description"
autodoc_preserve_defaults = True
nitpicky = False

html_theme = "alabaster"
html_title = "kieswet: reference implementation of Dutch Kieswet seat allocation"
html_theme_options = {
    "description": "Seat allocation P 5 - P 19a, exactly, with a trace",
    "fixed_sidebar": True,
}


# The generated blocks of traceability.md and spec.md (the traceability matrix, the rule
# catalogue) are kept empty in the repository and filled here, from the sources, as each page
# is read: the built site always shows what the code says now, and no generated text is
# committed.
_GENERATED_PAGES = {"traceability", "spec"}


def _fill_generated_blocks(app: object, docname: str, source: list[str]) -> None:
    if docname in _GENERATED_PAGES:
        from conformance.traceability import refreshed

        source[0] = refreshed(source[0])


def setup(app: object) -> None:
    app.connect("source-read", _fill_generated_blocks)  # type: ignore[attr-defined]
