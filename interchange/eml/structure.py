"""Small structural checks shared by the readers: required children, whole numbers, ids."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from interchange.eml.errors import EmlError
from interchange.eml.names import display_name


def required(path: Path, parent: etree._Element, tag: str) -> etree._Element:
    """The one child ``tag`` of ``parent``; an error naming both when it is missing."""
    found = parent.find(tag)
    if found is None:
        raise EmlError(
            path,
            f"required element <{display_name(tag)}> is missing",
            element=parent.tag,
            line=parent.sourceline,
        )
    return found


def text(element: etree._Element | None) -> str:
    """The element's text, whitespace-trimmed ('' for none)."""
    if element is None or element.text is None:
        return ""
    return element.text.strip()


def required_text(path: Path, parent: etree._Element, tag: str) -> str:
    element = required(path, parent, tag)
    value = text(element)
    if not value:
        raise EmlError(path, "must not be empty", element=element.tag, line=element.sourceline)
    return value


def required_attribute(path: Path, element: etree._Element, name: str) -> str:
    value = element.get(name)
    if value is None or not value.strip():
        raise EmlError(
            path,
            f"required attribute {name} is missing or empty",
            element=element.tag,
            line=element.sourceline,
        )
    return value.strip()


MAX_DIGITS = 4000
"""The longest number read (Python's own limit on converting text to an integer is 4300)."""


def whole_number(path: Path, element: etree._Element, value: str | None = None) -> int:
    """A count: a whole number of at least 0 written in ASCII digits (XML ``nonNegativeInteger``).

    ``value`` defaults to the element's text; errors name the element, its line and the text.
    """
    raw = (element.text or "") if value is None else value
    digits = raw.strip()
    if digits.startswith("+"):
        digits = digits[1:]
    if digits.isascii() and digits.isdigit():
        if len(digits) > MAX_DIGITS:
            raise EmlError(
                path,
                f"a count of {len(digits)} digits is refused (at most {MAX_DIGITS})",
                element=element.tag,
                line=element.sourceline,
            )
        return int(digits)
    if digits.startswith("-") and digits[1:].isascii() and digits[1:].isdigit():
        reason = f"negative count {raw.strip()!r}: counts are whole numbers of at least 0"
    elif not raw.strip():
        reason = "a count is required here, the element is empty"
    else:
        reason = f"not a whole number: {raw.strip()!r}"
    raise EmlError(path, reason, element=element.tag, line=element.sourceline)


def positive_id(path: Path, element: etree._Element, what: str) -> int:
    """A list or candidate number (``Id`` attribute): a whole number of at least 1."""
    raw = required_attribute(path, element, "Id")
    if raw.isascii() and raw.isdigit() and int(raw) >= 1:
        return int(raw)
    raise EmlError(
        path,
        f"{what} Id {raw!r} is not a number of at least 1",
        element=element.tag,
        line=element.sourceline,
    )
