"""The PDF's flowables, section by section, in the order of the report document."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from walletwatch.report.outline import headings
from walletwatch.report.text import label


def p(text: Any, style) -> Any:
    """A paragraph of plain text: markup characters from the data are escaped."""
    from reportlab.platypus import Paragraph

    return Paragraph(escape("" if text is None else str(text)).replace("\n", "<br/>"), style)


def _table(rows: list[list[Any]], widths: list[float], header: bool = True,
           label_column: bool = False):
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    style = [("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
             ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("LEFTPADDING", (0, 0), (-1, -1), 2.5), ("RIGHTPADDING", (0, 0), (-1, -1), 2.5)]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")))
    if label_column:
        style.append(("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f0f0f0")))
    table.setStyle(TableStyle(style))
    return table


def story(doc: dict[str, Any], st, chart_png: bytes | None, font) -> list[Any]:
    """The PDF's flowables, section by section, in the report document's order."""
    b = _Builder(doc, st)
    return [*b.overview(font), *b.transactions(), *b.reasons(), *b.information(),
            *b.timeline(chart_png), *b.security(), *b.communications(),
            *_channels(doc, st, b.titles, b.lab), *b.letter(), *b.exhibits(), *b.provenance()]


class _Builder:
    """Helpers shared by the sections: labels in the report's language, cells, blanks."""

    def __init__(self, doc: dict[str, Any], st):
        self.doc, self.st, self.lang = doc, st, doc["lang"]
        self.titles = headings(doc)

    def lab(self, key: str) -> str:
        return label(key, self.lang)

    def val(self, value: Any) -> str:
        return self.lab("blank") if value in (None, "") else str(value)

    def cells(self, values: list[Any], right: tuple[int, ...] = ()) -> list[Any]:
        st = self.st
        return [p(v, st.cell_right if i in right else st.cell) for i, v in enumerate(values)]

    def h2(self, section: str) -> Any:
        return p(self.titles[section], self.st.h2)

    def overview(self, font) -> list[Any]:
        """Page 1: who complains to whom about what, the money at stake and the demand."""
        from reportlab.lib.units import mm
        from reportlab.platypus import Spacer

        doc, st = self.doc, self.st
        out: list[Any] = [p(doc["title"], st.h1), p(doc["header"]["disclaimer"], st.notice)]
        if not font.embedded:  # in the report's language, like every other line
            out.append(p(self.lab("font_not_embedded"), st.small))
        rows = [[p(item["label"], st.label),
                 p("\n".join(self.val(line) for line in item["lines"]),
                   st.stake if item["key"] == "money_at_stake" else st.value)]
                for item in doc["overview"]]
        h = doc["header"]
        return [*out, self.h2("overview"),
                _table(rows, [34 * mm, 146 * mm], header=False, label_column=True),
                Spacer(1, 2 * mm), p(doc["summary"], st.body),
                p(("" if doc["lang"] == "zh" else " ").join(
                    [h["times_note"], h["from_export"], h["user_supplied"]]), st.small)]

    def transactions(self) -> list[Any]:
        from reportlab.lib.units import mm
        from reportlab.platypus import Spacer

        doc, lab, cells = self.doc, self.lab, self.cells
        if "transactions" not in self.titles:
            return []
        heads = [lab("n"), lab("time"), lab("txn_id"), lab("counterparty"), lab("amount"),
                 lab("currency"), lab("method"), lab("status"), lab("problem")]
        rows = [cells(heads)]
        for t in doc["transactions"]:
            ident = t["txn_id"] + (f"\n{t['merchant_order_id']}" if t["merchant_order_id"] else "")
            rows.append(cells([t["n"], t["when"].replace(" ", "\n", 1), ident, t["counterparty"],
                               t["amount"], t["currency"], t["method"], t["status"],
                               t["problem"]], right=(4,)))
        widths = [7, 17, 44, 27, 15, 14, 21, 14, 21]
        sub = [cells([lab("problem"), lab("ref"), lab("transactions_n"), lab("currency"),
                      lab("subtotal")])]
        sub += [cells([s["problem"], s["row_refs"], s["count"], s["currency"], s["amount"]],
                      right=(2, 4)) for s in doc["subtotals"]]
        sub += [cells([lab("total"), "", len(doc["transactions"]), t["currency"], t["amount"]],
                      right=(2, 4)) for t in doc["totals"]]
        out = [self.h2("transactions"), _table(rows, [w * mm for w in widths]),
               Spacer(1, 3 * mm),
               _table(sub, [62 * mm, 38 * mm, 20 * mm, 20 * mm, 40 * mm])]
        if doc["duplicate_note"]:
            out.append(p(doc["duplicate_note"], self.st.small))
        return out

    def _reason_lines(self, reasons: list[dict]) -> list[Any]:
        return [p(f"{r['row_refs']} {r['title']} ({r['check']}): {r['reason']}", self.st.body)
                for r in reasons]

    def reasons(self) -> list[Any]:
        if "reasons" not in self.titles:
            return []
        return [self.h2("reasons"), *self._reason_lines(self.doc["reasons"]),
                *self._recurring()]

    def _recurring(self) -> list[Any]:
        """Series history, demand and rules of the recurring findings (report.recurring)."""
        part = self.doc.get("recurring")
        if not part:
            return []
        title, out = part["title"], []
        for item in part["items"]:
            out.append(p(f"{item['payee']} ({item['check']}, {item['finding_id']})", self.st.body))
            out.append(p(title["series"], self.st.small))
            out += [p(f"{h['time'][:16].replace('T', ' ')} · {h['currency']} {h['amount']} · "
                      f"{h['txn_id']}", self.st.small) for h in item["history"]]
            out.append(p(f"{title['demand']}: {item['demand']}", self.st.body))
        if part["rules"]:
            out.append(p(title["rules"], self.st.body))
            out += [p(f"{r['text']} ({r['strength_text']})", self.st.small)
                    for r in part["rules"]]
            out.append(p(part["rules_note"], self.st.small))
        return out

    def information(self) -> list[Any]:
        from reportlab.lib.units import mm

        if "information" not in self.titles:
            return []
        info, lab, cells = self.doc["information"], self.lab, self.cells
        rows = [cells([lab("ref"), lab("time"), lab("txn_id"), lab("counterparty"),
                       lab("amount"), lab("currency"), lab("status"), lab("problem")])]
        rows += [cells([t["ref"], t["when"].replace(" ", "\n", 1), t["txn_id"],
                        t["counterparty"], t["amount"], t["currency"], t["status"],
                        t["problem"]], right=(4,)) for t in info["rows"]]
        return [self.h2("information"), p(info["note"], self.st.body),
                _table(rows, [w * mm for w in (10, 17, 44, 30, 15, 14, 20, 30)]),
                *self._reason_lines(info["reasons"])]

    def timeline(self, chart_png: bytes | None) -> list[Any]:
        from reportlab.lib.units import mm
        from reportlab.platypus import Image

        lab, cells = self.lab, self.cells
        out = [self.h2("timeline")]
        if chart_png and self.doc["transactions"]:
            out += [Image(io.BytesIO(chart_png), width=170 * mm, height=68 * mm),
                    p(lab("chart_caption"), self.st.small)]
        events = [cells([lab("time"), lab("event")])]
        events += [cells([e["when_text"], e["text"] + (f" {lab('case_mark')}"
                                                       if e["source"] == "case" else "")])
                   for e in self.doc["timeline"]]
        if len(events) == 1:
            events.append(cells([lab("none"), ""]))
        return [*out, _table(events, [26 * mm, 154 * mm])]

    def security(self) -> list[Any]:
        from reportlab.lib.units import mm

        lab, cells, st = self.lab, self.cells, self.st
        facts = [cells([lab("fact"), lab("answer")])]
        facts += [cells([f["question"], f["answer"]]) for f in self.doc["security"]["facts"]]
        return [self.h2("security"), _table(facts, [110 * mm, 70 * mm]), p(lab("advice"), st.body),
                *[p(f"- {a}", st.body) for a in self.doc["security"]["advice"]]]

    def communications(self) -> list[Any]:
        from reportlab.lib.units import mm

        lab, val, cells = self.lab, self.val, self.cells
        keys = ["date", "channel", "agent", "ticket", "summary", "attachment"]
        comms = [cells([lab(k) for k in keys])]
        comms += [cells([val(m["date"]), val(m["channel"]), val(m["agent"]), val(m["ticket"]),
                         val(m["summary"]), m["attachment"] or ""])
                  for m in self.doc["communications"]]
        if len(comms) == 1:
            comms.append(cells([lab("blank")] * 5 + [""]))
        return [self.h2("communications"),
                _table(comms, [w * mm for w in (18, 26, 20, 30, 58, 28)])]

    def letter(self) -> list[Any]:
        st = self.st
        out = [self.h2("letter")]
        for block in self.doc["letter"]["blocks"]:
            if block["type"] == "ul":
                out += [p(f"- {item}", st.body) for item in block["items"]]
            else:
                out.append(p(block["text"], st.body))
        return [*out, p(self.doc["letter"]["advice"], st.small)]

    def exhibits(self) -> list[Any]:
        from reportlab.lib.units import mm
        from reportlab.platypus import Spacer

        lab, cells, st = self.lab, self.cells, self.st
        ex = [cells([lab("exhibit"), lab("description"), lab("file"), lab("sha256")])]
        ex += [cells([e["ref"], e["description"], e["file"] or "",
                      (e["sha256"][:32] + "\n" + e["sha256"][32:]) if e["sha256"] else "—"])
               for e in self.doc["exhibits"]]
        out = [self.h2("exhibits"), p(lab("attached"), st.body),
               _table(ex, [14 * mm, 62 * mm, 50 * mm, 54 * mm])]
        if self.doc["to_obtain"]:
            out += [p(lab("to_obtain"), st.body),
                    *[p(f"- {x}", st.body) for x in self.doc["to_obtain"]]]
        return [*out, Spacer(1, 4 * mm), p(self.doc["header"]["disclaimer"], st.notice)]

    def provenance(self) -> list[Any]:
        from reportlab.lib.units import mm

        doc, lab, st = self.doc, self.lab, self.st
        h = doc["header"]
        sources = "\n".join(f"{s['line']}\n"
                            f"SHA-256 {s['sha256']}" for s in h["sources"])
        settings = ", ".join(f"{k}={v}" for k, v in h["settings"].items()) or "—"
        rules = f"{h['jurisdiction_name']} | {lab('rules_checked')} {doc['channels']['rules_checked']}"
        rows = [[p(lab(k), st.label), p(v, st.cell)] for k, v in (
            ("generated_at", h["generated_text"]), ("generated_by", h["tool"]),
            ("period", h["period_text"]), ("jurisdiction", rules),
            ("identifiers", h["identifiers_text"]), ("sources", sources),
            ("settings", settings))]
        return [self.h2("provenance"),
                _table(rows, [34 * mm, 146 * mm], header=False, label_column=True)]


def _channels(doc: dict[str, Any], st, titles: dict[str, str], lab) -> list[Any]:
    ch = doc["channels"]
    out = [p(titles["channels"], st.h2)]
    for step in ch["steps"]:
        out.append(p(f"{step['step']}. {step['name']} — {step['contact']}", st.body))
        lines = [step["when_line"], *step["facts"]]
        if step["source_line"]:
            lines.append(step["source_line"])
        out += [p(f"- {line}", st.indent) for line in lines]
    out += [p(f"- {note}", st.body) for note in ch["notes"]]
    if ch["deadlines"]:
        out.append(p(lab("deadlines"), st.body))
        out += [p(f"- {d['line']}", st.small) for d in ch["deadlines"]]
    out.append(p(ch["checked_line"], st.small))
    return out
