"""Declared layouts read from an XLSX worksheet instead of a CSV file.

A workbook may hold several sheets (a WeChat bill re-opened in Excel gains a Power Query
sheet whose first row is ``Column1, Column2 …``): the sheet with the bill header wins, and
among several the one that looks most like the original export (markers before the header,
the title in cell A1), then the first in workbook order.
"""

from __future__ import annotations

from walletwatch.ingest.base import Detection, ParseOptions, Parsed, Sample
from walletwatch.ingest.layout import LayoutImporter
from walletwatch.ingest.preamble import preamble_meta
from walletwatch.ingest.xlsx import read_sheet_table


def _row_text(row: tuple[str, ...]) -> str:
    return " ".join(cell.strip() for cell in row if cell and cell.strip())


class SheetLayoutImporter(LayoutImporter):
    """A ``LayoutImporter`` whose input is a worksheet; ``source_line`` is the worksheet row."""

    title_cell: str | None = None  # text expected in A1 of an untouched export

    def sniff(self, sample: Sample) -> Detection | None:
        if sample.kind != "xlsx":
            return None
        best: tuple[tuple[int, int, int], Detection] | None = None
        for index, (name, rows) in enumerate(sample.sheets):
            found = self._sniff_sheet(name, rows)
            if found is None:
                continue
            detection, markers = found
            first = rows[0][0].strip() if rows and rows[0] else ""
            titled = int(bool(self.title_cell) and first == self.title_cell)
            rank = (markers, titled, -index)
            if best is None or rank > best[0]:
                best = (rank, detection)
        return None if best is None else best[1]

    def _sniff_sheet(self, name: str, rows) -> tuple[Detection, int] | None:
        header = self.layout.header
        for number, row in enumerate(rows, start=1):
            cells = {cell.strip() for cell in row if cell}
            if not all(token in cells for token in header):
                continue
            before = [_row_text(r) for r in rows[: number - 1]]
            found = [m for m in self.layout.markers if any(m in text for text in before)]
            score = len(header) + 2 * len(found)
            reason = f"sheet {name!r} row {number} has {', '.join(header)}"
            if found:
                reason += f"; rows above have {', '.join(found)}"
            return Detection(self.name, score, number, reason, sheet=name), len(found)
        return None

    def parse(self, sample: Sample, detection: Detection, options: ParseOptions) -> Parsed:
        sheet = detection.sheet or sample.sheets[0][0]
        table = read_sheet_table(sample.path, sheet, detection.header_line)
        parsed = self.normalise(table, sample, options)
        parsed.accounting = {"header_line": detection.header_line, "footer_line": None,
                             "continued_lines": 0}
        rows = dict(sample.sheets)[sheet] if sheet in dict(sample.sheets) else ()
        parsed.meta.update(preamble_meta([_row_text(r) for r in rows[: detection.header_line - 1]]))
        if options.progress:
            options.progress(sample.size)
        return parsed
