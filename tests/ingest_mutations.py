"""Random damage to the shipped exports, and the checks every damaged file must pass.

Shared by the hypothesis properties (``tests/test_ingest_properties.py``) and the long run
``benchmarks/fuzz_ingest.py``. A case is a shipped sample plus a seed: the same seed always
gives the same bytes, so any failure can be replayed.
"""

from __future__ import annotations

import json
import random
import re
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from click.testing import CliRunner

import walletwatch
from walletwatch.cli import cli

ROOT = Path(__file__).resolve().parents[1]
INPUT_SUFFIXES = (".csv", ".txt", ".xlsx")


def shipped_samples() -> list[Path]:
    """Every export the project ships: sample_data and the real-layout test files."""
    found = [p for p in sorted((ROOT / "sample_data").iterdir()) if p.suffix in INPUT_SUFFIXES]
    for path in sorted((ROOT / "tests" / "data" / "ingest").glob("*/*")):
        if path.suffix in INPUT_SUFFIXES and not path.name.endswith(".expected.csv"):
            found.append(path)
    return found


# --- mutations ------------------------------------------------------------------------
_DIGITS = {  # other scripts' digits 0-9 (full-width ones are read, the rest are bad amounts)
    "full-width": "０１２３４５６７８９",
    "arabic-indic": "٠١٢٣٤٥٦٧٨٩",
    "persian": "۰۱۲۳۴۵۶۷۸۹",
    "devanagari": "०१२३४५६७८९",
}
_YEARS = ("9999", "0001", "0000", "1677", "2263", "1899")


def _text(line: bytes) -> str:
    return line.decode("utf-8", errors="surrogateescape")


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", errors="surrogateescape")


def _stray_quote(line: bytes, rng: random.Random) -> bytes:
    cells = line.split(b",")
    i = rng.randrange(len(cells))
    cells[i] = b'"' + cells[i]
    return b",".join(cells)


def _huge_field(line: bytes, rng: random.Random) -> bytes:
    size = rng.choice((40_000, 150_000, 1_200_000))
    cut = rng.randrange(len(line) + 1)
    return line[:cut] + b"x" * size + line[cut:]


def _huge_multiline(line: bytes, rng: random.Random) -> bytes:
    body = b"\n".join([b"y" * rng.randrange(10, 2000)] * rng.randrange(2, 400))
    cells = line.split(b",")
    cells[rng.randrange(len(cells))] = b'"' + body + (b'"' if rng.random() < 0.5 else b"")
    return b",".join(cells)


def _extreme_year(line: bytes, rng: random.Random) -> bytes:
    return _bytes(re.sub(r"(?<!\d)(?:19|20)\d\d(?!\d)", rng.choice(_YEARS), _text(line), count=1))


def _exotic_digits(line: bytes, rng: random.Random) -> bytes:
    digits = _DIGITS[rng.choice(sorted(_DIGITS))]
    table = str.maketrans("0123456789", digits)
    text = _text(line)
    start = rng.randrange(len(text) + 1)
    return _bytes(text[:start] + text[start:].translate(table))


def _noise(line: bytes, rng: random.Random) -> bytes:
    return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 40)))


LINE_MUTATIONS = {
    "drop": None, "dup": None, "blank": None,
    "cut": lambda line, rng: line[: rng.randrange(len(line) + 1)],
    "noise": _noise,
    "swap-cells": lambda line, rng: b",".join(rng.sample(line.split(b","),
                                                          len(line.split(b",")))),
    "stray-quote": _stray_quote,
    "end-quote": lambda line, rng: line + b'"',
    "nul": lambda line, rng: line[:1] + b"\x00" + line[1:],
    "cr": lambda line, rng: line[: len(line) // 2] + b"\r" + line[len(line) // 2:],
    "huge-field": _huge_field,
    "huge-multiline": _huge_multiline,
    "extreme-year": _extreme_year,
    "exotic-digits": _exotic_digits,
}
FILE_MUTATIONS = ("truncate", "re-encode", "bom", "crlf")


def mutate(data: bytes, rng: random.Random) -> tuple[bytes, list[str]]:
    """Apply 1–6 random mutations; return the bytes and their names (for replay reports)."""
    lines = data.split(b"\n")
    applied = []
    for _ in range(rng.randint(1, 6)):
        name = rng.choice([*LINE_MUTATIONS, *FILE_MUTATIONS])
        applied.append(name)
        if name in FILE_MUTATIONS:
            lines = _file_mutation(name, b"\n".join(lines), rng).split(b"\n")
            continue
        i = rng.randrange(len(lines))
        if name == "drop":
            del lines[i]
        elif name == "dup":
            lines.insert(i, lines[i])
        elif name == "blank":
            lines.insert(i, rng.choice((b"", b",,,,", b'""', b"\r")))
        else:
            lines[i] = LINE_MUTATIONS[name](lines[i], rng)
        if not lines:
            lines = [b""]
    return b"\n".join(lines), applied


def _file_mutation(name: str, data: bytes, rng: random.Random) -> bytes:
    if name == "truncate":
        return data[: rng.randrange(len(data) + 1)]
    if name == "bom":
        return b"\xef\xbb\xbf" + data
    if name == "crlf":
        return data.replace(b"\n", b"\r\n")
    target = rng.choice(("gb18030", "utf-8", "cp1252", "utf-16", "latin-1"))
    for source in ("utf-8", "gb18030"):
        try:
            return data.decode(source).encode(target, errors="replace")
        except UnicodeDecodeError:
            continue
    return data


# --- the checks ------------------------------------------------------------------------
class CaseTimeout(Exception):
    """A case ran longer than its limit (a hang)."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def expire(_signum, _frame):
        raise CaseTimeout(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def check_file(path: Path, *, commands: tuple[str, ...] = ("inspect",),
               seconds: float = 60) -> None:
    """The properties: no traceback, no hang, and every line of the file accounted for."""
    from ingest_helpers import assert_every_line_accounted

    with time_limit(seconds):
        result = walletwatch.load([path])
    for report in result.files:
        assert report.rows_total == report.rows_ok + report.rows_rejected
        if report.error is None and report.encoding != "xlsx" and report.header_line:
            assert_every_line_accounted(path, report)
    for command in commands:
        with time_limit(seconds):
            outcome = CliRunner().invoke(cli, [command, "--json", str(path)])
        assert outcome.exception is None or isinstance(outcome.exception, SystemExit), (
            f"{command}: unexpected {type(outcome.exception).__name__}: {outcome.exception}")
        assert outcome.exit_code in ((0, 3) if command == "inspect" else (0, 1, 3)), \
            outcome.output[-2000:]
        assert "Traceback" not in outcome.output
        if command == "inspect":
            for entry in json.loads(outcome.stdout)["files"]:
                assert entry["rows_total"] == entry["rows_ok"] + entry["rows_rejected"]


def run_case(source: Path, seed: int, *, commands: tuple[str, ...] = ("inspect",),
             seconds: float = 60) -> list[str]:
    """Damage ``source`` with ``seed``, check it; return the mutations applied."""
    rng = random.Random(seed)
    data, applied = mutate(source.read_bytes(), rng)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"statement{source.suffix}"
        path.write_bytes(data)
        check_file(path, commands=commands, seconds=seconds)
    return applied
