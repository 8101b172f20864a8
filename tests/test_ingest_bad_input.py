"""Bad input: one clear line naming the file and the fix, a documented exit code, no traceback."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from walletwatch.cli import cli
from walletwatch.errors import AmbiguousFormat
from walletwatch.ingest import registry
from walletwatch.ingest.alipay import APP, AlipayImporter
from walletwatch.ingest.sniff import read_sample

from conftest import DATA

GOOD = DATA / "ingest" / "alipay" / "app_2026.csv"


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def assert_one_line_error(result, code: int, *needles: str) -> str:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0]
    return lines[0]


def put(path: Path, data: bytes | str) -> Path:
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def encrypted_zip(path: Path) -> Path:
    """A zip whose entry has the 'encrypted' flag, as the wallets' e-mailed archives do."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("支付宝交易明细(20260301-20260331).csv", b"x" * 64)
    data = bytearray(path.read_bytes())
    data[6] |= 0x01  # local file header: general purpose flag
    central = data.find(b"PK\x01\x02")
    data[central + 8] |= 0x01  # central directory: general purpose flag
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize(
    "make, needle",
    [
        (lambda d: d / "missing.csv", "no such file"),
        (lambda d: d, "directory"),
        (lambda d: put(d / "empty.csv", b""), "empty"),
        (lambda d: put(d / "blank.csv", b"\n\n  \n"), "empty"),
        (lambda d: put(d / "bin.csv", bytes(range(256)) * 4), "binary"),
        (lambda d: put(d / "s.pdf", b"%PDF-1.7\n..."), "PDF"),
        (lambda d: put(d / "notes.csv", "a,b\n1,2\n"),
         "not a statement layout"),
        (lambda d: encrypted_zip(d / "bill.zip"), "password-protected zip"),
        (lambda d: put(d / "bad.xlsx", b"PK\x03\x04broken"),
         "damaged or truncated"),
    ],
    ids=["missing", "directory", "empty", "blank", "binary", "pdf", "unknown", "zip", "xlsx"],
)
def test_unreadable_input_exits_3_with_one_line(tmp_path, make, needle):
    path = make(tmp_path)
    line = assert_one_line_error(run("inspect", str(path)), 3, needle)
    assert str(path) in line


def test_wrong_encoding_option_names_the_fix():
    line = assert_one_line_error(run("inspect", "--encoding", "utf-8", str(GOOD)), 3,
                                 "not valid utf-8")
    assert "--encoding" in line


def test_unknown_encoding_name():
    assert_one_line_error(run("inspect", "--encoding", "klingon", str(GOOD)), 3,
                          "unknown encoding")


def test_utf16_file_is_refused_as_binary(tmp_path):
    path = tmp_path / "u16.csv"
    path.write_bytes(GOOD.read_bytes().decode("gb18030").encode("utf-16"))
    assert_one_line_error(run("inspect", str(path)), 3, "UTF-16")


def test_excel_resaved_times_without_seconds(tmp_path):
    text = GOOD.read_bytes().decode("gb18030")
    head, _, body = text.partition("备注                  ,\n")
    rows = []
    for row in body.splitlines():
        stamp = row.split(",")[0].strip()
        date, clock = stamp.split(" ")
        y, m, d = date.split("-")
        rows.append(row.replace(stamp, f"{y}/{int(m)}/{int(d)} {clock[:5]}", 1))
    path = tmp_path / "resaved.csv"
    path.write_bytes((head + "备注                  ,\n" + "\n".join(rows)).encode("gb18030"))
    assert_one_line_error(run("inspect", str(path)), 3, "re-saved by Excel")


def test_excel_resaved_lost_gbk(tmp_path):
    text = GOOD.read_bytes().decode("gb18030")
    mangled = "".join("?" if ord(ch) > 127 else ch for ch in text)
    path = tmp_path / "lost.csv"
    path.write_text(mangled, encoding="ascii")
    assert_one_line_error(run("inspect", str(path)), 3, "lost the GBK encoding")


def test_truncated_file_rejects_the_cut_record(tmp_path):
    data = GOOD.read_bytes()
    path = tmp_path / "cut.csv"
    path.write_bytes(data[: data.rfind(b"\n") - 40])  # stop in the middle of the last row
    result = run("inspect", "--json", str(path))
    assert result.exit_code == 0
    report = json.loads(result.stdout)["files"][0]
    assert report["rejected"][-1]["reason"] == "truncated-row"
    assert report["rows_total"] == report["rows_ok"] + report["rows_rejected"] == 12
    assert run("inspect", "--strict", str(path)).exit_code == 1


def test_a_bad_file_does_not_stop_the_others(tmp_path):
    missing = tmp_path / "missing.csv"
    result = run("inspect", "--json", str(missing), str(GOOD))
    assert result.exit_code == 3
    document = json.loads(result.stdout)
    assert [f["format"] for f in document["files"]] == ["", "alipay-app"]
    assert document["files"][0]["error"]["code"] == "file-missing"
    assert document["files"][1]["rows_ok"] == 10
    assert "missing.csv" in result.stderr


def test_traceback_flag_shows_the_traceback(tmp_path):
    result = CliRunner().invoke(cli, ["--traceback", "inspect", str(tmp_path / "nope.csv")])
    assert result.exit_code != 0
    assert result.exception is not None


def test_unknown_format_name_is_a_usage_error():
    result = run("inspect", "--format", "nope", str(GOOD))
    assert_one_line_error(result, 2, "unknown format 'nope'")


def test_forced_format_that_does_not_fit(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("a,b\n1,2\n")
    assert_one_line_error(run("inspect", "--format", "alipay-app", str(path)), 3,
                          "does not look like alipay-app")


def test_unknown_time_zone_is_a_usage_error():
    assert_one_line_error(run("inspect", "--tz", "Mars/Olympus", str(GOOD)), 2, "time zone")


def test_two_equally_good_matches_are_an_error_listing_both(tmp_path):
    twin = AlipayImporter(APP.__class__(**{**APP.__dict__, "name": "alipay-twin"}))
    sample = read_sample(GOOD)
    with pytest.raises(AmbiguousFormat) as raised:
        registry.detect(sample, candidates=(AlipayImporter(APP), twin))
    assert "alipay-app" in raised.value.message and "alipay-twin" in raised.value.message


def test_ambiguous_through_the_cli(monkeypatch, tmp_path):
    twin = AlipayImporter(APP.__class__(**{**APP.__dict__, "name": "alipay-twin"}))
    monkeypatch.setattr(registry, "importers", lambda: (AlipayImporter(APP), twin))
    copy = tmp_path / "statement.csv"
    shutil.copy(GOOD, copy)
    assert_one_line_error(run("inspect", str(copy)), 3, "several formats", "--format")


def test_stray_carriage_return_in_the_header_is_not_a_new_line(tmp_path):
    lines = (DATA.parent.parent / "sample_data" / "revolut_2026.csv").read_text().splitlines()
    lines[0] = lines[0].replace("Balance", "Bal\rance")
    path = put(tmp_path / "cr.csv", "\n".join(lines) + "\n")
    result = run("inspect", "--json", str(path))
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)["files"][0]
    assert report["rows_rejected"] == 0 and report["rows_ok"] == len(lines) - 1


def test_a_row_one_cell_too_wide_is_rejected_not_shifted(tmp_path):
    lines = (DATA.parent.parent / "sample_data" / "revolut_2026.csv").read_text().splitlines()
    lines[5] = lines[5] + ","  # one empty cell more than the header has
    path = put(tmp_path / "wide.csv", "\n".join(lines) + "\n")
    report = json.loads(run("inspect", "--json", str(path)).stdout)["files"][0]
    assert [(r["line"], r["reason"]) for r in report["rejected"]] == [(6, "ragged-row")]
    assert report["rows_total"] == len(lines) - 1
