"""``kieswet hash``: the hash code of a file, as printed on a proces-verbaal, and its check."""

from __future__ import annotations

import argparse
import os
import stat
import sys
from typing import Any

from kieswet.hashcode import compare, digest_file

EXIT_MATCH = 0
EXIT_MISMATCH = 1
EXIT_UNREADABLE = 2

HELP = """\
Print the hash code of FILE: the SHA-256 digest of its exact bytes, as 16 groups of 4
lowercase hexadecimal characters separated by spaces, the form printed on a proces-verbaal
and in the Kiesraad's hash files (e.g. Hashcodes-Juinen.txt).

With --check, compare the code with groups typed by a person instead: case and spacing do not
matter ("FAE2 12ff", "fae212ff" and "fae2  12FF" are the same). Sixteen groups are compared
position by position; fewer groups (a proces-verbaal shows two) must occur as a consecutive
run, and the answer says which group numbers matched.

Exit status: 0 the code was printed, or the typed groups match; 1 they do not match;
2 the file cannot be read, is not a regular file (a pipe, device or directory), or the typed
text is not hash groups.
"""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "hash",
        help="hash code (SHA-256) of a file as on a proces-verbaal, or check typed groups",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", metavar="FILE", help="the file (e.g. an EML_NL .eml.xml file)")
    parser.add_argument(
        "--check",
        metavar="GROUPS",
        help='hash groups to compare with, e.g. "fae2 12ff" (any case, any spacing)',
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        mode = os.stat(args.file).st_mode
        if not stat.S_ISREG(mode):  # opening a FIFO would wait; /dev/zero would never end
            what = "a directory" if stat.S_ISDIR(mode) else "not a regular file"
            print(
                f"kieswet hash: {args.file} is {what}: only the bytes of a file have a hash "
                "code",
                file=sys.stderr,
            )
            return EXIT_UNREADABLE
        code = digest_file(args.file)
    except OSError as exc:
        print(f"kieswet hash: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.check is None:
        print(f"{code}  {args.file}")
        return EXIT_MATCH
    try:
        outcome = compare(code, args.check)
    except ValueError as exc:
        print(f"kieswet hash: --check {args.check!r}: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"{args.file}: {outcome.report}")
    print(f"hash code: {code}")
    return EXIT_MATCH if outcome.matched else EXIT_MISMATCH
