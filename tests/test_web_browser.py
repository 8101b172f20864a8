"""``walletwatch serve`` in a real browser, as a person without a terminal uses it.

The server runs as a real subprocess on a free loopback port; Chromium (the system package,
driven by Playwright's Python package, as in ``test_report_browser``) uploads the shipped Alipay
sample, marks a payee as known, fills the case form, downloads the PDF pack and logs a complaint.
Screenshots of every page in zh and en (and at phone width) are kept under the test's tmp dir.
Skipped without Chromium or the playwright package.
"""

from __future__ import annotations

import io
import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from browser_helpers import launch, needs_chromium

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data" / "alipay_2026.csv"
PHONE = {"width": 390, "height": 844}

pytestmark = needs_chromium


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    """``walletwatch serve --no-browser`` as a subprocess: (url with token, process, tmpdir)."""
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    env = {**os.environ, "WALLETWATCH_HOME": str(tmp_path / "home"), "TMPDIR": str(private_tmp),
           "PYTHONUNBUFFERED": "1"}
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "walletwatch", "serve", "--no-browser", "--port", str(port),
         "--state", str(tmp_path / "state.sqlite")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
    first = process.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:\d+/\?token=[\w-]+", first)
    assert match, first + process.stderr.read()
    _wait_for(port)
    yield match.group(0), process, private_tmp
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=20)


def _wait_for(port: int) -> None:
    import time

    for _ in range(200):
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError("walletwatch serve did not start listening")


@pytest.fixture
def browser():
    yield from launch()


def _shoot(page, shots: Path, name: str) -> None:
    """Both languages of the current page, full length, then back to English."""
    path = page.url.split("?")[0].split("#")[0]
    for lang in ("zh", "en"):
        page.goto(f"{path}?lang={lang}")
        page.screenshot(path=str(shots / f"{name}-{lang}.png"), full_page=True)


def _no_sideways_scroll(page) -> None:
    width = page.evaluate("() => [document.documentElement.scrollWidth, "
                          "document.documentElement.clientWidth]")
    assert width[0] <= width[1] + 1, width


def test_from_export_to_pack_and_logged_complaint(server, browser, tmp_path):
    url, process, private_tmp = server
    shots = tmp_path / "screenshots"
    shots.mkdir()
    context = browser.new_context(accept_downloads=True, locale="en-GB",
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []  # a CSP violation or script error shows up here
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    page.goto(url)
    assert "token" not in page.url  # moved to a cookie
    _shoot(page, shots, "upload")
    page.set_input_files("#files", str(SAMPLE))
    with page.expect_navigation(url=re.compile(r"/scan/\w+$")):
        page.click("button[type=submit]")

    # the high findings, with their plain reasons and the money at stake
    high = page.locator("[data-severity=high] article")
    assert high.count() == 2
    text = page.locator("[data-severity=high]").inner_text()
    assert "Failed payment but money left the account" in text
    assert "1299.00 CNY" in text and "5636.00 CNY" in text
    first = high.first.locator("details")
    first.locator("summary").click()
    assert first.locator("tbody tr").count() >= 1
    _shoot(page, shots, "scan")

    # This was me: the payee leaves the finding, which is re-scored
    mine = page.get_by_role("button", name="This was me: 某游戏点卡商城")
    with page.expect_navigation():
        mine.click()
    assert "某游戏点卡商城 is now on your list of known payees" in page.inner_text(".notice")
    assert page.get_by_role("button", name="This was me: 某游戏点卡商城").count() == 0
    assert page.get_by_role("button", name="This was me: 某虚拟商品平台").count() == 1
    assert "5636.00 CNY" not in page.inner_text("main")
    scan_url = page.url.split("?")[0]

    # the evidence pack: case facts, then the PDF
    page.click("text=Build the evidence pack")
    _shoot(page, shots, "report")
    page.select_option("select[name=lang]", "zh")
    page.fill("input[name=complainant_name]", "林晓")
    page.fill("input[name=respondent_legal_name]", "支付宝（中国）网络技术有限公司")
    page.fill("input[name=noticed_on]", "2026-10-12")
    page.select_option("select[name=sec_phone_in_possession]", "yes")
    page.check("input[name=demand_refund]")
    page.fill("input[name=demand_amount]", "4988.00")
    page.fill("input[name=demand_currency]", "CNY")
    page.screenshot(path=str(shots / "report-filled-en.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download PDF").click()
    pdf = tmp_path / download.value.suggested_filename
    download.value.save_as(pdf)
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    assert len(reader.pages) >= 2
    assert "林晓" in "".join(p.extract_text() or "" for p in reader.pages)

    # the preview: the HTML pack in a new tab, under a policy that allows no script
    with context.expect_page() as opened:
        page.get_by_role("button", name="Preview").click()
    preview = opened.value
    preview.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    preview.wait_for_load_state()
    body = preview.inner_text("body")
    assert "林晓" in body and "支付宝（中国）网络技术有限公司" in body
    assert "退还 CNY 4988.00" in body  # the demand from the form
    preview.screenshot(path=str(shots / "preview-zh.png"))
    preview.close()

    # follow-up: keep the findings, open a case, log a contact
    page.goto(scan_url)
    with page.expect_navigation(url=re.compile(r"/cases")):
        page.get_by_role("button", name="Keep these findings in my follow-up log").click()
    page.locator("input[name=finding]").first.check()
    page.fill("#open input[name=reference]", "CS20261102-0042")
    with page.expect_navigation():
        page.get_by_role("button", name="Open the case").click()
    case = page.locator("article#C-0001")
    assert "follow up after 7 days" in case.inner_text()
    case.locator("summary", has_text="Log a contact").click()
    case.locator("input[name=summary]").fill("Account frozen; investigation opened")
    with page.expect_navigation():
        case.get_by_role("button", name="Save").click()
    assert "Account frozen; investigation opened" in page.locator("article#C-0001").inner_text()
    _shoot(page, shots, "cases")

    page.goto(url.split("?")[0] + "checks")
    assert "walletwatch schedule --every daily" in page.inner_text("main")
    assert "Open findings" in page.inner_text("main")
    _shoot(page, shots, "checks")

    # a phone-sized window: nothing scrolls sideways
    phone = context.new_page()
    phone.set_viewport_size(PHONE)
    for path in (scan_url, "/cases", "/checks"):
        phone.goto(url.split("/?")[0] + path if path.startswith("/") else path)
        _no_sideways_scroll(phone)
    phone.screenshot(path=str(shots / "checks-phone.png"), full_page=True)
    phone.goto(scan_url)
    phone.screenshot(path=str(shots / "scan-phone.png"), full_page=True)

    assert problems == [], problems
    assert len(list(shots.glob("*.png"))) >= 12
    context.close()

    # stopping the server removes the uploads
    assert any(private_tmp.iterdir())
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=20) == 0
    assert list(private_tmp.iterdir()) == []


def test_without_the_token_the_browser_gets_403(server, browser):
    url, _, _ = server
    page = browser.new_page()
    response = page.goto(url.split("?")[0])
    assert response.status == 403
    assert "walletwatch serve" in page.inner_text("body")
    page.close()


def test_the_core_flow_works_without_javascript(server, browser):
    url, _, _ = server
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    page = context.new_page()
    page.goto(url)
    page.set_input_files("#files", str(SAMPLE))
    with page.expect_navigation(url=re.compile(r"/scan/\w+$")):
        page.click("button[type=submit]")
    assert page.locator("[data-severity=high] article").count() == 2
    assert "交易失败但已扣款" in page.inner_text("main")  # the browser asked for Chinese
    with page.expect_navigation():
        page.get_by_role("button", name="这是我本人：李**").click()
    assert page.get_by_role("button", name="这是我本人：李**").count() == 0
    context.close()


def test_files_dropped_on_the_chooser_are_taken(server, browser):
    url, _, _ = server
    page = browser.new_page()
    page.goto(url)
    page.evaluate("""() => {
        const data = new DataTransfer();
        data.items.add(new File(["a,b\\n"], "dropped.csv", {type: "text/csv"}));
        const zone = document.querySelector("[data-drop]");
        zone.dispatchEvent(new DragEvent("drop", {dataTransfer: data, bubbles: true,
                                                  cancelable: true}));
    }""")
    assert page.evaluate("() => document.getElementById('files').files[0].name") == "dropped.csv"
    page.close()
