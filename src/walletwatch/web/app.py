"""The routes of ``walletwatch serve``: Scan, This was me, Evidence pack, Cases, Checks.

Each handler parses a form, calls the library function the matching command calls and renders
a template; heavy calls run in a worker thread so the page stays responsive.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from walletwatch.errors import WalletwatchError
from walletwatch.web import i18n, security, state as state_view
from walletwatch.web.workspace import Workspace, payee_of, scan_view

LANG_COOKIE = "walletwatch_lang"
REPORT_TYPES = {"pdf": "application/pdf", "html": "text/html; charset=utf-8",
                "md": "text/markdown; charset=utf-8", "json": "application/json",
                "csv": "text/csv; charset=utf-8"}
MAX_FILES = 20


class FormRejected(Exception):
    """A POST without a valid CSRF value."""


def _environment() -> Environment:
    # Autoescape everywhere: payee names, reasons and file names come from the export; and no
    # escape sequence or bidi override from a cell reorders what the owner reads.
    env = Environment(loader=PackageLoader("walletwatch.web", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      finalize=_printable)
    env.filters["when"] = lambda iso: (iso or "")[:16].replace("T", " ")
    env.filters["when_zone"] = _when_zone
    env.filters["case_word"] = _case_word  # "complaint opened", "in-app chat", wallet-cn
    env.filters["money"] = lambda stake: ", ".join(f"{a} {c}" for c, a in (stake or {}).items())
    return env


def _when_zone(iso: str | None) -> str:
    """``2026-10-31 15:59 UTC+00:00``: a stored time with its offset, written as people do."""
    if not iso:
        return ""
    offset = iso[19:].lstrip(".0123456789") if len(iso) > 19 else ""
    return iso[:16].replace("T", " ") + (f" UTC{offset}" if offset else "")


def _case_word(value: str | None, lang: str) -> str:
    from walletwatch.report.case_words import translate

    return translate(value, lang) or ""


def _printable(value: Any) -> Any:
    from markupsafe import Markup

    from walletwatch.safetext import printable_lines

    if isinstance(value, str) and not isinstance(value, Markup):  # Markup: our own macros
        return printable_lines(value)
    return value


def create_app(workspace: Workspace, token: str, *, max_upload: int = 200 * 1024 * 1024):
    """The ASGI application, wrapped in the token / CSRF / size / header guard."""
    env = _environment()

    def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        lang = i18n.pick_lang(request.query_params.get("lang"), request.cookies.get(LANG_COOKIE),
                              request.headers.get("accept-language"))
        t = i18n.translator(lang)
        other = "en" if lang == "zh" else "zh"
        switch = _page_of(request) + "?" + urlencode(
            {**{k: v for k, v in request.query_params.items() if k != "lang"}, "lang": other})
        latest = workspace.latest()
        html = env.get_template(name).render(
            t=t, lang=lang, other_lang=other, switch_url=switch, channel_label=i18n.channel_label,
            csrf=security.csrf_value(token), latest=latest.id if latest else None,
            max_mb=max_upload // (1024 * 1024), **context)
        response = HTMLResponse(html, status_code=status)
        if request.query_params.get("lang") in i18n.LANGS:
            response.set_cookie(LANG_COOKIE, lang, samesite="strict", httponly=True)
        return response

    async def form_of(request: Request):
        form = await request.form(max_files=MAX_FILES, max_fields=200)
        if not security.csrf_ok(token, form.get("csrf")):
            raise FormRejected
        return form

    def failed(request: Request, error: WalletwatchError, template: str, **context: Any):
        from walletwatch.report.mask import mask_text

        message = error.one_line()
        if not workspace.show_identifiers:
            message = mask_text(message)
        return render(request, template, status=400, error=message, **context)

    # --- Scan ------------------------------------------------------------------------------

    async def index(request: Request):
        return render(request, "index.html.j2", page="scan", sets=_recent_sets(workspace))

    async def upload(request: Request):
        form = await form_of(request)
        files = [f for f in form.getlist("files") if getattr(f, "filename", None)]
        if not files:
            return render(request, "index.html.j2", status=400, page="scan",
                          sets=_recent_sets(workspace), error_key="no_files")
        contents = [(f.filename, await f.read()) for f in files]
        upload_set = await run_in_threadpool(workspace.add, contents)
        try:
            await run_in_threadpool(workspace.scan, upload_set)
        except WalletwatchError:
            pass  # the results page says what went wrong
        return RedirectResponse(f"/scan/{upload_set.id}", status_code=303)

    def _set_or_404(request: Request):
        return workspace.get(request.path_params["set_id"])

    async def results(request: Request):
        upload_set = _set_or_404(request)
        if upload_set is None:
            return render(request, "error.html.j2", status=404, page="scan", error_key="not_found")
        try:
            result = await run_in_threadpool(workspace.scan, upload_set)
        except WalletwatchError as error:
            return failed(request, error, "error.html.j2", page="scan")
        view = scan_view(result, upload_set.id, workspace.show_identifiers)
        allowed, upload_set.notice = upload_set.notice, None  # shown once
        return render(request, "results.html.j2", page="scan", view=view, allowed=allowed)

    async def allow(request: Request):
        form = await form_of(request)
        upload_set = _set_or_404(request)
        if upload_set is None:
            return render(request, "error.html.j2", status=404, page="scan", error_key="not_found")
        result = await run_in_threadpool(workspace.scan, upload_set)
        index = form.get("payee", "")
        payee = payee_of(result, str(form.get("finding", "")),
                         int(index) if str(index).isdigit() else -1)
        if payee is None:
            return render(request, "error.html.j2", status=404, page="scan", error_key="not_found")
        try:
            await run_in_threadpool(workspace.allow, payee)
            await run_in_threadpool(workspace.scan, upload_set)  # re-score now
        except WalletwatchError as error:
            return failed(request, error, "error.html.j2", page="scan")
        from walletwatch.report.mask import mask_text

        upload_set.notice = payee if workspace.show_identifiers else mask_text(payee)
        return RedirectResponse(f"/scan/{upload_set.id}", status_code=303)

    async def track(request: Request):
        await form_of(request)
        upload_set = _set_or_404(request)
        if upload_set is None:
            return render(request, "error.html.j2", status=404, page="scan", error_key="not_found")
        await run_in_threadpool(workspace.scan, upload_set)
        try:
            outcome = await run_in_threadpool(_track, workspace, upload_set)
        except WalletwatchError as error:
            return failed(request, error, "error.html.j2", page="scan")
        query = urlencode({"new": outcome.new, "open": outcome.open_findings})
        return RedirectResponse(f"/cases?{query}", status_code=303)

    # --- Evidence pack -----------------------------------------------------------------------

    async def report_form(request: Request):
        upload_set = _set_or_404(request)
        if upload_set is None:
            return render(request, "error.html.j2", status=404, page="report",
                          error_key="not_found")
        return render(request, "report.html.j2", page="report", set_id=upload_set.id,
                      form={}, stored=await run_in_threadpool(_stored_cases, workspace))

    async def report_make(request: Request):
        form = await form_of(request)
        upload_set = _set_or_404(request)
        if upload_set is None:
            return render(request, "error.html.j2", status=404, page="report",
                          error_key="not_found")
        action = str(form.get("action", "preview"))
        kind = "html" if action == "preview" else action
        if kind not in REPORT_TYPES:
            return render(request, "error.html.j2", status=400, page="report",
                          error_key="bad_request")
        values = {k: str(v) for k, v in form.items() if isinstance(v, str)}
        try:
            await run_in_threadpool(workspace.scan, upload_set)
            data, name = await run_in_threadpool(_make_pack, workspace, upload_set, values, kind)
        except WalletwatchError as error:
            return failed(request, error, "report.html.j2", page="report", set_id=upload_set.id,
                          form=values, stored=await run_in_threadpool(_stored_cases, workspace))
        if action == "preview":
            return Response(data, media_type=REPORT_TYPES["html"],
                            headers={"content-security-policy": security.PREVIEW_CSP})
        return Response(data, media_type=REPORT_TYPES[kind],
                        headers={"content-disposition": f'attachment; filename="{name}"'})

    # --- Cases -------------------------------------------------------------------------------

    async def cases_page(request: Request, status: int = 200, **extra: Any):
        try:
            data = await run_in_threadpool(_cases_data, workspace)
        except WalletwatchError as error:
            return failed(request, error, "error.html.j2", page="cases")
        tracked = None
        if request.query_params.get("new") is not None:
            tracked = {"new": request.query_params.get("new"),
                       "open": request.query_params.get("open")}
        return render(request, "cases.html.j2", status=status, page="cases", tracked=tracked,
                      today=date.today().isoformat(), **data, **extra)

    async def case_open(request: Request):
        from walletwatch.cases import api as case_api

        form = await form_of(request)
        ids = [str(v) for v in form.getlist("finding")]
        values = {k: str(v) for k, v in form.items() if isinstance(v, str)}
        if not ids:
            return await cases_page(request, 400, open_error_key="no_findings_chosen",
                                    open_form=values)
        try:
            overlap = await run_in_threadpool(
                lambda: case_api.overlapping(ids, state=workspace.state))
            if overlap and values.get("confirm") != "yes":
                listed = ", ".join(f"{cid} ({n})" for cid, n in overlap.items())
                return await cases_page(request, 409, overlap=listed, open_form=values,
                                        chosen=ids)
            await run_in_threadpool(lambda: case_api.open_case(
                ids, channel=values.get("channel", "wallet-cn"),
                opened_on=_day(values.get("date")), reference=values.get("reference") or None,
                remind_days=_int(values.get("remind_days")), state=workspace.state))
        except (WalletwatchError, ValueError) as error:
            return await cases_page(request, 400, open_error=_message(error), open_form=values)
        return RedirectResponse("/cases", status_code=303)

    async def change_case(request: Request, change: Callable[[str, dict[str, str]], Any]):
        """One form -> case api call -> the case on the page, or its error beside the case."""
        form = await form_of(request)
        values = {k: str(v) for k, v in form.items() if isinstance(v, str)}
        case_id = request.path_params["case_id"]
        try:
            await run_in_threadpool(lambda: change(case_id, values))
        except (WalletwatchError, ValueError) as error:
            return await cases_page(request, 400, case_error={case_id: _message(error)})
        return RedirectResponse(f"/cases#{case_id}", status_code=303)

    async def case_log(request: Request):
        from walletwatch.cases import api as case_api

        return await change_case(request, lambda case_id, values: case_api.log(
            case_id, day=_day(values.get("date")), kind=values.get("kind", "contact"),
            channel=values.get("channel") or None, agent=values.get("agent") or None,
            ticket=values.get("ticket") or None, summary=values.get("summary") or None,
            remind_on=_day(values["remind_on"]) if values.get("remind_on") else None,
            state=workspace.state))

    async def case_close(request: Request):
        from walletwatch.cases import api as case_api

        return await change_case(request, lambda case_id, values: case_api.close(
            case_id, day=_day(values.get("date")), note=values.get("note") or None,
            state=workspace.state))

    # --- Checks ------------------------------------------------------------------------------

    async def checks_page(request: Request):
        try:
            data = await run_in_threadpool(_checks_data, workspace)
        except WalletwatchError as error:
            return failed(request, error, "error.html.j2", page="checks")
        return render(request, "checks.html.j2", page="checks", **data)

    async def rejected(request: Request, exc: Exception):
        return render(request, "error.html.j2", status=403, page="", error_key="csrf")

    async def crashed(request: Request, exc: Exception):
        """A bug: one line, as the command line's last-resort handler says it, never a trace."""
        from walletwatch.errors import internal_message

        return render(request, "error.html.j2", status=500, page="",
                      error=internal_message(exc))

    routes = [
        Route("/", index),
        Route("/scan", upload, methods=["POST"]),
        Route("/scan/{set_id:str}", results),
        Route("/scan/{set_id:str}/allow", allow, methods=["POST"]),
        Route("/scan/{set_id:str}/track", track, methods=["POST"]),
        Route("/report/{set_id:str}", report_form),
        Route("/report/{set_id:str}", report_make, methods=["POST"]),
        Route("/cases", cases_page),
        Route("/cases/open", case_open, methods=["POST"]),
        Route("/cases/{case_id:str}/log", case_log, methods=["POST"]),
        Route("/cases/{case_id:str}/close", case_close, methods=["POST"]),
        Route("/checks", checks_page),
        Mount("/static", StaticFiles(packages=[("walletwatch.web", "static")]), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={FormRejected: rejected,
                                                       Exception: crashed})
    return security.Guard(app, token, max_upload)


def _page_of(request: Request) -> str:
    """The page a response belongs to, for the language link: a POST's answer (a form with an
    error, a warning) switches language on the page the form came from."""
    path = request.url.path
    if request.method == "GET":
        return path
    parts = path.strip("/").split("/")
    if parts[0] in ("scan", "report") and len(parts) > 1:
        return f"/{parts[0]}/{parts[1]}"
    return f"/{parts[0]}" if parts[0] in ("cases", "checks") else "/"


# --- library calls, run in a worker thread ----------------------------------------------------

def _recent_sets(workspace: Workspace) -> list[dict[str, Any]]:
    return [{"id": s, "names": [u.name for u in workspace.sets[s].uploads]}
            for s in reversed(workspace.order)]


def _track(workspace: Workspace, upload_set):
    """What ``walletwatch check FILE`` does: import into the state store and alert. The page
    already shows the findings, so the alert goes to a silent stdout notifier."""
    from walletwatch.scheduled.check import run_check

    paths = workspace.paths(upload_set, only_readable=True)
    return run_check(paths, state=workspace.state, config_path=workspace.config_path,
                     notify=["stdout"], echo=lambda _line: None,
                     show_identifiers=workspace.show_identifiers)


def _stored_cases(workspace: Workspace) -> list[Any]:
    from walletwatch.cases import api as case_api

    if not state_view.state_path(workspace.state).exists():
        return []
    return case_api.list_cases(None, state=workspace.state)


def _make_pack(workspace: Workspace, upload_set, values: dict[str, str], kind: str):
    """``make_report`` on the readable uploads with the form's case facts (or a stored case)."""
    from walletwatch.report.api import make_report
    from walletwatch.web.casefacts import case_toml

    folder = workspace.private_dir("report")
    try:
        case: str | None = values.get("stored_case") or None
        if case is None:
            case_file = folder / "case.toml"
            case_file.write_text(case_toml(values), encoding="utf-8")
            case = str(case_file)
        lang = values.get("lang") if values.get("lang") in i18n.LANGS else None
        jurisdiction = values.get("jurisdiction") or None
        name = f"walletwatch-report.{kind}"
        out = folder / name
        make_report(workspace.paths(upload_set, only_readable=True), out, case=case,
                    state=workspace.state, lang=lang, jurisdiction=jurisdiction,
                    show_identifiers=workspace.show_identifiers,
                    scan_options={"config": workspace.config(),
                                  "allowlist_path": workspace.allowlist_path})
        return out.read_bytes(), name
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _cases_data(workspace: Workspace) -> dict[str, Any]:
    from walletwatch.report.mask import mask_document
    from walletwatch.cases import api as case_api
    from walletwatch.cases import deadlines

    views = []
    if state_view.state_path(workspace.state).exists():
        views = case_api.list_cases(None, state=workspace.state)
    mask = (lambda v: v) if workspace.show_identifiers else mask_document
    findings = [mask(f.to_dict()) for f in state_view.open_findings(workspace.state)]
    channels = [(code, ch.label) for code, ch in deadlines.CHANNELS.items()]
    return {"cases": [v.to_dict() for v in views], "open_findings": findings,
            "channels": channels}


def _checks_data(workspace: Workspace) -> dict[str, Any]:
    from walletwatch.report.mask import mask_document

    mask = (lambda v: v) if workspace.show_identifiers else mask_document
    command, entry = state_view.schedule_line(workspace.state)
    return {"runs": state_view.latest_runs(workspace.state),
            "open_findings": [mask(f.to_dict()) for f in state_view.open_findings(workspace.state)],
            "due": [c.to_dict() for c in state_view.cases_due(workspace.state)],
            "schedule_command": command, "schedule_entry": entry,
            "state_file": str(state_view.state_path(workspace.state))}


def _day(value: str | None) -> date:
    return date.fromisoformat(value) if value else date.today()


def _int(value: str | None) -> int | None:
    return int(value) if value and value.strip() else None


def _message(error: Exception) -> str:
    if isinstance(error, WalletwatchError):
        return error.one_line()
    return "please write dates as 2024-03-05 and numbers as digits"
