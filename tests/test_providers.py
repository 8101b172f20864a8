"""The provider table is the one place provider facts live, and everything reads it."""

from __future__ import annotations

import copy
import json
import re

import pytest
from click.testing import CliRunner

from walletwatch import providers
from walletwatch.cli import cli
from walletwatch.ingest.registry import MODULES, importers
from walletwatch.report.build import build_report, default_lang
from walletwatch.report.channels import default_jurisdiction
from walletwatch.report.text import provider_name

from conftest import DATA, ROOT

SAMPLES = ROOT / "sample_data"
SRC = ROOT / "src" / "walletwatch"


def test_every_importer_format_is_in_the_table_and_every_table_format_has_an_importer():
    assert sorted(i.name for i in importers()) == sorted(providers.formats())


def test_every_importer_names_the_provider_the_table_gives_its_format():
    assert {i.name: i.provider for i in importers()} == {
        fmt: providers.provider_of(fmt) for fmt in providers.formats()}


def test_every_provider_has_an_importer_module_and_a_channels_module():
    for provider in providers.PROVIDERS:
        assert provider.id in MODULES
        assert (SRC / "report" / "channels" / f"{provider.channels}.py").is_file()


def test_every_debit_evidence_format_belongs_to_its_provider():
    for provider in providers.PROVIDERS:
        assert set(provider.debit_evidence) <= set(provider.formats), provider.id


@pytest.mark.parametrize("fmt", ["my-bank", "mapped", ""])
def test_a_format_the_table_does_not_know_is_its_own_provider_without_defaults(fmt):
    assert providers.provider_of(fmt) == fmt
    unknown = providers.of_format(fmt)
    assert (unknown.jurisdiction, unknown.lang, unknown.name("zh")) == (None, None, fmt)
    assert providers.debit_evidence(fmt) is None


def test_readers_of_the_table_give_its_facts_and_defaults():
    assert (provider_name("alipay", "zh"), provider_name("alipay", "en")) == ("支付宝", "Alipay")
    assert provider_name("my-bank", "en") == "my-bank"
    assert provider_name("", "zh") == "the provider"
    assert (default_jurisdiction("wechat"), default_jurisdiction("wise")) == ("cn", "uk")
    assert default_jurisdiction("my-bank") is None
    assert default_lang("jd") == "zh"
    assert providers.debit_evidence("alipay-web") == ("资金状态", "已支出")
    assert providers.debit_evidence("wechat-csv") is None


def test_no_module_guesses_a_provider_from_a_format_name():
    guess = re.compile(r"""split\(["']-["']\)\[0\]""")
    offenders = [str(path.relative_to(ROOT)) for folder in (SRC, ROOT / "tests")
                 for path in folder.rglob("*.py") if guess.search(path.read_text("utf-8"))]
    assert offenders == []


def test_scan_json_names_the_provider_of_every_source():
    files = [SAMPLES / "alipay_2026.csv", SAMPLES / "revolut_2026.csv"]
    result = CliRunner().invoke(cli, ["scan", "--json", "--fail-on", "never", *map(str, files)])
    assert result.exit_code == 0, result.output
    sources = json.loads(result.stdout)["sources"]
    assert [(s["format"], s["provider"]) for s in sources] == [
        ("alipay-app", "alipay"), ("revolut", "revolut")]


def _saved_scan(name: str) -> dict:
    return json.loads((DATA / "report" / name).read_text(encoding="utf-8"))


def test_the_report_reads_the_provider_from_the_scan_document():
    doc = _saved_scan("paypal_scan.json")
    assert all("provider" not in s for s in doc["sources"])  # saved before the field existed
    old = build_report(doc, lang="en").document
    assert [s["provider"] for s in old["header"]["sources"]] == ["paypal"]
    assert "PayPal" in old["title"]
    renamed = copy.deepcopy(doc)
    for source in renamed["sources"]:
        source["provider"] = "venmo"
    new = build_report(renamed, lang="en").document
    assert "Venmo" in new["title"] and "PayPal" not in new["title"]
    assert [s["provider"] for s in new["header"]["sources"]] == ["venmo"]

