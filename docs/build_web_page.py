"""Regenerate the README's picture of the local web page from the shipped sample.

    python docs/build_web_page.py

Starts ``walletwatch serve --no-browser`` on a free loopback port with an empty walletwatch
home, uploads ``sample_data/alipay_2026.csv`` in Chromium (the system package, driven by
Playwright's Python package) and saves the findings page as ``docs/web-page.png``, so the
picture shows what a new user sees and cannot go stale.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data" / "alipay_2026.csv"
TARGET = ROOT / "docs" / "web-page.png"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEW = {"width": 1000, "height": 1250}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(home: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "WALLETWATCH_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, "-m", "walletwatch", "serve", "--no-browser",
                                "--port", str(port), "--state", str(home / "state.sqlite")],
                               stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    match = re.search(r"http://127\.0\.0\.1:\d+/\?token=[\w-]+", process.stdout.readline())
    if match is None:
        process.kill()
        raise SystemExit("walletwatch serve did not print its address")
    for _ in range(200):
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return process, match.group(0)
        time.sleep(0.05)
    process.kill()
    raise SystemExit("walletwatch serve did not start listening")


def shoot(url: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport=VIEW, locale="en-GB")
        page.goto(url)
        page.set_input_files("#files", str(SAMPLE))
        with page.expect_navigation(url=re.compile(r"/scan/\w+$")):
            page.click("button[type=submit]")
        page.locator("[data-severity=high] article").nth(1).locator("summary").click()
        page.screenshot(path=str(TARGET))
        browser.close()
    print(f"wrote {TARGET}")


def main() -> int:
    if not Path(CHROMIUM).exists():
        print("chromium not found: install the chromium package", file=sys.stderr)
        return 2
    home = Path(tempfile.mkdtemp())
    process, url = start_server(home)
    try:
        shoot(url)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=20)
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
