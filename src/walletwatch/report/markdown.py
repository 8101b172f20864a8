"""Markdown rendering of the report document.

Everything that came from the export or the case file goes through ``md``/``md_code`` (no tag,
link or table break survives); the fixed wording of ``text`` and ``channels`` is written as is.
"""

from __future__ import annotations

from typing import Any

from walletwatch.report.escape import md, md_code
from walletwatch.report.outline import headings
from walletwatch.report.recurring import markdown_lines
from walletwatch.report.text import label


class _Doc:
    def __init__(self, doc: dict[str, Any]):
        self.doc, self.lang, self.lines = doc, doc["lang"], []
        self.titles = headings(doc)

    def l(self, key: str) -> str:  # noqa: E743 - short on purpose, used everywhere
        return label(key, self.lang)

    def v(self, value: Any) -> str:
        """A user or export value, escaped; a missing one as the blank to fill in."""
        return md(value) if value not in (None, "") else self.l("blank")

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def heading(self, sid: str) -> bool:
        if sid not in self.titles:
            return False
        self.add("", f"## {self.titles[sid]}", "")
        return True

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        self.add("| " + " | ".join(header) + " |", "|" + "---|" * len(header))
        self.add(*("| " + " | ".join(row) + " |" for row in rows))


def render_markdown(doc: dict[str, Any], chart_path: str | None = None) -> str:
    """The report as Markdown; ``chart_path`` is a relative link to the chart PNG, if any."""
    d = _Doc(doc)
    d.add(f"# {md(doc['title'])}", "", f"> **{doc['header']['disclaimer']}**")
    _overview(d)
    _transactions(d)
    if d.heading("reasons"):
        d.add(*(_reason(r, d.lang) for r in doc["reasons"]))
        d.add(*markdown_lines(doc.get("recurring"), md))
    _information(d)
    _timeline(d, chart_path)
    _security(d)
    _communications(d)
    _channels(d)
    _letter(d)
    _exhibits(d)
    _provenance(d)
    return "\n".join(d.lines).rstrip() + "\n"


def _reason(r: dict[str, Any], lang: str) -> str:
    code = md_code(r["check"])
    if lang == "zh":
        return f"- **{md(r['row_refs'])}** {md(r['title'])}（{code}）：{md(r['reason'])}"
    return f"- **{md(r['row_refs'])}** {md(r['title'])} ({code}): {md(r['reason'])}"


def _overview(d: _Doc) -> None:
    doc = d.doc
    d.heading("overview")
    d.table(["", ""], [[f"**{item['label']}**",
                        "<br>".join(d.v(line) for line in item["lines"])]
                       for item in doc["overview"]])
    h, gap = doc["header"], "" if d.lang == "zh" else " "
    d.add("", md(doc["summary"]), "",
          f"*{gap.join([h['times_note'], h['from_export'], h['user_supplied']])}*")


def _transactions(d: _Doc) -> None:
    if not d.heading("transactions"):
        return
    keys = ["n", "time", "txn_id", "counterparty", "amount", "currency", "method", "status",
            "problem"]
    rows = []
    for t in d.doc["transactions"]:
        ident = md_code(t["txn_id"])
        if t["merchant_order_id"]:
            ident += f"<br>{md_code(t['merchant_order_id'])}"
        rows.append([str(t["n"]), md(t["when"]), ident, md(t["counterparty"]), md(t["amount"]),
                     md(t["currency"]), md(t["method"]), md(t["status"]), md(t["problem"])])
    d.table([d.l(k) for k in keys], rows)
    d.add("")
    sub = [[md(s["problem"]), md(s["row_refs"]), str(s["count"]), md(s["currency"]),
            md(s["amount"])] for s in d.doc["subtotals"]]
    sub += [[f"**{d.l('total')}**", "", str(len(d.doc["transactions"])), md(t["currency"]),
             f"**{md(t['amount'])}**"] for t in d.doc["totals"]]
    d.table([d.l("problem"), d.l("ref"), d.l("transactions_n"), d.l("currency"),
             d.l("subtotal")], sub)
    if d.doc["duplicate_note"]:
        d.add("", f"*{d.doc['duplicate_note']}*")


def _information(d: _Doc) -> None:
    info = d.doc["information"]
    if not d.heading("information"):
        return
    d.add(info["note"], "")
    keys = ["ref", "time", "txn_id", "counterparty", "amount", "currency", "status", "problem"]
    d.table([d.l(k) for k in keys],
            [[t["ref"], md(t["when"]), md_code(t["txn_id"]), md(t["counterparty"]),
              md(t["amount"]), md(t["currency"]), md(t["status"]), md(t["problem"])]
             for t in info["rows"]])
    d.add("", *(_reason(r, d.lang) for r in info["reasons"]))


def _timeline(d: _Doc, chart_path: str | None) -> None:
    d.heading("timeline")
    if chart_path and d.doc["transactions"]:
        d.add(f"![{d.l('chart')}]({chart_path})", "", f"*{d.l('chart_caption')}*", "")
    mark = f" *{d.l('case_mark')}*"
    d.table([d.l("time"), d.l("event")],
            [[md(e["when_text"]), md(e["text"]) + (mark if e["source"] == "case" else "")]
             for e in d.doc["timeline"]] or [[d.l("none"), ""]])


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


def _channels(d: _Doc) -> None:
    d.heading("channels")
    ch = d.doc["channels"]
    for step in ch["steps"]:
        d.add(f"{step['step']}. **{step['name']}** — {step['contact']}",
              f"   - {step['when_line']}")
        d.add(*(f"   - {fact}" for fact in step["facts"]))
        if step["source"]:
            d.add(f"   - {step['source_line']}")
    if ch["notes"]:
        d.add("", *(f"- {note}" for note in ch["notes"]))
    if ch["deadlines"]:
        d.add("", f"**{d.l('deadlines')}**", "")
        d.add(*(f"- {x['line']}" for x in ch["deadlines"]))
    d.add("", f"*{ch['checked_line']}*")


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
    d.add(f"**{d.l('attached')}**", "")
    rows = [[e["ref"], md(e["description"]), md(e["file"] or ""),
             md_code(e["sha256"]) if e["sha256"] else "—"]
            for e in d.doc["exhibits"]]
    d.table([d.l("exhibit"), d.l("description"), d.l("file"), d.l("sha256")], rows)
    if d.doc["to_obtain"]:
        d.add("", f"**{d.l('to_obtain')}**", "", *(f"- {md(x)}" for x in d.doc["to_obtain"]))


def _provenance(d: _Doc) -> None:
    h = d.doc["header"]
    d.heading("provenance")
    d.table(["", ""], [
        [d.l("generated_at"), md(h["generated_text"])],
        [d.l("generated_by"), md(h["tool"])],
        [d.l("period"), md(h["period_text"])],
        [d.l("jurisdiction"), f"{md(h['jurisdiction_name'])} · {d.l('rules_checked')} "
                              f"{d.doc['channels']['rules_checked']}"],
        [d.l("identifiers"), md(h["identifiers_text"])],
    ])
    d.add("", f"**{d.l('sources')}**", "")
    for s in h["sources"]:
        d.add(f"- {md(s['line'])} "
              f"{d.l('sha256')} {md_code(s['sha256'])}")
    d.add("", f"**{d.l('settings')}**", "",
          ", ".join(f"{md_code(f'{k}={v}')}" for k, v in h["settings"].items()) or "—")
