"""The PDF's flowables, section by section, in the order of the report document."""

from __future__ import annotations

import io
from typing import Any

from walletwatch.report.pdf import p
from walletwatch.report.text import label


def _table(rows: list[list[Any]], widths: list[float], header: bool = True):
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    style = [("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
             ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("LEFTPADDING", (0, 0), (-1, -1), 2.5), ("RIGHTPADDING", (0, 0), (-1, -1), 2.5)]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")))
    table.setStyle(TableStyle(style))
    return table


def story(doc: dict[str, Any], st, chart_png: bytes | None, font) -> list[Any]:
    """The PDF's flowables, section by section, in the report document's order."""
    b = _Builder(doc, st)
    return [*b.header(font), *b.parties(), *b.summary(), *b.transactions(), *b.reasons(),
            *b.timeline(chart_png), *b.security(), *b.communications(), *b.demand(),
            *_channels(doc, st, b.titles, b.lab), *b.letter(), *b.exhibits()]


class _Builder:
    """Helpers shared by the sections: labels in the report's language, cells, blanks."""

    def __init__(self, doc: dict[str, Any], st):
        self.doc, self.st, self.lang = doc, st, doc["lang"]
        self.titles = {s["id"]: f"{i}. {s['title']}"
                       for i, s in enumerate(doc["sections"], start=1)}

    def lab(self, key: str) -> str:
        return label(key, self.lang)

    def val(self, value: Any) -> str:
        return self.lab("blank") if value in (None, "") else str(value)

    def cells(self, values: list[Any], right: tuple[int, ...] = ()) -> list[Any]:
        st = self.st
        return [p(v, st.cell_right if i in right else st.cell) for i, v in enumerate(values)]

    def h2(self, section: str) -> Any:
        return p(self.titles[section], self.st.h2)

    def header(self, font) -> list[Any]:
        from reportlab.lib.units import mm
        from reportlab.platypus import Spacer

        doc, st, lab, cells = self.doc, self.st, self.lab, self.cells
        h = doc["header"]
        out: list[Any] = [p(doc["title"], st.h1), p(h["disclaimer"], st.notice)]
        if not font.embedded:
            out.append(p(f"Note: the Chinese font ({font.name}) is not embedded in this PDF; "
                         "the viewer supplies it.", st.small))
        period = h["period"]
        sources = "\n".join(f"{s['file']} ({s['format']}, {s['rows_ok']}/{s['rows_total']})\n"
                            f"SHA-256 {s['sha256']}" for s in h["sources"])
        settings = ", ".join(f"{k}={v}" for k, v in h["settings"].items()) or "—"
        rules = f"{h['jurisdiction']} | {lab('rules_checked')} {doc['channels']['rules_checked']}"
        out.append(_table([cells([lab("generated_at"), f"{h['generated_at']} ({h['timezone']})"]),
                           cells([lab("tool"), h["tool"]]),
                           cells([lab("period"), f"{period.get('start')} → {period.get('end')}"]),
                           cells([lab("jurisdiction"), rules]),
                           cells([lab("settings"), settings]),
                           cells([lab("sources"), sources])], [32 * mm, 148 * mm], header=False))
        return [*out, Spacer(1, 2 * mm), p(f"{h['from_export']} {h['user_supplied']}", st.small)]

    def parties(self) -> list[Any]:
        from reportlab.lib.units import mm

        lab, val, cells = self.lab, self.val, self.cells
        party, c = self.doc["parties"], self.doc["parties"]["complainant"]
        respondent = f"{val(party['respondent']['name'])} ({party['respondent']['provider']})"
        return [self.h2("parties"),
                _table([cells([lab("complainant"), val(c["name"])]),
                        cells([lab("contact"), val(c["contact"])]),
                        cells([lab("address"), val(c["address"])]),
                        cells([lab("account"), val(c["account"])]),
                        cells([lab("respondent"), respondent]),
                        cells([lab("reference"), val(party["reference"])])],
                       [32 * mm, 148 * mm], header=False)]

    def summary(self) -> list[Any]:
        return [self.h2("summary"), p(self.doc["summary"], self.st.body)]

    def transactions(self) -> list[Any]:
        from reportlab.lib.units import mm
        from reportlab.platypus import Spacer

        doc, lab, cells = self.doc, self.lab, self.cells
        # ids and the problem code each get one unbroken line so that they stay searchable
        heads = [lab("n"), lab("time"), lab("txn_id"), lab("counterparty"), lab("amount"),
                 lab("currency"), lab("method"), lab("status"), f"{lab('problem')} / {lab('check')}"]
        rows = [cells(heads)]
        for t in doc["transactions"]:
            ident = t["txn_id"] + (f"\n{t['merchant_order_id']}" if t["merchant_order_id"] else "")
            when = t["time"].replace("T", "\n", 1)
            rows.append(cells([t["n"], when, ident, t["counterparty"], t["amount"], t["currency"],
                               t["method"], t["status"],
                               t["problem"] + "\n" + "\n".join(t["checks"])], right=(4,)))
        widths = [6, 20, 46, 25, 14, 9, 17, 13, 30]
        sub = [cells([lab("problem"), lab("transactions_n"), lab("currency"), lab("subtotal")])]
        sub += [cells([s["problem"], s["count"], s["currency"], s["amount"]], right=(1, 3))
                for s in doc["subtotals"]]
        sub += [cells([lab("total"), "", t["currency"], t["amount"]], right=(3,))
                for t in doc["totals"]]
        return [self.h2("transactions"), _table(rows, [w * mm for w in widths]),
                Spacer(1, 3 * mm), _table(sub, [80 * mm, 25 * mm, 25 * mm, 50 * mm])]

    def reasons(self) -> list[Any]:
        out = [self.h2("reasons")]
        for r in self.doc["reasons"]:
            nums = ", ".join(f"#{n}" for n in r["rows"])
            out.append(p(f"{nums} {r['title']} ({r['check']}): {r['reason']}", self.st.body))
        return out

    def timeline(self, chart_png: bytes | None) -> list[Any]:
        from reportlab.lib.units import mm
        from reportlab.platypus import Image

        lab, cells = self.lab, self.cells
        out = [self.h2("timeline")]
        if chart_png:
            out.append(Image(io.BytesIO(chart_png), width=180 * mm, height=64 * mm))
        events = [cells([lab("time"), lab("event")])]
        events += [cells([e["when"], e["text"] + (f" {lab('case_mark')}" if e["source"] == "case"
                                                  else "")]) for e in self.doc["timeline"]]
        return [*out, _table(events, [38 * mm, 142 * mm])]

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
                _table(comms, [w * mm for w in (20, 28, 22, 28, 56, 26)])]

    def demand(self) -> list[Any]:
        st, demand = self.st, self.doc["demand"]
        if demand["blank"]:
            return [self.h2("demand"), p(self.lab("blank"), st.body),
                    *[p(f"[ ] {m}", st.body) for m in demand["menu"]]]
        return [self.h2("demand"), *[p(f"{i}. {item['text']}", st.body)
                                     for i, item in enumerate(demand["items"], start=1)]]

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

        lab, cells = self.lab, self.cells
        ex = [cells([lab("exhibit"), lab("description"), lab("file"), lab("sha256")])]
        ex += [cells([e["ref"], e["description"], e["file"] or "",
                      e["sha256"] or e["placeholder"]]) for e in self.doc["exhibits"]]
        return [self.h2("exhibits"), _table(ex, [14 * mm, 62 * mm, 38 * mm, 66 * mm]),
                Spacer(1, 4 * mm), p(self.doc["header"]["disclaimer"], self.st.notice)]


def _channels(doc: dict[str, Any], st, titles: dict[str, str], lab) -> list[Any]:
    ch = doc["channels"]
    out = [p(titles["channels"], st.h2)]
    for step in ch["steps"]:
        out.append(p(f"{step['step']}. {step['name']} — {step['contact']}", st.body))
        lines = [f"{lab('when')}: {step['when']}", *step["facts"],
                 f"{lab('source')}: {step['source']}"]
        out += [p(f"- {line}", st.indent) for line in lines]
    out += [p(f"- {note}", st.body) for note in ch["notes"]]
    out.append(p(lab("deadlines"), st.body))
    out += [p(f"- {d['text']} ({lab('source')}: {d['source']})", st.small)
            for d in ch["deadlines"]]
    out.append(p(f"{lab('rules_checked')}: {ch['rules_checked']}. {doc['header']['verify']}",
                 st.small))
    return out
