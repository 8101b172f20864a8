"""``walletwatch serve`` as a command: one line and a usage exit code when it cannot start."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time

import pytest
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


def _started(tmp_path):
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    env = {**os.environ, "WALLETWATCH_HOME": str(tmp_path / "home"), "TMPDIR": str(private_tmp),
           "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, "-m", "walletwatch", "serve", "--no-browser",
                                "--state", str(tmp_path / "state.sqlite")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    first = process.stdout.readline()
    port = int(re.search(r"127\.0\.0\.1:(\d+)/\?token=", first).group(1))
    for _ in range(200):
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return process, private_tmp
        time.sleep(0.05)
    process.kill()
    raise AssertionError("walletwatch serve did not start listening")


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_stopping_the_server_removes_its_private_folder(tmp_path, stop):
    pytest.importorskip("uvicorn")
    process, private_tmp = _started(tmp_path)
    [folder] = private_tmp.iterdir()
    assert folder.name.startswith("walletwatch-web-") and oct(folder.stat().st_mode)[-3:] == "700"
    process.send_signal(stop)
    assert process.wait(timeout=20) == 0
    assert list(private_tmp.iterdir()) == []
    assert "uploaded files removed" in process.stderr.read()
