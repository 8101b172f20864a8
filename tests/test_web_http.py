"""``walletwatch serve`` at the HTTP level, with Starlette's test client.

The page guards a person's statements on a port every local program and every web page the
user visits can reach: these tests check the token, the CSRF check, the upload limit, the
escaping of export text, and that the page gives the same answers as the commands.
"""

from __future__ import annotations

import io
import json
import re
import stat

import pytest

pytest.importorskip("starlette")
pytest.importorskip("multipart")

from starlette.testclient import TestClient
from test_report_safety import ATTACKS  # the report's hostile names
from web_helpers import (
    ALIPAY,
    HOSTILE,
    TOKEN,
    Tags,
    findings_on,
    payee_buttons,
    wechat_with_bad_amount,
    wechat_with_payee,
)

from walletwatch import allowlist
from walletwatch.web import create_app
from walletwatch.web.security import cookie_name, csrf_value
from walletwatch.web.workspace import Workspace

CSRF = csrf_value(TOKEN)


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    monkeypatch.setenv("WALLETWATCH_HOME", str(tmp_path / "home"))  # allowlist of run_check
    space = Workspace(tmp_path / "private", state=tmp_path / "state.sqlite")
    yield space
    space.close()


BASE = "http://127.0.0.1:8765"  # what the browser sends as Host


def _client(workspace, **options) -> TestClient:
    client = TestClient(create_app(workspace, TOKEN, **options), base_url=BASE,
                        follow_redirects=True)
    assert client.get(f"/?token={TOKEN}").status_code == 200
    return client


@pytest.fixture
def client(workspace):
    return _client(workspace)


def _upload(client, *files: tuple[str, bytes]):
    return client.post("/scan", data={"csrf": CSRF},
                       files=[("files", (name, data, "text/csv")) for name, data in files])


def _scan_alipay(client):
    response = _upload(client, ("alipay_2026.csv", ALIPAY.read_bytes()))
    assert response.status_code == 200
    return response, response.url.path.rsplit("/", 1)[-1]


# --- the token ------------------------------------------------------------------------------

@pytest.mark.parametrize("method, path", [("GET", "/"), ("GET", "/static/app.css"),
                                          ("GET", "/cases"), ("GET", "/checks"),
                                          ("POST", "/scan"), ("POST", "/cases/open")])
def test_every_url_needs_the_token(workspace, method, path):
    client = TestClient(create_app(workspace, TOKEN), base_url=BASE)
    assert client.request(method, path).status_code == 403
    assert client.request(method, path + "?token=wrong").status_code == 403
    client.cookies.set(cookie_name(TOKEN), "wrong")
    assert client.request(method, path).status_code == 403


def test_the_token_becomes_a_strict_cookie_and_leaves_the_url(workspace):
    client = TestClient(create_app(workspace, TOKEN), base_url=BASE, follow_redirects=False)
    response = client.get(f"/checks?token={TOKEN}&lang=en")
    assert response.status_code == 303
    assert response.headers["location"] == "/checks?lang=en"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{cookie_name(TOKEN)}={TOKEN}")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert client.get("/checks").status_code == 200  # the cookie now carries it


def test_a_foreign_host_name_is_refused_even_with_the_token(client):
    # DNS rebinding: a page on evil.example resolving to 127.0.0.1 sends its own Host.
    assert client.get("/", headers={"host": "evil.example"}).status_code == 403
    assert client.get("/", headers={"host": "evil.example:8765"}).status_code == 403
    assert client.get("/", headers={"host": "localhost:8765"}).status_code == 200
    assert client.get("/").status_code == 200


# --- CSRF -----------------------------------------------------------------------------------

def test_state_changing_requests_need_the_csrf_value(client, workspace, tmp_path):
    response, set_id = _scan_alipay(client)
    finding, index, _ = payee_buttons(response.text)[0]
    for data in ({}, {"csrf": "forged"}, {"csrf": CSRF[:-1] + "0"}):
        assert client.post(f"/scan/{set_id}/allow",
                           data={**data, "finding": finding, "payee": index}).status_code == 403
        assert client.post(f"/scan/{set_id}/track", data=data).status_code == 403
        assert client.post("/scan", data=data,
                           files=[("files", ("a.csv", b"x", "text/csv"))]).status_code == 403
    assert allowlist.read(tmp_path / "home" / "allowlist.json") == []
    assert not (tmp_path / "state.sqlite").exists()
    assert len(workspace.sets) == 1  # the forged uploads were not kept


def test_state_is_never_changed_by_a_get(client):
    _, set_id = _scan_alipay(client)
    assert client.get(f"/scan/{set_id}/allow").status_code == 405
    assert client.get("/cases/open").status_code == 405


# --- uploads --------------------------------------------------------------------------------

def test_an_upload_over_the_limit_is_refused_and_not_kept(workspace):
    client = _client(workspace, max_upload=64 * 1024)
    response = _upload(client, ("alipay_2026.csv", ALIPAY.read_bytes()))  # ~100 KB
    assert response.status_code == 413
    assert "64 MB" not in response.text and "limit" in response.text
    assert workspace.sets == {}
    assert list(workspace.root.iterdir()) == []


def test_an_upload_without_content_length_is_cut_at_the_limit(workspace):
    client = _client(workspace, max_upload=64 * 1024)

    def chunks():
        yield b"--x\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + CSRF.encode()
        for _ in range(100):
            yield b"\r\n" + b"a" * 4096

    response = client.post("/scan", content=chunks(),
                           headers={"content-type": "multipart/form-data; boundary=x"})
    assert response.status_code == 413
    assert workspace.sets == {}


def test_uploads_are_private_and_removed_with_the_workspace(client, workspace):
    _scan_alipay(client)
    assert stat.S_IMODE(workspace.root.stat().st_mode) == 0o700
    files = [p for p in workspace.root.rglob("*") if p.is_file()]
    assert files and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in files)
    workspace.close()
    assert not workspace.root.exists()


def test_a_hostile_file_name_stays_inside_the_private_folder(client, workspace):
    response = _upload(client, ("../../etc/evil<b>.csv", ALIPAY.read_bytes()))
    assert response.status_code == 200
    [upload] = workspace.latest().uploads
    assert upload.path.parent.parent == workspace.root
    assert "<b>" not in upload.name and "evil" in upload.name


# --- what the scan page shows ---------------------------------------------------------------

def test_scan_page_shows_the_same_findings_as_scan(client):
    from walletwatch.pipeline import scan

    response, _ = _scan_alipay(client)
    expected = [f.id for f in scan([ALIPAY]).findings]
    shown = findings_on(response.text)
    assert sorted(shown) == sorted(expected)
    high = re.search(r'data-severity="high">(.*?)</section>', response.text, re.S).group(1)
    assert "failed-but-debited" in high and "5636.00 CNY" in high and "1299.00 CNY" in high
    assert "<details>" in response.text  # the rows behind each finding, expandable


def test_a_bad_file_gets_a_clear_message_and_the_others_still_scan(client):
    response = _upload(client, ("statement.pdf", b"%PDF-1.4\x00\x01\x02binary"),
                       ("alipay_2026.csv", ALIPAY.read_bytes()),
                       ("empty.csv", b""))
    assert response.status_code == 200
    errors = re.findall(r'<p class="error" role="alert">([^<]*)</p>', response.text)
    assert len(errors) == 2
    assert errors[0].startswith("This file could not be read: statement.pdf: this is a PDF")
    assert errors[1].startswith("This file could not be read: empty.csv: ")
    assert "walletwatch-web" not in response.text and "/statement.pdf" not in response.text  # no private folder name in messages
    assert "failed-but-debited" in response.text  # the good file was scanned


def test_rejected_rows_are_listed_with_line_and_reason(client):
    data, line = wechat_with_bad_amount()
    response = _upload(client, ("wechat.csv", data))
    rows = re.search(r'<details class="rejected">(.*?)</details>', response.text, re.S).group(1)
    assert f"<td>{line}</td><td><code>bad-amount</code></td>" in rows
    assert "1 rejected" in response.text


@pytest.mark.parametrize("name", [*ATTACKS, *HOSTILE])
def test_hostile_payee_names_render_as_text(client, name):
    response = _upload(client, ("wechat.csv", wechat_with_payee(name)))
    assert response.status_code == 200
    page = Tags(response.text)
    scripts = [a.get("src") for tag, a in page.tags if tag == "script"]
    assert scripts == ["/static/app.js"]
    assert not [tag for tag, _ in page.tags if tag in ("img", "iframe", "object")]
    assert not [k for _, a in page.tags for k in a if k.startswith("on")]
    assert not [a for tag, a in page.tags if tag == "a" and "javascript" in (a.get("href") or "")]
    assert "\x1b" not in response.text and "\u202e" not in response.text
    visible = name.replace("\x1b[2J", "").replace("\u202e", "").strip()[:12]
    assert visible in page.all_text()


def test_the_page_forbids_inline_script(client):
    response = client.get("/")
    policy = response.headers["content-security-policy"]
    script = re.search(r"script-src ([^;]*)", policy).group(1)
    assert script == "'self'"
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    page = Tags(response.text)
    assert [a for tag, a in page.tags if tag == "script"] == [{"src": "/static/app.js",
                                                              "defer": None}]


# --- This was me ----------------------------------------------------------------------------

def test_this_was_me_allows_the_payee_and_rescores(client, tmp_path):
    response, set_id = _scan_alipay(client)
    buttons = payee_buttons(response.text)
    assert [b[2] for b in buttons] == ["某游戏点卡商城", "某虚拟商品平台", "李**"]
    finding, index, shown = buttons[0]
    response = client.post(f"/scan/{set_id}/allow",
                           data={"csrf": CSRF, "finding": finding, "payee": index})
    assert response.status_code == 200
    assert shown in re.search(r'class="notice"[^>]*>([^<]*)', response.text).group(1)
    assert "?" not in response.url.path and not response.url.query  # nothing reflected
    assert allowlist.read(tmp_path / "home" / "allowlist.json") == [shown]
    assert finding not in findings_on(response.text)  # what `allow` + `scan` do:
    assert [b[2] for b in payee_buttons(response.text)] == ["某虚拟商品平台", "李**"]
    assert "4988.00 CNY" in response.text  # the incident without the payee, re-scored


def test_this_was_me_takes_the_payee_from_the_scan_not_the_form(client, tmp_path):
    _, set_id = _scan_alipay(client)
    response = client.post(f"/scan/{set_id}/allow",
                           data={"csrf": CSRF, "finding": "made-up", "payee": "0"})
    assert response.status_code == 404
    assert allowlist.read(tmp_path / "home" / "allowlist.json") == []


# --- the evidence pack ----------------------------------------------------------------------

CASE_FORM = {"complainant_name": "王小明", "respondent_legal_name": "支付宝（中国）网络技术有限公司",
             "noticed_on": "2026-10-12", "noticed_how": "短信提醒", "sec_phone_in_possession": "yes",
             "sec_code_or_password_shared": "no", "comm_date": "2026-10-13",
             "comm_channel": "在线客服", "comm_summary": "已冻结账户", "demand_refund": "on",
             "demand_amount": "5636.00", "demand_currency": "CNY", "exhibits": "短信截图\n报警回执"}


@pytest.mark.parametrize("kind", ["pdf", "html", "md", "json", "csv"])
def test_the_pack_downloads_in_every_format(client, kind):
    _, set_id = _scan_alipay(client)
    response = client.post(f"/report/{set_id}", data={"csrf": CSRF, "action": kind,
                                                      "lang": "zh", **CASE_FORM})
    assert response.status_code == 200
    assert response.headers["content-disposition"] == \
        f'attachment; filename="walletwatch-report.{kind}"'
    if kind == "pdf":
        from pypdf import PdfReader

        assert len(PdfReader(io.BytesIO(response.content)).pages) >= 2
    elif kind == "json":
        doc = json.loads(response.content)
        assert doc["parties"]["complainant"]["name"] == "王小明"
        assert doc["parties"]["respondent"]["name"] == "支付宝（中国）网络技术有限公司"
        assert doc["demand"]["items"][0]["kind"] == "refund"
        assert doc["demand"]["items"][0]["amount"] == "5636.00"
        facts = {f["key"]: f["value"] for f in doc["security"]["facts"]}
        assert facts["phone_in_possession"] is True and facts["code_or_password_shared"] is False
        assert doc["communications"][0]["summary"] == "已冻结账户"
    elif kind == "md":
        assert "王小明" in response.text and "5636.00" in response.text


def test_the_pack_equals_the_report_command(client, tmp_path):
    from walletwatch.report.api import make_report

    _, set_id = _scan_alipay(client)
    response = client.post(f"/report/{set_id}", data={"csrf": CSRF, "action": "json",
                                                      "lang": "en"})
    make_report([str(ALIPAY)], tmp_path / "cli.json", lang="en")
    page, cli = json.loads(response.content), json.loads((tmp_path / "cli.json").read_text())
    assert [t["txn_id"] for t in page["transactions"]] == [t["txn_id"] for t in cli["transactions"]]
    assert page["summary"] == cli["summary"] and page["totals"] == cli["totals"]


def test_the_preview_is_the_html_pack_without_script(client):
    _, set_id = _scan_alipay(client)
    response = client.post(f"/report/{set_id}", data={"csrf": CSRF, "action": "preview"})
    assert response.status_code == 200 and "content-disposition" not in response.headers
    policy = response.headers["content-security-policy"]
    assert "script-src" not in policy and "default-src 'none'" in policy
    assert "5636.00" in response.text


def test_a_bad_case_fact_is_shown_on_the_form(client):
    _, set_id = _scan_alipay(client)
    response = client.post(f"/report/{set_id}", data={"csrf": CSRF, "action": "pdf",
                                                      "noticed_on": "last Tuesday",
                                                      "complainant_name": "王小明"})
    assert response.status_code == 400
    assert "noticed_on" in response.text and "is not a date" in response.text
    assert 'value="王小明"' in response.text  # what was typed is kept


def test_the_pack_leaves_out_a_file_that_could_not_be_read(client):
    response = _upload(client, ("bad.csv", b"\x00\x01"), ("alipay_2026.csv", ALIPAY.read_bytes()))
    set_id = response.url.path.rsplit("/", 1)[-1]
    response = client.post(f"/report/{set_id}", data={"csrf": CSRF, "action": "json"})
    assert response.status_code == 200
    sources = json.loads(response.content)["header"]["sources"]
    assert [s["file"] for s in sources] == ["alipay_2026.csv"]


# --- cases and checks -----------------------------------------------------------------------

def test_case_follow_up_from_the_page(client, tmp_path):
    from walletwatch.cases import api as case_api

    _, set_id = _scan_alipay(client)
    response = client.post(f"/scan/{set_id}/track", data={"csrf": CSRF})
    assert "New transactions: 637;" in response.text
    finding = "unrecognised-activity-654029967a1b"
    opened = client.post("/cases/open", data={"csrf": CSRF, "finding": finding,
                                              "channel": "wallet-cn", "date": "2026-11-02",
                                              "reference": "CS20261102-0042"})
    assert opened.status_code == 200 and 'id="C-0001"' in opened.text
    again = client.post("/cases/open", data={"csrf": CSRF, "finding": finding,
                                             "channel": "pboc-12363", "date": "2026-11-05"})
    assert again.status_code == 409
    assert "Already in open case(s) C-0001" in again.text
    assert len(case_api.list_cases(None, state=tmp_path / "state.sqlite")) == 1
    client.post("/cases/C-0001/log", data={"csrf": CSRF, "date": "2026-11-03",
                                           "channel": "in-app chat", "agent": "客服 1024",
                                           "summary": "Account frozen"})
    view = case_api.show("C-0001", state=tmp_path / "state.sqlite")
    assert [e["summary"] for e in view.log] == ["complaint opened", "Account frozen"]
    assert view.follow_up.date.isoformat() == "2026-11-10"
    refused = client.post("/cases/C-0001/log", data={"csrf": CSRF, "date": "2026-11-04",
                                                     "kind": "shout"})
    assert refused.status_code == 400 and "unknown log kind &#39;shout&#39;" in refused.text
    bad_day = client.post("/cases/C-0001/close", data={"csrf": CSRF, "date": "20/11/2026"})
    assert bad_day.status_code == 400 and 'role="alert"' in bad_day.text
    assert case_api.show("C-0001", state=tmp_path / "state.sqlite").status == "open"
    client.post("/cases/C-0001/close", data={"csrf": CSRF, "date": "2026-11-20",
                                             "note": "refunded 5636.00"})
    assert case_api.show("C-0001", state=tmp_path / "state.sqlite").status == "closed"
    confirmed = client.post("/cases/open", data={"csrf": CSRF, "finding": finding,
                                                 "channel": "pboc-12363", "date": "2026-11-21"})
    assert confirmed.status_code == 200 and 'id="C-0002"' in confirmed.text


def test_checks_page_reads_the_state_of_check(client, tmp_path):
    from walletwatch.scheduled.check import run_check

    assert "No scheduled check has run yet." in client.get("/checks?lang=en").text
    run_check([ALIPAY], state=tmp_path / "state.sqlite", notify=["stdout"], echo=lambda _: None)
    page = client.get("/checks").text
    assert re.search(r'<td class="num">1</td><td class="num">637</td><td class="num">\d+</td>',
                     page)
    assert "walletwatch schedule --every daily" in page and "--install" in page
    assert "failed-but-debited" in page


# --- languages ------------------------------------------------------------------------------

def test_language_follows_the_browser_and_can_be_switched(client):
    assert "检查钱包账单" in client.get("/", headers={"accept-language": "zh-CN,zh;q=0.9"}).text
    assert "Check a wallet statement" in client.get(
        "/", headers={"accept-language": "en-GB,en;q=0.8"}).text
    assert "Check a wallet statement" in client.get(
        "/?lang=en", headers={"accept-language": "zh-CN"}).text
    assert "Check a wallet statement" in client.get(  # remembered
        "/", headers={"accept-language": "zh-CN"}).text
    response, _ = _scan_alipay(client)
    client.get("/?lang=zh")
    response = client.get(response.url.path)
    assert "交易失败但已扣款" in response.text and "需要您留意的交易" in response.text


def test_a_bug_is_one_line_on_the_page_not_a_trace(client, monkeypatch, capsys):
    import walletwatch.pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("something nobody expected\nsecond line")

    monkeypatch.setattr(walletwatch.pipeline, "scan", broken)
    response = client.post("/scan", data={"csrf": CSRF},
                           files=[("files", ("a.csv", ALIPAY.read_bytes(), "text/csv"))])
    assert response.status_code == 500
    assert "internal error: RuntimeError: something nobody expected" in response.text
    assert "Traceback" not in response.text and "second line" not in response.text
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error: RuntimeError" in err
