"""Build the one canonical report document from a scan document and a case file.

The report document is plain JSON-able data, already in the chosen language and already masked;
every renderer (Markdown, HTML, PDF, JSON, CSV) only lays it out. It works from a saved scan
document as well as from a fresh scan, so ``build_report`` takes the scan *document*; the
optional ``activity`` (all transactions of the export) only feeds the timeline chart.
"""

from __future__ import annotations

import locale
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from walletwatch import __version__, providers
from walletwatch.cases.file import Case
from walletwatch.errors import ConfigError
from walletwatch.findings import Finding, at_least
from walletwatch.report import channels as channel_data
from walletwatch.report import facts, sections
from walletwatch.report.letter import draft_letter
from walletwatch.report.mask import mask_text
from walletwatch.report.recurring import recurring_part
from walletwatch.report.summary import summary_text
from walletwatch.report.text import (DISCLAIMER, JURISDICTIONS, LABELS, SECTIONS, count, label,
                                     pick, provider_name)
from walletwatch.report.times import clock_text, zone_of, zones

SCHEMA_VERSION = 2  # 2: page-1 overview, for-information list, provenance appendix


@dataclass
class Report:
    """The report document plus what only the chart needs (not serialised)."""

    document: dict[str, Any]
    activity: list[dict[str, Any]] | None = field(default=None, repr=False)


def build_report(scan_doc: dict[str, Any], case: Case | None = None, *, lang: str | None = None,
                 jurisdiction: str | None = None, show_identifiers: bool = False,
                 finding_ids: list[str] | None = None, now: datetime | None = None,
                 activity: list[dict[str, Any]] | None = None) -> Report:
    """Assemble the report.

    Args:
        scan_doc: a scan document (``ScanResult.document()`` or a saved ``scan --json``).
        case: what the account holder supplied; missing facts stay blanks.
        lang: ``zh`` or ``en``; default from the wallet, else the system locale.
        jurisdiction: ``cn``, ``us``, ``uk`` or ``eu``; default from the wallet.
        show_identifiers: print phones, e-mails and account numbers unmasked.
        finding_ids: only these findings (default: medium and above, else all above
            ``info``).
        now: the generated-at clock (default: ``WALLETWATCH_NOW`` or the current time).
        activity: every transaction of the export, for the chart (see ``activity_points``).
    """
    case = case or Case()
    findings = _select(scan_doc, finding_ids)
    provider = _provider(scan_doc, findings)
    lang = lang or default_lang(provider)
    jurisdiction = jurisdiction or channel_data.default_jurisdiction(provider) or "eu"
    channel_data.channels(jurisdiction, provider, lang)  # validates the jurisdiction early
    now = now or clock()
    mask = (lambda v: v) if show_identifiers else mask_text
    ctx = sections.ReportContext(lang=lang, provider=provider, case=case, now=now, mask=mask,
                           show_identifiers=show_identifiers)
    disputed, for_information = sections.split_findings(findings)
    rows, subtotals, totals = sections.transaction_table(disputed, ctx)
    info_rows = sections.information_rows(for_information, rows, ctx)
    _name_zones_when_several(rows + info_rows)
    doc: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "kind": "walletwatch-report",
        "lang": lang,
        "jurisdiction": jurisdiction,
        "provider": provider,
        "sections": [{"id": sid, "title": zh if lang == "zh" else en} for sid, en, zh in SECTIONS],
        "title": _title(provider, lang),
        "header": _header(scan_doc, ctx, jurisdiction, [r["time"] for r in rows + info_rows]),
        "parties": _parties(case, ctx),
    }
    doc["transactions"] = rows
    doc["subtotals"] = subtotals
    doc["totals"] = totals
    doc["duplicate_note"] = _duplicate_note(subtotals, disputed, lang)
    doc["reasons"] = sections.reasons(disputed, rows, ctx)
    doc["recurring"] = recurring_part(findings, lang, jurisdiction, mask)
    doc["information"] = {"note": label("no_money_note", lang), "rows": info_rows,
                          "reasons": sections.reasons(for_information, info_rows, ctx, "A")}
    doc["demand"] = sections.demand(case, subtotals, totals, ctx)
    doc["summary"] = summary_text(doc, ctx, scan_doc.get("period") or {})
    doc["timeline"] = facts.timeline(rows, case, ctx)
    doc["security"] = facts.security(case, findings, jurisdiction, ctx)
    doc["communications"] = facts.communications(case, ctx)
    anchors = sections.anchors(case, rows)
    doc["channels"] = {
        "steps": channel_data.channels(jurisdiction, provider, lang),
        "notes": channel_data.notes(jurisdiction, lang),
        "deadlines": channel_data.deadlines(jurisdiction, lang, anchors),
        "rules_checked": channel_data.RULES_LAST_CHECKED,
    }
    _channel_lines(doc["channels"], lang, doc["header"]["verify"])
    doc["exhibits"] = facts.exhibits(scan_doc, case, ctx)
    doc["to_obtain"] = facts.to_obtain(case, rows, disputed, jurisdiction, ctx)
    doc["letter"] = draft_letter(doc, case, ctx, jurisdiction)
    doc["overview"] = _overview(doc, lang)
    return Report(doc, activity)


def clock() -> datetime:
    """The generated-at time: ``WALLETWATCH_NOW`` (ISO 8601) when set, so tests are stable."""
    fixed = os.environ.get("WALLETWATCH_NOW")
    if fixed:
        return parse_now(fixed, f"WALLETWATCH_NOW={fixed!r}")
    return datetime.now().astimezone()


def parse_now(text: str, where: str) -> datetime:
    """An ISO 8601 generated-at time; without an offset it is taken as local time."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError as exc:
        raise ConfigError(f"{where} is not an ISO 8601 time",
                          "e.g. 2024-03-10T09:00:00+08:00") from exc
    return value if value.tzinfo else value.astimezone()


def default_lang(provider: str) -> str:
    """The provider's report language (Chinese for the Chinese wallets), else the system
    locale's language."""
    lang = providers.get(provider).lang
    if lang:
        return lang
    name = os.environ.get("LC_ALL") or os.environ.get("LANG") or (locale.getlocale()[0] or "")
    return "zh" if name.lower().startswith("zh") else "en"


def _select(scan_doc: dict[str, Any], wanted: list[str] | None) -> list[Finding]:
    findings = [Finding.from_dict(f) for f in scan_doc.get("findings", [])]
    if wanted:
        known = {f.id for f in findings}
        missing = [w for w in wanted if w not in known]
        if missing:
            raise ConfigError(f"no finding with id {', '.join(missing)}",
                              "list the ids with `walletwatch scan --json`")
        findings = [f for f in findings if f.id in set(wanted)]
    else:
        # What a complaint is about: medium and above (the scan's default --fail-on); only
        # when there is none, the low ones. Use --finding ID to add a particular one.
        findings = ([f for f in findings if at_least(f.severity, "medium")]
                    or [f for f in findings if f.severity != "info"])
    return sorted(findings, key=lambda f: (min((t.time for t in f.transactions), default=""),
                                           f.id))


def _provider(scan_doc: dict[str, Any], findings: list[Finding]) -> str:
    formats = [t.source_format for f in findings for t in f.transactions if t.source_format]
    formats += [s.get("format", "") for s in scan_doc.get("sources", [])]
    for source in scan_doc.get("sources", []):
        if source.get("provider"):
            return source["provider"]
    for fmt in formats:  # a scan document saved before sources carried their provider
        if fmt:
            return providers.provider_of(fmt)
    return ""


def _title(provider: str, lang: str) -> str:
    name = provider_name(provider, lang)
    if lang == "zh":
        return f"交易证据摘要——向{name}投诉用"
    return f"Transaction evidence summary — for a complaint to {name}"


def _header(scan_doc: dict[str, Any], ctx: sections.ReportContext, jurisdiction: str,
            times: list[str]) -> dict[str, Any]:
    """Provenance (shown in the appendix) and the notes page 1 needs (time zone, disclaimer)."""
    tool = scan_doc.get("tool") or {}
    lang = ctx.lang
    sources = [{"file": Path(s.get("path", "")).name, "sha256": s.get("sha256", ""),
                "format": s.get("format", ""),
                "provider": s.get("provider") or providers.provider_of(s.get("format", "")),
                "rows_ok": s.get("rows_ok"),
                "rows_total": s.get("rows_total"),
                "rows_text": label("rows_read", lang).format(ok=s.get("rows_ok"),
                                                             total=s.get("rows_total")),
                "line": (f"{Path(s.get('path', '')).name}（{s.get('format', '')}；"
                         if lang == "zh" else
                         f"{Path(s.get('path', '')).name} ({s.get('format', '')}; ")
                        + label("rows_read", lang).format(ok=s.get("rows_ok"),
                                                          total=s.get("rows_total"))
                        + ("）" if lang == "zh" else ")")}
               for s in scan_doc.get("sources", [])]
    settings = scan_doc.get("settings") or {}
    period = dict(scan_doc.get("period") or {"start": None, "end": None})
    found = zones(times) or zones([period.get("start") or ""])
    # one zone is named once; several (summer and winter time) are named on each time
    zone = found[0] if len(found) == 1 else (ctx.now.tzname() or "") if not found else ""
    note = (label("times_note", lang).format(zone=zone) if zone else
            label("times_note_many", lang) if found else "")
    return {
        "generated_at": ctx.now.isoformat(timespec="seconds"),
        "generated_text": clock_text(ctx.now.isoformat(), seconds=False)
                          + (f"（{ctx.now.tzname()}）" if lang == "zh" else f" ({ctx.now.tzname()})"
                             if ctx.now.tzname() else ""),
        "timezone": ctx.now.tzname() or "",
        "zone": zone,
        "times_note": note,
        "tool": f"walletwatch {__version__}",
        "scan_tool": f"{tool.get('name', 'walletwatch')} {tool.get('version', '')}".strip(),
        "sources": sources,
        "period": period,
        "period_text": (f"{(period.get('start') or '')[:10]} "
                        f"{'至' if lang == 'zh' else 'to'} {(period.get('end') or '')[:10]}"),
        "as_of": scan_doc.get("as_of"),
        "settings": sections.flatten_settings(settings),
        "jurisdiction": jurisdiction,
        "jurisdiction_name": pick(JURISDICTIONS.get(jurisdiction, (jurisdiction, jurisdiction)),
                                  lang),
        "identifiers": "shown" if ctx.show_identifiers else "masked",
        "identifiers_text": label("identifiers_shown" if ctx.show_identifiers
                                  else "identifiers_masked", lang),
        "disclaimer": pick((DISCLAIMER["en"], DISCLAIMER["zh"]), lang),
        "from_export": pick(LABELS["from_export"], lang),
        "user_supplied": pick(LABELS["user_supplied"], lang),
        "verify": pick(LABELS["verify"], lang),
    }


def _channel_lines(channels: dict[str, Any], lang: str, verify: str) -> None:
    """The channel section's labelled lines, punctuated for the language (``适用情形：``)."""
    zh = lang == "zh"

    def labelled(key: str, value: str) -> str:
        return f"{label(key, lang)}{'：' if zh else ': '}{value}"

    for step in channels["steps"]:
        step["when_line"] = labelled("when", step["when"])
        step["source_line"] = labelled("source", step["source"]) if step["source"] else None
    for rule in channels["deadlines"]:
        source = labelled("source", rule["source"])
        rule["line"] = f"{rule['text']}（{source}）" if zh else f"{rule['text']} ({source})"
    checked = labelled("rules_checked", channels["rules_checked"])
    channels["checked_line"] = f"{checked}。{verify}" if zh else f"{checked}. {verify}"


def _name_zones_when_several(rows: list[dict[str, Any]]) -> None:
    """Rows from two UTC offsets (summer and winter time): each time names its own."""
    if len(zones([r["time"] for r in rows])) > 1:
        for row in rows:
            row["when"] = f"{row['when']} {zone_of(row['time'])}"


def _overview(doc: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    """Page 1's table: who complains to whom, the reference, the money at stake, the demand."""
    c, r = doc["parties"]["complainant"], doc["parties"]["respondent"]
    respondent = (f"{r['name']}（{r['provider']}）" if lang == "zh" else
                  f"{r['name']} ({r['provider']})") if r["name"] else None
    rows = doc["transactions"]
    stake = [f"{t['currency']} {t['amount']}" for t in doc["totals"]]
    if rows:
        money = "；".join(stake) if lang == "zh" else "; ".join(stake)
        money += f"（{len(rows)} 笔）" if lang == "zh" else f" ({count(len(rows), 'en')})"
    else:
        money = label("nothing_disputed", lang)
    demand = [item["text"] for item in doc["demand"]["items"]]
    return [
        {"key": "complainant", "label": label("complainant", lang), "lines": [c["name"]]},
        {"key": "contact", "label": label("contact", lang), "lines": [c["contact"]]},
        {"key": "account", "label": label("account", lang), "lines": [c["account"]]},
        {"key": "address", "label": label("address", lang), "lines": [c["address"]]},
        {"key": "respondent", "label": label("respondent", lang),
         "lines": [respondent or (f"{label('blank', lang)}（{r['provider']}的公司全称）"
                                  if lang == "zh" else
                                  f"{label('blank', lang)} ({r['provider']}'s legal name)")]},
        {"key": "reference", "label": label("reference", lang),
         "lines": [doc["parties"]["reference"]]},
        {"key": "money_at_stake", "label": label("money_at_stake", lang), "lines": [money]},
        {"key": "demand", "label": label("demand", lang),
         "lines": demand or ([None] if rows else ["—"])},
    ]


def _duplicate_note(subtotals: list[dict], disputed: list[Finding], lang: str) -> str | None:
    """Why a duplicate's subtotal is less than its rows: only the extra debit is at stake."""
    dup = [s for s in subtotals if s["category"] == "duplicate"]
    if not dup:
        return None
    listed = sum(s["count"] for s in dup)
    groups = sum(1 for f in disputed if f.category == "duplicate")
    return label("duplicate_note", lang).format(extra=listed - groups, count=listed)


def _parties(case: Case, ctx: sections.ReportContext) -> dict[str, Any]:
    """The complainant writes to their own provider: their own details are never masked."""
    own = {"name": case.complainant_name, "contact": case.complainant_contact,
           "address": case.complainant_address, "account": case.account_id}
    return {
        "complainant": own,
        "respondent": {"name": case.respondent_name or None,
                       "address": case.respondent_address,
                       "provider": provider_name(ctx.provider, ctx.lang)},
        "reference": case.first_notice.ticket,
    }
