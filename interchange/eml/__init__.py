"""EML_NL (the Kiesraad's profile of OASIS EML 5.0): hardened reading and writing.

Reading: 110a (:func:`read_definition`), 230b (:func:`read_candidate_lists`), 510a/b/c/d
(:func:`read_counts`, :func:`iter_counts`, :func:`read_count_directory`, with the reporting
hierarchy of a directory from :func:`hierarchy_from_directory`). Writing: 510
(:func:`write_counts`) and 520 (:func:`write_result`). Validation against the Kiesraad's XSD
schemas: :func:`validate`. Every problem is an :class:`EmlError` naming file, line, element
and reason. See ``docs/eml.md``.
"""

from interchange.eml.candidates import (
    CandidateEntry,
    CandidateLists,
    ContestLists,
    ListEntry,
    read_candidate_lists,
)
from interchange.eml.counts import (
    ContestCounts,
    CountFile,
    CountHeader,
    CountItem,
    iter_counts,
    read_counts,
)
from interchange.eml.definition import (
    ElectionDefinition,
    ElectionIdentifier,
    Region,
    read_definition,
)
from interchange.eml.directory import CountDirectory, hierarchy_from_directory, read_count_directory
from interchange.eml.errors import EmlError
from interchange.eml.schema import validate
from interchange.eml.secure import DEFAULT_MAX_BYTES, Limits
from interchange.eml.write import ElectedCandidate, ElectedList, Header, write_counts, write_result

__all__ = [
    "DEFAULT_MAX_BYTES",
    "CandidateEntry",
    "CandidateLists",
    "ContestCounts",
    "ContestLists",
    "CountDirectory",
    "CountFile",
    "CountHeader",
    "CountItem",
    "ElectedCandidate",
    "ElectedList",
    "ElectionDefinition",
    "ElectionIdentifier",
    "EmlError",
    "Header",
    "Limits",
    "ListEntry",
    "Region",
    "hierarchy_from_directory",
    "iter_counts",
    "read_candidate_lists",
    "read_count_directory",
    "read_counts",
    "read_definition",
    "validate",
    "write_counts",
    "write_result",
]
