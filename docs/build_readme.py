"""Rebuild README.md from docs/README.template.md with real command output.

    python docs/build_readme.py

``{{$ command}}`` becomes the command and what it prints (``#rc`` at the end adds the exit
code); ``{{! command}}`` runs a set-up step whose output is not shown. Commands run in a
scratch copy of sample_data/ with an empty walletwatch home and a fixed clock, so the README
shows what a new user sees.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    home = Path(tempfile.mkdtemp())
    work = Path(tempfile.mkdtemp())
    shutil.copytree(ROOT / "sample_data", work / "sample_data")
    shutil.copy(ROOT / "docs" / "example-case.toml", work / "case.toml")
    (work / "inbox").mkdir()
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "WALLETWATCH_HOME": str(home), "COLUMNS": "100",
           "WALLETWATCH_NOW": "2026-11-25T10:00:00+08:00",
           "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}

    def step(match: re.Match) -> str:
        kind, command = match.group(1), match.group(2).strip()
        show_rc = command.endswith("#rc")
        command = command.removesuffix("#rc").strip()
        done = subprocess.run(command, shell=True, cwd=work, env=env, capture_output=True,
                              text=True)
        if kind == "!":
            return ""
        out = "\n".join(line.rstrip() for line in (done.stdout + done.stderr).splitlines())
        out = out.replace(str(home), "~/.local/share/walletwatch")
        out = out.replace(str(Path(bin_dir) / "python3"), "/home/me/.venv/bin/python3")
        tail = f"\n[exit code {done.returncode}]" if show_rc else ""
        return f"$ {command}\n{out.rstrip()}{tail}\n"

    template = (ROOT / "docs" / "README.template.md").read_text(encoding="utf-8")
    text = re.sub(r"\{\{([!$])(.*?)\}\}\n?", step, template, flags=re.S)
    (ROOT / "README.md").write_text(text, encoding="utf-8")
    shutil.rmtree(home, ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
