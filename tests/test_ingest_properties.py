"""Property tests: random bytes and mangled exports never produce a traceback.

Whatever the bytes, ``walletwatch inspect`` either reads the file (and the row accounting adds
up) or refuses it with one line and exit code 3.
"""

from __future__ import annotations

import json
import random
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from walletwatch.cli import cli

from conftest import DATA, SAMPLES

SOURCES = [
    DATA / "ingest" / "alipay" / "app_2026.csv",
    DATA / "ingest" / "alipay" / "web_2021.csv",
    SAMPLES / "wechat_2026.csv",
    SAMPLES / "paypal_2026.csv",
    SAMPLES / "revolut_2026.csv",
]
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def inspect_bytes(data: bytes, suffix: str = ".csv"):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"statement{suffix}"
        path.write_bytes(data)
        return CliRunner().invoke(cli, ["inspect", "--json", str(path)])


def assert_clean(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"unexpected {type(result.exception).__name__}: {result.exception}"
    )
    assert result.exit_code in (0, 3), result.output
    assert "Traceback" not in result.output
    document = json.loads(result.stdout)
    for entry in document["files"]:
        assert entry["rows_total"] == entry["rows_ok"] + entry["rows_rejected"]
        if result.exit_code == 3:
            assert "error" in entry


@SETTINGS
@given(st.binary(max_size=4096))
def test_random_bytes_never_crash(data):
    assert_clean(inspect_bytes(data))


@SETTINGS
@given(st.binary(max_size=2048))
def test_random_bytes_named_xlsx_never_crash(data):
    assert_clean(inspect_bytes(b"PK\x03\x04" + data, ".xlsx"))


@st.composite
def mangled_export(draw):
    """A real export with lines deleted, duplicated, cut or overwritten with noise."""
    source = draw(st.sampled_from(SOURCES))
    lines = source.read_bytes().split(b"\n")
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    for _ in range(draw(st.integers(1, 8))):
        action = rng.choice(["drop", "dup", "cut", "noise", "swap-cells", "quote"])
        i = rng.randrange(len(lines))
        if action == "drop":
            del lines[i]
        elif action == "dup":
            lines.insert(i, lines[i])
        elif action == "cut":
            lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
        elif action == "noise":
            lines[i] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 40)))
        elif action == "swap-cells":
            cells = lines[i].split(b",")
            rng.shuffle(cells)
            lines[i] = b",".join(cells)
        else:
            lines[i] = lines[i] + b'"'
        if not lines:
            lines = [b""]
    data = b"\n".join(lines)
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return data


@SETTINGS
@given(mangled_export())
def test_mangled_exports_never_crash(data):
    assert_clean(inspect_bytes(data))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mangled_export())
def test_mangled_exports_scan_without_a_traceback(data):
    """The whole pipeline (checks, model, the rich summary) copes with what ingest lets in."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "statement.csv"
        path.write_bytes(data)
        result = CliRunner().invoke(cli, ["scan", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"unexpected {type(result.exception).__name__}: {result.exception}"
    )
    assert result.exit_code in (0, 1, 3), result.output


# --- every shipped sample, damaged every way we know, through the API, inspect and scan ---
from ingest_mutations import run_case, shipped_samples  # noqa: E402

SHIPPED = shipped_samples()


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(SHIPPED), st.integers(0, 2**32 - 1))
def test_damaged_samples_never_crash_hang_or_lose_a_line(source, seed):
    """Quotes, NULs, CRs, truncation, other encodings, huge cells, years 0001/9999 and other
    scripts' digits: no traceback, an answer within the time limit, and ``rows_total`` (plus
    multi-line notes and summary rows) equal to the data lines the file holds."""
    run_case(source, seed, commands=("inspect",), seconds=60)


@settings(max_examples=12, deadline=None)
@given(st.sampled_from(SHIPPED), st.integers(0, 2**32 - 1))
def test_damaged_samples_scan_without_a_traceback(source, seed):
    run_case(source, seed, commands=("scan",), seconds=120)


def test_every_shipped_sample_accounts_for_every_line():
    from ingest_helpers import assert_every_line_accounted

    import walletwatch

    for path in SHIPPED:
        if path.parent.name == "mapping":
            continue  # read only with their --map file
        report = walletwatch.load([path]).files[0]
        assert report.error is None, report.error.one_line()
        if report.encoding != "xlsx":
            assert_every_line_accounted(path, report)
