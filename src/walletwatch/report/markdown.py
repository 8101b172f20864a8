"""Markdown rendering of the report document.

Everything that came from the export or the case file goes through ``md``/``md_code`` (no tag,
link or table break survives); the fixed wording of ``text`` and ``channels`` is written as is.
"""

from __future__ import annotations

from typing import Any

from walletwatch.report.escape import md, md_code
from walletwatch.report.text import label


class _Doc:
    def __init__(self, doc: dict[str, Any]):
        self.doc, self.lang, self.lines = doc, doc["lang"], []
        self.titles = {s["id"]: s["title"] for s in doc["sections"]}
        self.number = {s["id"]: i for i, s in enumerate(doc["sections"], start=1)}

    def l(self, key: str) -> str:  # noqa: E743 - short on purpose, used everywhere
        return label(key, self.lang)

    def v(self, value: Any) -> str:
        """A user or export value, escaped; a missing one as the blank to fill in."""
        return md(value) if value not in (None, "") else self.l("blank")

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def heading(self, sid: str) -> None:
        self.add("", f"## {self.number[sid]}. {self.titles[sid]}", "")

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        self.add("| " + " | ".join(header) + " |", "|" + "---|" * len(header))
        self.add(*("| " + " | ".join(row) + " |" for row in rows))


def render_markdown(doc: dict[str, Any], chart_path: str | None = None) -> str:
    """The report as Markdown; ``chart_path`` is a relative link to the chart PNG, if any."""
    d = _Doc(doc)
    _header(d)
    _parties(d)
    d.heading("summary")
    d.add(md(doc["summary"]))
    _transactions(d)
    d.heading("reasons")
    for r in doc["reasons"]:
        rows = ", ".join(f"#{n}" for n in r["rows"])
        d.add(f"- **{rows}** {md(r['title'])} ({md_code(r['check'])}): {md(r['reason'])}")
    _timeline(d, chart_path)
    _security(d)
    _communications(d)
    _demand(d)
    _channels(d)
    _letter(d)
    _exhibits(d)
    return "\n".join(d.lines).rstrip() + "\n"


def _header(d: _Doc) -> None:
    h = d.doc["header"]
    d.add(f"# {md(d.doc['title'])}", "", f"> **{h['disclaimer']}**", "")
    period = h["period"]
    d.table(["", ""], [
        [d.l("generated_at"), f"{md_code(h['generated_at'])} ({md(h['timezone'])})"],
        [d.l("tool"), md(h["tool"])],
        [d.l("period"), f"{md_code(period.get('start'))} → {md_code(period.get('end'))}"],
        [d.l("jurisdiction"), f"{h['jurisdiction']} · {d.l('rules_checked')} "
                              f"{d.doc['channels']['rules_checked']}"],
        [d.l("settings"), ", ".join(f"{md(k)}={md(v)}" for k, v in h["settings"].items())
         or "—"],
    ])
    d.add("", f"**{d.l('sources')}**", "")
    for s in h["sources"]:
        d.add(f"- {md_code(s['file'])} ({md(s['format'])}, {s['rows_ok']}/{s['rows_total']}) "
              f"{d.l('sha256')} {md_code(s['sha256'])}")
    d.add("", f"{h['from_export']} {h['user_supplied']}")


def _parties(d: _Doc) -> None:
    p = d.doc["parties"]
    c, r = p["complainant"], p["respondent"]
    d.heading("parties")
    d.table(["", ""], [
        [d.l("complainant"), d.v(c["name"])],
        [d.l("contact"), d.v(c["contact"])],
        [d.l("address"), d.v(c["address"])],
        [d.l("account"), d.v(c["account"])],
        [d.l("respondent"), f"{d.v(r['name'])} ({md(r['provider'])})"],
        [d.l("reference"), d.v(p["reference"])],
    ])


def _transactions(d: _Doc) -> None:
    d.heading("transactions")
    keys = ["n", "time", "txn_id", "counterparty", "amount", "currency", "method", "status",
            "problem", "check"]
    rows = []
    for t in d.doc["transactions"]:
        ident = md_code(t["txn_id"])
        if t["merchant_order_id"]:
            ident += f" / {md_code(t['merchant_order_id'])}"
        rows.append([str(t["n"]), md_code(t["time"]), ident, md(t["counterparty"]),
                     md(t["amount"]), md(t["currency"]), md(t["method"]), md(t["status"]),
                     md(t["problem"]), ", ".join(md_code(c) for c in t["checks"])])
    d.table([d.l(k) for k in keys], rows)
    d.add("")
    sub = [[md(s["problem"]), str(s["count"]), md(s["currency"]), md(s["amount"])]
           for s in d.doc["subtotals"]]
    sub += [[f"**{d.l('total')}**", "", md(t["currency"]), f"**{md(t['amount'])}**"]
            for t in d.doc["totals"]]
    d.table([d.l("problem"), d.l("transactions_n"), d.l("currency"), d.l("subtotal")], sub)


def _timeline(d: _Doc, chart_path: str | None) -> None:
    d.heading("timeline")
    if chart_path:
        d.add(f"![{d.l('chart')}]({chart_path})", "")
    d.table([d.l("time"), d.l("event")],
            [[md_code(e["when"]), md(e["text"]) + (f" *{d.l('case_mark')}*" if e["source"] == "case" else "")]
             for e in d.doc["timeline"]])


def _security(d: _Doc) -> None:
    d.heading("security")
    d.table([d.l("fact"), d.l("answer")],
            [[f["question"], md(f["answer"])] for f in d.doc["security"]["facts"]])
    d.add("", f"**{d.l('advice')}**", "")
    d.add(*(f"- {a}" for a in d.doc["security"]["advice"]))


def _communications(d: _Doc) -> None:
    d.heading("communications")
    rows = [[d.v(c["date"]), d.v(c["channel"]), d.v(c["agent"]), d.v(c["ticket"]),
             d.v(c["summary"]), md(c["attachment"] or "")]
            for c in d.doc["communications"]]
    if not rows:
        rows = [[d.l("blank")] * 5 + [""]]
    d.table([d.l(k) for k in ("date", "channel", "agent", "ticket", "summary", "attachment")],
            rows)


def _demand(d: _Doc) -> None:
    d.heading("demand")
    demand = d.doc["demand"]
    if demand["blank"]:
        d.add(d.l("blank"), "", *(f"- [ ] {m}" for m in demand["menu"]))
        return
    d.add(*(f"{i}. {md(item['text'])}" for i, item in enumerate(demand["items"], start=1)))


def _channels(d: _Doc) -> None:
    d.heading("channels")
    ch = d.doc["channels"]
    for step in ch["steps"]:
        d.add(f"{step['step']}. **{step['name']}** — {step['contact']}",
              f"   - {d.l('when')}: {step['when']}")
        d.add(*(f"   - {fact}" for fact in step["facts"]))
        d.add(f"   - {d.l('source')}: {step['source']}")
    if ch["notes"]:
        d.add("", *(f"- {note}" for note in ch["notes"]))
    d.add("", f"**{d.l('deadlines')}**", "")
    d.add(*(f"- {x['text']} ({d.l('source')}: {x['source']})" for x in ch["deadlines"]))
    d.add("", f"*{d.l('rules_checked')}: {ch['rules_checked']}. {d.doc['header']['verify']}*")


def _letter(d: _Doc) -> None:
    d.heading("letter")
    for block in d.doc["letter"]["blocks"]:
        if block["type"] == "ul":
            d.add(*(f"> - {md(item)}" for item in block["items"]))
        else:
            lines = block["text"].split("\n")  # a signature block keeps its line breaks
            d.add(*(f"> {md(line)}" + ("\\" if i < len(lines) - 1 else "")
                    for i, line in enumerate(lines)))
        d.add(">")
    d.lines.pop()
    d.add("", f"*{d.doc['letter']['advice']}*")


def _exhibits(d: _Doc) -> None:
    d.heading("exhibits")
    rows = [[e["ref"], md(e["description"]), md(e["file"] or ""),
             md_code(e["sha256"]) if e["sha256"] else (e["placeholder"] or "")]
            for e in d.doc["exhibits"]]
    d.table([d.l("exhibit"), d.l("description"), d.l("file"), d.l("sha256")], rows)
