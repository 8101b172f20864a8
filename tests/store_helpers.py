"""Helpers for the state-store, check, case and notifier tests."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from walletwatch.cli import cli

CHECK = Path(__file__).resolve().parent / "data" / "check"
JAN = CHECK / "alipay_jan.csv"
JANFEB = CHECK / "alipay_janfeb.csv"
MAR = CHECK / "alipay_mar.csv"
APR_PENDING = CHECK / "alipay_apr_pending.csv"
APR_RESOLVED = CHECK / "alipay_apr_resolved.csv"


def invoke(*args: object, input: str | None = None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


def check_run(state: Path, *files: Path, extra: tuple = ()) -> tuple[int, dict]:
    """Run ``walletwatch check --json`` and return (exit code, document)."""
    result = invoke("check", *files, "--state", state, "--json", *extra)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def check_json(state: Path, *files: Path, extra: tuple = ()) -> dict:
    """The ``walletwatch check --json`` document."""
    return check_run(state, *files, extra=extra)[1]


def ids(document: dict) -> list[str]:
    return sorted(f["id"] for f in document["new_findings"])


def checks(document: dict) -> list[str]:
    return sorted(f["check"] for f in document["new_findings"])


def write_config(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
