"""Shared fixtures: paths to test data and the sample exports, and an isolated home."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SAMPLES = ROOT / "sample_data"
PEERS = ROOT.parent / "shared" / "real-exports"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    """Keep every test away from the user's real config, allowlist and state store."""
    home = tmp_path_factory.mktemp("walletwatch-home")
    monkeypatch.setenv("WALLETWATCH_HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    return home


@pytest.fixture
def data() -> Path:
    return DATA


@pytest.fixture
def samples() -> Path:
    return SAMPLES
