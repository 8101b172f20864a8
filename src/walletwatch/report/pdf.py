"""PDF rendering with reportlab: Chinese that renders anywhere, text that can be searched.

A CJK TrueType font (``--font`` or found on the system) is embedded as a subset with a
ToUnicode map, so transaction ids and names can be searched and copied. Without one the PDF
uses reportlab's built-in CID font STSong-Light, which the viewer must supply: the PDF says so
and ``render_pdf`` returns a note for stderr. Every page carries its number and the source hash.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from typing import Any

from walletwatch.errors import ConfigError
from walletwatch.report.fonts import FontChoice, find_cjk_font, user_font

FONT_NAME = "WalletwatchCJK"
CID_FONT = "STSong-Light"


@dataclass
class PdfFont:
    name: str
    embedded: bool
    choice: FontChoice | None
    note: str | None


def register_font(path: str | None = None) -> PdfFont:
    """Register the CJK font for reportlab (``path`` from ``--font`` wins)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    choice = user_font(path) if path else find_cjk_font(truetype=True)
    if choice is not None and not choice.truetype:
        raise ConfigError(f"{choice.path} has PostScript (CFF) outlines, which the PDF writer "
                          "cannot embed", "give a TrueType .ttf/.ttc font with --font")
    if choice is not None:
        key = f"{choice.path}#{choice.index}".encode()
        name = f"{FONT_NAME}-{hashlib.sha256(key).hexdigest()[:8]}"  # stable across runs
        try:
            pdfmetrics.registerFont(TTFont(name, choice.path, subfontIndex=choice.index))
        except TTFError as exc:
            raise ConfigError(f"cannot embed {choice.path}: {exc}",
                              "give another TrueType font with --font") from exc
        return PdfFont(name, True, choice, None)
    pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
    note = (f"no embeddable CJK font found: the PDF uses the standard font {CID_FONT}, which is "
            "not embedded (give one with --font)")
    return PdfFont(CID_FONT, False, None, note)


class _Styles:
    def __init__(self, font: str, lang: str):
        from reportlab.lib.styles import ParagraphStyle

        wrap = "CJK" if lang == "zh" else None
        base = {"fontName": font, "wordWrap": wrap}
        self.body = ParagraphStyle("body", fontSize=9, leading=12.5, spaceAfter=3, **base)
        self.small = ParagraphStyle("small", fontSize=7.5, leading=9.5, **base)
        self.indent = ParagraphStyle("indent", parent=self.small, leftIndent=12)
        # Chinese wraps between any two characters; English only between words, so that a
        # heading such as "Currency" is never split. Ids, times and codes get columns wide
        # enough for one unbroken line.
        self.cell = ParagraphStyle("cell", fontSize=7, leading=8.6, fontName=font,
                                   wordWrap=wrap)
        self.cell_right = ParagraphStyle("cell_right", parent=self.cell, alignment=2)
        self.label = ParagraphStyle("label", fontSize=8.5, leading=11, fontName=font,
                                    wordWrap=wrap)
        self.value = ParagraphStyle("value", parent=self.label)
        self.stake = ParagraphStyle("stake", parent=self.label, fontSize=10, leading=13)
        self.h1 = ParagraphStyle("h1", fontSize=15, leading=19, spaceAfter=6, **base)
        self.h2 = ParagraphStyle("h2", fontSize=11.5, leading=15, spaceBefore=9, spaceAfter=4,
                                 keepWithNext=1, **base)
        self.notice = ParagraphStyle("notice", fontSize=9.5, leading=13, borderWidth=1,
                                     borderColor="#333333", borderPadding=4, spaceBefore=4,
                                     spaceAfter=8, **base)


def render_pdf(doc: dict[str, Any], chart_png: bytes | None = None,
               font_path: str | None = None) -> tuple[bytes, str | None]:
    """PDF bytes and a note for stderr when the Chinese font is not embedded."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    from walletwatch.report.pdf_story import story

    font = register_font(font_path)
    styles = _Styles(font.name, doc["lang"])
    sources = doc["header"]["sources"]
    digest = sources[0]["sha256"] if sources else ""
    buffer = io.BytesIO()
    template = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                                 topMargin=14 * mm, bottomMargin=16 * mm, title=doc["title"],
                                 author="walletwatch", invariant=True)

    def footer(canvas, _doc) -> None:
        canvas.saveState()
        canvas.setFont(font.name, 7)
        page = canvas.getPageNumber()
        word = "第 {} 页" if doc["lang"] == "zh" else "Page {}"
        canvas.drawString(15 * mm, 9 * mm, f"{word.format(page)} | SHA-256 {digest}")
        canvas.restoreState()

    template.build(story(doc, styles, chart_png, font), onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue(), font.note
