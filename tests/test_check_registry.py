"""One check registry: a check declares its codes, category, titles and settings in its own
module; ``walletwatch.checks.MODULES`` lists the modules; everything else is made from that or
held to it here. Adding a check touches its module, its test and one line of ``MODULES``."""

from __future__ import annotations

import ast
import dataclasses
import inspect
from dataclasses import dataclass
from pathlib import Path

import pytest

from walletwatch import checks, config, findings
from walletwatch.checks import base
from walletwatch.report.text import PROBLEMS

CHECK_DIR = Path(checks.__file__).parent


def test_every_check_module_is_registered():
    on_disk = {p.stem for p in CHECK_DIR.glob("*.py")} - {"__init__", "base"}
    assert set(checks.MODULES) == on_disk
    assert len(checks.MODULES) == len(set(checks.MODULES))


@pytest.mark.parametrize("check", checks.CHECKS, ids=checks.MODULES)
def test_every_check_declares_itself_completely(check):
    assert check.category in findings.CATEGORIES
    assert dataclasses.is_dataclass(check.settings)
    assert "enabled" in {f.name for f in dataclasses.fields(check.settings)}
    assert check.codes
    for code, en, zh in check.codes:
        assert code == code.lower() and " " not in code and "_" not in code
        assert en.strip() and zh.strip() and en != zh


@pytest.mark.parametrize("check", checks.CHECKS, ids=checks.MODULES)
def test_a_check_makes_only_codes_it_declares(check):
    """Every literal code passed to ``make`` in the module is one of its own codes."""
    tree = ast.parse(inspect.getsource(inspect.getmodule(check)))
    made = {call.args[0].value for call in ast.walk(tree)
            if isinstance(call, ast.Call) and getattr(call.func, "id", "") == "make"
            and call.args and isinstance(call.args[0], ast.Constant)}
    assert made <= {code for code, _, _ in check.codes}


def test_codes_are_made_from_the_declarations():
    declared = {code: (c.category, en, zh) for c in checks.CHECKS for code, en, zh in c.codes}
    assert checks.CODES == declared
    assert base.CODES is checks.CODES


def test_config_sections_are_the_checks_sections_then_model_and_allowlist():
    declared = {c.section: c.settings for c in checks.CHECKS}
    assert list(config.SECTIONS) == [*declared, "model", "allowlist"]
    assert {name: config.SECTIONS[name] for name in declared} == declared
    made = config.Config()
    for name, kind in declared.items():
        assert getattr(made, name) == kind()  # each section defaults to its dataclass
    assert list(made.to_dict()) == list(config.SECTIONS)


def test_every_check_section_is_read_from_a_config_file(tmp_path):
    sections = {c.section for c in checks.CHECKS}
    path = tmp_path / "config.toml"
    path.write_text("".join(f"[{name}]\nenabled = false\n" for name in sections),
                    encoding="utf-8")
    loaded = config.load_config(path)
    assert all(getattr(loaded, name).enabled is False for name in sections)


def test_categories_and_report_labels_cover_every_check():
    categories = {c.category for c in checks.CHECKS}
    assert set(findings.CATEGORIES) == categories | {"other"}
    assert categories | {"other"} <= set(PROBLEMS)


def test_register_derives_codes_and_sections_and_refuses_a_code_declared_twice():
    @dataclass
    class PlantedSettings:
        enabled: bool = True

    class Planted:
        category, section, settings = "other", "planted", PlantedSettings
        codes = (("planted-code", "Planted", "植入"),)

    try:
        sections = base.register([*checks.CHECKS, Planted])
        assert base.CODES["planted-code"] == ("other", "Planted", "植入")
        assert list(sections)[-1] == "planted"
        with pytest.raises(ValueError, match="declared by two checks"):
            base.register([*checks.CHECKS, Planted, Planted])
    finally:
        base.register(checks.CHECKS)
    assert "planted-code" not in checks.CODES


def test_scan_and_the_scheduled_check_run_the_checks_through_one_runner(tmp_path, monkeypatch):
    """``walletwatch scan`` (and so the web page, which scans) and ``walletwatch check`` both
    reach the checks through ``pipeline.find``, and it hands them the fitted detector."""
    from store_helpers import JAN, MAR, check_json

    from walletwatch import pipeline

    calls = []
    real_find = pipeline.find

    def spy(frame, **kwargs):
        found = real_find(frame, **kwargs)
        calls.append((kwargs.get("new_since") is not None, found))
        return found

    monkeypatch.setattr(pipeline, "find", spy)
    result = pipeline.scan([MAR], as_of="2026-04-01")
    assert [scheduled for scheduled, _ in calls] == [False]
    assert calls[0][1].findings == result.findings and result.detector is calls[0][1].detector
    check_json(tmp_path / "state.sqlite", JAN)
    check_json(tmp_path / "state.sqlite", MAR)
    assert [scheduled for scheduled, _ in calls][1:] and all(s for s, _ in calls[1:])
