"""Shared helpers for the report tests: the fixed clock, fixtures and a report builder."""

from __future__ import annotations

import copy
import json
from datetime import datetime
from pathlib import Path

from walletwatch.cases.api import load_case
from walletwatch.cases.file import Case
from walletwatch.report.build import Report, build_report

DATA = Path(__file__).resolve().parent / "data" / "report"
NOW = datetime.fromisoformat("2024-03-06T09:30:00+08:00")


def scan_doc(name: str) -> dict:
    """A fresh copy of a hand-written scan document fixture (alipay, wechat, paypal)."""
    return copy.deepcopy(json.loads((DATA / f"{name}_scan.json").read_text(encoding="utf-8")))


def alipay_case() -> Case:
    return load_case(DATA / "alipay_case.toml")


def build(doc: dict | str, case: Case | None = None, **options) -> Report:
    if isinstance(doc, str):
        doc = scan_doc(doc)
    options.setdefault("now", NOW)
    return build_report(doc, case, **options)


def all_text(document: dict) -> str:
    """Every string in the report document, joined (for wording checks)."""
    out: list[str] = []

    def walk(value) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            out.append(value)

    walk(document)
    return "\n".join(out)
