"""Write a built report in the format its file extension names."""

from __future__ import annotations

from pathlib import Path

from walletwatch.errors import ConfigError
from walletwatch.report.build import Report

FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
           ".pdf": "pdf", ".json": "json", ".csv": "csv"}


def format_for(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ConfigError(f"cannot tell the report format from {Path(path).name!r}",
                          "end --out with .md, .html, .pdf, .json or .csv")
    return FORMATS[suffix]


def chart_png(report: Report, font_path: str | None = None) -> tuple[bytes, str | None]:
    from walletwatch.report.chart import render_chart
    from walletwatch.report.fonts import user_font

    font = user_font(font_path) if font_path else None
    return render_chart(report.document, report.activity, font)


def write_report(report: Report, out: str | Path, font_path: str | None = None) -> list[str]:
    """Write ``report`` to ``out``; returns notes for stderr (e.g. a font not embedded).

    Markdown cannot hold an image, so its chart is written next to it as ``<name>.timeline.png``.
    """
    out = Path(out)
    kind = format_for(out)
    notes: list[str] = []
    doc = report.document
    if kind == "json":
        from walletwatch.report.tabular import render_json

        out.write_text(render_json(doc), encoding="utf-8")
    elif kind == "csv":
        from walletwatch.report.tabular import render_csv

        out.write_text(render_csv(doc), encoding="utf-8-sig", newline="")  # BOM: Excel + CJK
    elif kind == "markdown":
        from walletwatch.report.markdown import render_markdown

        png, note = chart_png(report, font_path)
        chart = out.with_name(out.stem + ".timeline.png")
        chart.write_bytes(png)
        out.write_text(render_markdown(doc, chart.name), encoding="utf-8")
        notes += [note] if note else []
    elif kind == "html":
        from walletwatch.report.html import render_html

        png, note = chart_png(report, font_path)
        out.write_text(render_html(doc, png), encoding="utf-8")
        notes += [note] if note else []
    else:
        from walletwatch.report.pdf import render_pdf

        png, note = chart_png(report, font_path)
        data, pdf_note = render_pdf(doc, png, font_path)
        out.write_bytes(data)
        notes += [n for n in (note, pdf_note) if n]
    return notes
