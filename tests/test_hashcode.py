"""The hash code of a file (SHA-256 as 16 groups of 4 hex) and ``kieswet hash``.

Known answers: the empty input and ``abc`` (FIPS 180-2 test vectors), and the Kiesraad's own
``Hashcodes-Juinen.txt`` for the Juinen sample files (skipped when ``shared/`` is absent).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kieswet.cli import main
from kieswet.hashcode import compare, digest_bytes, digest_file, parse_groups
from tests.shared_data import SHARED

SAMPLES = SHARED / "eml" / "samples"
HASHES = SAMPLES / "Hashcodes-Juinen.txt"

EMPTY = "e3b0 c442 98fc 1c14 9afb f4c8 996f b924 27ae 41e4 649b 934c a495 991b 7852 b855"
ABC = "ba78 16bf 8f01 cfea 4141 40de 5dae 2223 b003 61a3 9617 7a9c b410 ff61 f200 15ad"


def test_known_answers_on_bytes(tmp_path: Path) -> None:
    assert digest_bytes(b"") == EMPTY
    assert digest_bytes(b"abc") == ABC
    path = tmp_path / "abc"
    path.write_bytes(b"abc")
    assert digest_file(path) == ABC


def _published() -> dict[str, str]:
    text = HASHES.read_text(encoding="utf-8-sig")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return {
        name.removeprefix("eml_hash ").strip(): code
        for name, code in zip(lines[::2], lines[1::2], strict=True)
    }


@pytest.mark.skipif(not HASHES.is_file(), reason=f"{HASHES} is absent (set KIESWET_SHARED)")
def test_kiesraad_hash_file() -> None:
    published = _published()
    assert len(published) == 2
    for name, code in published.items():
        assert digest_file(SAMPLES / name) == code


def test_typed_groups() -> None:
    assert compare(ABC, ABC.upper()).matched
    assert compare(ABC, ABC.replace(" ", "")).matched
    partial = compare(ABC, "B003  61A3")
    assert partial.matched and partial.positions == (9, 10)
    assert "groups 9-10" in partial.report
    wrong = compare(ABC, "b003 61a4")
    assert not wrong.matched
    assert "b003 is group 9" in wrong.report and "61a4 occurs nowhere" in wrong.report
    one_off = compare(ABC, ABC[:-1] + "e")
    assert not one_off.matched and "group 16: typed 15ae, file has 15ad" in one_off.report
    for bad in ("", "xyz1", "abc", " ".join([ABC] * 2)):
        with pytest.raises(ValueError):
            parse_groups(bad)


def test_hash_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "abc.eml.xml"
    path.write_bytes(b"abc")
    assert main(["hash", str(path)]) == 0
    assert capsys.readouterr().out == f"{ABC}  {path}\n"
    assert main(["hash", str(path), "--check", "F200 15AD"]) == 0
    assert "match: groups 15-16 of 16 agree" in capsys.readouterr().out
    assert main(["hash", str(path), "--check", "f200 15ae"]) == 1
    assert "MISMATCH" in capsys.readouterr().out
    assert main(["hash", str(path), "--check", "zz"]) == 2
    assert main(["hash", str(tmp_path / "missing")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_a_pipe_or_device_is_refused_at_once(tmp_path: Path) -> None:
    """A FIFO would block the read and /dev/zero never end: only a regular file is hashed."""
    import os

    from kieswet.cli import main

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert main(["hash", str(fifo)]) == 2
    assert main(["hash", "/dev/zero"]) == 2
    assert main(["hash", str(tmp_path)]) == 2
