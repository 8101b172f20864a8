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
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, Spacer

    lang = doc["lang"]

    def lab(key: str) -> str:
        return label(key, lang)

    def val(value: Any) -> str:
        return lab("blank") if value in (None, "") else str(value)

    def cells(values: list[Any], right: tuple[int, ...] = ()) -> list[Any]:
        return [p(v, st.cell_right if i in right else st.cell) for i, v in enumerate(values)]

    titles = {s["id"]: f"{i}. {s['title']}" for i, s in enumerate(doc["sections"], start=1)}
    h = doc["header"]
    out: list[Any] = [p(doc["title"], st.h1), p(h["disclaimer"], st.notice)]
    if not font.embedded:
        out.append(p(f"Note: the Chinese font ({font.name}) is not embedded in this PDF; "
                     "the viewer supplies it.", st.small))
    period = h["period"]
    sources = "\n".join(f"{s['file']} ({s['format']}, {s['rows_ok']}/{s['rows_total']})\n"
                        f"SHA-256 {s['sha256']}" for s in h["sources"])
    settings = ", ".join(f"{k}={v}" for k, v in h["settings"].items()) or "—"
    out.append(_table([cells([lab("generated_at"), f"{h['generated_at']} ({h['timezone']})"]),
                       cells([lab("tool"), h["tool"]]),
                       cells([lab("period"), f"{period.get('start')} → {period.get('end')}"]),
                       cells([lab("jurisdiction"), f"{h['jurisdiction']} | {lab('rules_checked')} "
                                                   f"{doc['channels']['rules_checked']}"]),
                       cells([lab("settings"), settings]),
                       cells([lab("sources"), sources])], [32 * mm, 148 * mm], header=False))
    out += [Spacer(1, 2 * mm), p(f"{h['from_export']} {h['user_supplied']}", st.small)]

    party, c = doc["parties"], doc["parties"]["complainant"]
    out.append(p(titles["parties"], st.h2))
    out.append(_table([cells([lab("complainant"), val(c["name"])]),
                       cells([lab("contact"), val(c["contact"])]),
                       cells([lab("address"), val(c["address"])]),
                       cells([lab("account"), val(c["account"])]),
                       cells([lab("respondent"), f"{val(party['respondent']['name'])} "
                                                 f"({party['respondent']['provider']})"]),
                       cells([lab("reference"), val(party["reference"])])],
                      [32 * mm, 148 * mm], header=False))
    out += [p(titles["summary"], st.h2), p(doc["summary"], st.body)]

    out.append(p(titles["transactions"], st.h2))
    # ids and the problem code each get one unbroken line so that they stay searchable
    heads = [lab("n"), lab("time"), lab("txn_id"), lab("counterparty"), lab("amount"),
             lab("currency"), lab("method"), lab("status"), f"{lab('problem')} / {lab('check')}"]
    rows = [cells(heads)]
    for t in doc["transactions"]:
        ident = t["txn_id"] + (f"\n{t['merchant_order_id']}" if t["merchant_order_id"] else "")
        when = t["time"].replace("T", "\n", 1)
        rows.append(cells([t["n"], when, ident, t["counterparty"], t["amount"], t["currency"],
                           t["method"], t["status"], t["problem"] + "\n" + "\n".join(t["checks"])],
                          right=(4,)))
    widths = [6, 20, 46, 25, 14, 9, 17, 13, 30]
    out.append(_table(rows, [w * mm for w in widths]))
    out.append(Spacer(1, 3 * mm))
    sub = [cells([lab("problem"), lab("transactions_n"), lab("currency"), lab("subtotal")])]
    sub += [cells([s["problem"], s["count"], s["currency"], s["amount"]], right=(1, 3))
            for s in doc["subtotals"]]
    sub += [cells([lab("total"), "", t["currency"], t["amount"]], right=(3,))
            for t in doc["totals"]]
    out.append(_table(sub, [80 * mm, 25 * mm, 25 * mm, 50 * mm]))

    out.append(p(titles["reasons"], st.h2))
    for r in doc["reasons"]:
        nums = ", ".join(f"#{n}" for n in r["rows"])
        out.append(p(f"{nums} {r['title']} ({r['check']}): {r['reason']}", st.body))

    out.append(p(titles["timeline"], st.h2))
    if chart_png:
        out.append(Image(io.BytesIO(chart_png), width=180 * mm, height=64 * mm))
    events = [cells([lab("time"), lab("event")])]
    events += [cells([e["when"], e["text"] + (f" {lab('case_mark')}" if e["source"] == "case"
                                              else "")]) for e in doc["timeline"]]
    out.append(_table(events, [38 * mm, 142 * mm]))

    out.append(p(titles["security"], st.h2))
    facts = [cells([lab("fact"), lab("answer")])]
    facts += [cells([f["question"], f["answer"]]) for f in doc["security"]["facts"]]
    out.append(_table(facts, [110 * mm, 70 * mm]))
    out.append(p(lab("advice"), st.body))
    out += [p(f"- {a}", st.body) for a in doc["security"]["advice"]]

    out.append(p(titles["communications"], st.h2))
    keys = ["date", "channel", "agent", "ticket", "summary", "attachment"]
    comms = [cells([lab(k) for k in keys])]
    comms += [cells([val(m["date"]), val(m["channel"]), val(m["agent"]), val(m["ticket"]),
                     val(m["summary"]), m["attachment"] or ""]) for m in doc["communications"]]
    if len(comms) == 1:
        comms.append(cells([lab("blank")] * 5 + [""]))
    out.append(_table(comms, [w * mm for w in (20, 28, 22, 28, 56, 26)]))

    out.append(p(titles["demand"], st.h2))
    demand = doc["demand"]
    if demand["blank"]:
        out.append(p(lab("blank"), st.body))
        out += [p(f"[ ] {m}", st.body) for m in demand["menu"]]
    else:
        out += [p(f"{i}. {item['text']}", st.body)
                for i, item in enumerate(demand["items"], start=1)]

    out += _channels(doc, st, titles, lab)
    out.append(p(titles["letter"], st.h2))
    for block in doc["letter"]["blocks"]:
        if block["type"] == "ul":
            out += [p(f"- {item}", st.body) for item in block["items"]]
        else:
            out.append(p(block["text"], st.body))
    out.append(p(doc["letter"]["advice"], st.small))

    out.append(p(titles["exhibits"], st.h2))
    ex = [cells([lab("exhibit"), lab("description"), lab("file"), lab("sha256")])]
    ex += [cells([e["ref"], e["description"], e["file"] or "", e["sha256"] or e["placeholder"]])
           for e in doc["exhibits"]]
    out.append(_table(ex, [14 * mm, 62 * mm, 38 * mm, 66 * mm]))
    out.append(Spacer(1, 4 * mm))
    out.append(p(h["disclaimer"], st.notice))
    return out


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
