"""``walletwatch serve`` as a command: one line and a usage exit code when it cannot start."""

from __future__ import annotations

import socket
import sys

from click.testing import CliRunner

from walletwatch.cli import cli
from walletwatch.errors import ExitCode


def test_serve_without_the_web_extra_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # as if `pip install walletwatch` only
    result = CliRunner().invoke(cli, ["serve", "--no-browser"])
    assert result.exit_code == ExitCode.USAGE
    assert "Traceback" not in result.output
    assert "pip install 'walletwatch[web]'" in result.output


def test_a_busy_port_is_one_line_and_never_exit_code_1():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--no-browser", "--port", str(port)])
    assert result.exit_code == ExitCode.USAGE, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and f"cannot listen on 127.0.0.1:{port}" in lines[0]
