"""Validation against the Kiesraad's EML_NL XSD schemas, from a directory the user passes.

The schemas are not shipped (they are the Kiesraad's, EUPL-1.2; the user passes the
directory, e.g. ``xsd-v1.2.2``). They are compiled with ``xmlschema`` (XSD 1.0), which is
strict about the rules for deriving types by restriction, and the 510 schema breaks one:

``CandidateIdentifierStructure510`` (510-count-kiesraad-strict.xsd) restricts
``CandidateIdentifierStructureKR`` and declares its ``ShortCode`` attribute with type
``ShortCodeType`` (an NMTOKEN) and ``use="prohibited"``, while the base type declares that
attribute with type ``NameShortCodeType``. XSD 1.0 (§3.4.6, *Derivation Valid
(Restriction, Complex)*) requires a restricting attribute's type to derive from the base
attribute's type, which NMTOKEN does not. Since the attribute is prohibited, the type is never
used: the intent (no ``ShortCode`` attribute on a candidate in a 510) is clear.

So schemas are compiled in *lax* mode, and exactly that schema error is tolerated: any other
error while compiling refuses the schema directory. (libxml2 does not check that rule and
compiles the 510 schema without complaint.) Instances are parsed with the hardened parser of
:mod:`interchange.eml.secure` first, so validation adds no XML attack surface; the schemas are
read with ``allow="sandbox"`` (only files under the directory) and entities defused.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import xmlschema

from interchange.eml.errors import EmlError
from interchange.eml.secure import DEFAULT_LIMITS, Limits, parse_document

SCHEMA_FILES: Mapping[str, str] = {
    "110a": "110a-electionevent-kiesraad-strict.xsd",
    "110b": "110b-electionevent-kiesraad-strict.xsd",
    "230b": "230-candidatelist-kiesraad-strict.xsd",
    "510a": "510-count-kiesraad-strict.xsd",
    "510b": "510-count-kiesraad-strict.xsd",
    "510c": "510-count-kiesraad-strict.xsd",
    "510d": "510-count-kiesraad-strict.xsd",
    "520": "520-result-kiesraad-strict.xsd",
}
"""Message type → the schema file in the EML_NL schema directory."""

TOLERATED = (
    ("CandidateIdentifierStructure510", "Attribute type is not a restriction of the base"),
)
"""The schema errors tolerated when compiling: (type name, start of xmlschema's message)."""

_CACHE: dict[tuple[Path, str], xmlschema.XMLSchema10] = {}


def _tolerated(error: Exception) -> bool:
    if not isinstance(error, xmlschema.XMLSchemaParseError):
        return False
    elem = error.elem
    name = elem.get("name") if elem is not None else None
    return any(
        name == type_name and (error.message or "").startswith(message)
        for type_name, message in TOLERATED
    )


def load_schema(directory: str | Path, message_id: str) -> xmlschema.XMLSchema10:
    """The compiled schema for ``message_id`` from ``directory`` (cached per process)."""
    directory = Path(directory).resolve()
    name = SCHEMA_FILES.get(message_id)
    if name is None:
        raise EmlError(directory, f"no schema is known for message type {message_id!r}")
    key = (directory, name)
    if key in _CACHE:
        return _CACHE[key]
    location = directory / name
    if not location.is_file():
        raise EmlError(
            directory,
            f"{name} is not in this directory: pass the EML_NL schema directory (e.g. xsd-v1.2.2)",
        )
    try:
        schema = xmlschema.XMLSchema10(
            str(location), validation="lax", allow="sandbox", defuse="always"
        )
    except (xmlschema.XMLSchemaException, OSError, ValueError) as exc:
        raise EmlError(location, f"cannot compile the schema: {exc}") from None
    others = [error for error in schema.all_errors if not _tolerated(error)]
    if others:
        first = others[0]
        message = getattr(first, "message", str(first))
        raise EmlError(location, f"the schema has errors ({len(others)}), first: {message}")
    _CACHE[key] = schema
    return schema


def validate(
    path: str | Path,
    directory: str | Path,
    message_ids: tuple[str, ...] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    display: str | Path | None = None,
) -> str:
    """Validate the EML file at ``path`` against its schema in ``directory``.

    The message type is the root's ``Id`` (one of ``message_ids`` if given). Returns it;
    raises :class:`EmlError` with the first few violations (line, element, reason).
    ``display``: the name to use in errors (e.g. the final name of a temporary file).
    """
    shown = Path(display) if display is not None else Path(path)
    try:
        root, message_id = parse_document(path, message_ids or tuple(SCHEMA_FILES), limits)
    except EmlError as exc:
        raise EmlError(shown, exc.reason, element=exc.element, line=exc.line) from None
    schema = load_schema(directory, message_id)
    errors = []
    tree: Any = root  # an lxml element: xmlschema accepts it (ElementProtocol)
    resource = xmlschema.XMLResource(tree, allow="none")
    for error in schema.iter_errors(resource):
        errors.append(error)
        if len(errors) == 3:
            break
    if errors:
        first = errors[0]
        element = first.elem
        line = getattr(element, "sourceline", None)
        reasons = "; ".join(
            f"{e.reason or e.message}" + (f" (at {e.path})" if e.path else "") for e in errors
        )
        raise EmlError(
            shown,
            f"not valid against {SCHEMA_FILES[message_id]}: {reasons}",
            element=element.tag if element is not None else None,
            line=line if isinstance(line, int) else None,
        )
    return message_id
