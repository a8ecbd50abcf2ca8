"""Namespaces and qualified names of EML_NL (OASIS EML 5.0 as profiled by the Kiesraad)."""

from __future__ import annotations

EML_NS = "urn:oasis:names:tc:evs:schema:eml"
KR_NS = "http://www.kiesraad.nl/extensions"
XNL_NS = "urn:oasis:names:tc:ciq:xsdschema:xNL:2.0"
XAL_NS = "urn:oasis:names:tc:ciq:xsdschema:xAL:2.0"
DS_NS = "http://www.w3.org/2000/09/xmldsig#"

PREFIXES = {EML_NS: "", KR_NS: "kr:", XNL_NS: "xnl:", XAL_NS: "xal:", DS_NS: "ds:"}


def eml(local: str) -> str:
    """The Clark name ``{urn:...eml}local`` of an EML element."""
    return f"{{{EML_NS}}}{local}"


def kr(local: str) -> str:
    """The Clark name of a Kiesraad extension element (``kr:local``)."""
    return f"{{{KR_NS}}}{local}"


def display_name(tag: object) -> str:
    """An element name as written in the file's usual prefixes: ``Selection``, ``kr:Region``.

    Accepts a Clark name, a plain name, or anything else (an entity or comment node's ``tag``
    is not a string: it is shown as such).
    """
    if not isinstance(tag, str):
        return "non-element node"
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        prefix = PREFIXES.get(namespace)
        return f"{prefix}{local}" if prefix is not None else f"{{{namespace}}}{local}"
    return tag
