"""Meta tests: the README, the help texts and CI stay honest about what the tool does."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from walletwatch.cli import COMMANDS, cli
from walletwatch.ingest.registry import importers
from walletwatch.providers import provider_of

from conftest import DATA, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_and_is_documented(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    summary = cli.get_command(None, name).get_short_help_str()
    assert summary, f"{name} has no help text"
    assert f"walletwatch {name}" in README, f"README does not show `walletwatch {name}`"


@pytest.mark.parametrize("name", [i.name for i in importers()])
def test_every_format_is_in_the_readme_and_has_test_data(name):
    assert f"`{name}`" in README, f"README's formats table lacks {name}"
    provider = provider_of(name)
    folder = DATA / "ingest" / provider
    assert folder.is_dir() and any(folder.iterdir()), f"no test data for {name} in {folder}"


def test_readme_test_command_is_what_ci_runs():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = ci.strip().splitlines()[-1]
    assert command in README


def test_readme_set_up_is_two_commands():
    block = re.search(r"## Set up\n.*?```(?:bash|sh)?\n(.*?)```", README, re.S)
    assert block, "README has no set-up block"
    commands = [line for line in block.group(1).splitlines()
                if line.strip() and not line.startswith("#")]
    assert len(commands) == 2, commands


def test_exit_codes_are_documented():
    for code in ("0", "1", "2", "3"):
        assert re.search(rf"\|\s*{code}\s*\|", README), f"exit code {code} missing"
