"""Declared importers: a CSV/XLSX export described as data, normalised with vectorised pandas.

A format that is "a header row plus columns" is a ``Layout`` (about twenty lines of
declaration); ``LayoutImporter`` does the rest. Formats with real quirks subclass
``LayoutImporter`` and override one of the small hooks (``prepare``, ``times``, ``derive``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from walletwatch.errors import ExcelResaved, UnknownFormat
from walletwatch.providers import provider_of
from walletwatch.ingest.base import Detection, Notice, ParseOptions, Parsed, Rejected, Sample
from walletwatch.ingest.preamble import preamble_meta
from walletwatch.ingest.convert import (
    map_statuses,
    parse_amounts,
    parse_times,
    row_hash_ids,
)
from walletwatch.columns import distinct_joined
from walletwatch.ingest.table import Table, read_table
from walletwatch.schema import exponent, ordered_columns

@dataclass(frozen=True)
class Locale:
    """One language of a layout: its column names and its number and date conventions.

    ``names`` maps a column name as the layout declares it to this language's name(s); a name
    not listed is the same in this language. ``day_first`` is the date order when the values
    leave it open (every day <= 12); ``decimal_comma`` says ``1.234,56`` is the number format.
    Adding a language of an export is one ``Locale`` in its layout's ``locales``.
    """

    code: str
    names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    day_first: bool = False
    decimal_comma: bool = False

    def local(self, name: str) -> tuple[str, ...]:
        """This language's names for the layout's column ``name``."""
        return self.names.get(name, (name,))

    def declared(self, header: list[str]) -> list[str]:
        """``header`` with this language's names replaced by the layout's."""
        declared = {local: name for name, names in self.names.items() for local in names}
        return [declared.get(cell, cell) for cell in header]


def locale_of(locales: tuple[Locale, ...], signatures: tuple[tuple[str, ...], ...],
              header: list[str] | tuple[str, ...]) -> tuple[Locale, tuple[str, ...]] | None:
    """The language whose names cover one of ``signatures`` in ``header`` (most names wins)."""
    cells = {cell.strip(' \t"\ufeff') for cell in header}
    best = None
    for locale in locales:
        for signature in signatures:
            if all(any(n in cells for n in locale.local(e)) for e in signature):
                known = sum(any(n in cells for n in locale.local(e))
                            for e in {*signature, *locale.names})
                if best is None or known > best[0]:
                    best = (known, locale, signature)
    return None if best is None else (best[1], best[2])


@dataclass(frozen=True)
class Layout:
    """A declared export layout.

    ``columns`` maps a normalised field to the source column names that may hold it (the
    first one present wins). ``kind_rules`` are ``(regex, kind)`` pairs tried in order on the
    text of the ``kind_from`` columns. ``directions`` maps the values of the direction column;
    without it the sign of the amount decides.
    """

    name: str
    title: str
    header: tuple[str, ...]
    columns: Mapping[str, tuple[str, ...]]
    tz: str = "UTC"
    currency: str | None = None
    time_formats: tuple[str, ...] = ("%Y-%m-%d %H:%M:%S",)
    statuses: Mapping[str, str] = field(default_factory=dict)
    default_status: str = "success"
    directions: Mapping[str, str] | None = None
    kind_from: tuple[str, ...] = ("kind",)
    kind_rules: tuple[tuple[str, str], ...] = ()
    kind_default: str = "payment"
    markers: tuple[str, ...] = ()
    first_column: str | None = None
    known_columns: tuple[str, ...] = ()
    footer: Callable[[str], bool] | None = None
    delimiter: str = ","
    decimal_comma: bool = False
    recognised_by: str = ""
    # Cells that may span lines (free-text notes). Without them, a quote never carries a
    # record over to the next line: a stray one is read literally (see ingest/table.py).
    multiline_cells: bool = True
    # Source columns the importer's hooks read besides the normalised fields (PayPal's date,
    # clock and zone, say): name -> candidate columns, as in ``columns``. Hooks read them
    # through ``helper``/``helpers``, so a translated header needs no code.
    helpers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # The languages of the export (the first is the one the names above are written in).
    locales: tuple[Locale, ...] = ()
    # The provider, for a layout the provider table does not list (a --map mapping); a
    # built-in layout leaves it None and its provider is read from ``walletwatch.providers``.
    provider: str | None = None


class LayoutImporter:
    """The importer for one ``Layout``."""

    def __init__(self, layout: Layout):
        self.layout = layout

    # --- identity ---------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self.layout.name

    @property
    def title(self) -> str:
        return self.layout.title

    @property
    def provider(self) -> str:
        return self.layout.provider or provider_of(self.name)

    @property
    def recognised_by(self) -> str:
        if self.layout.recognised_by:
            return self.layout.recognised_by
        markers = f"; preamble {' / '.join(self.layout.markers)}" if self.layout.markers else ""
        return f"header row with {', '.join(self.layout.header)}{markers}"

    # --- detection --------------------------------------------------------------------
    def sniff(self, sample: Sample) -> Detection | None:
        if sample.kind != "text":
            return None
        line = sample.find_line(*self.layout.header)
        if line is None:
            return None
        if self.layout.first_column is not None:
            first = sample.lines[line - 1].split(self.layout.delimiter, 1)[0]
            if first.strip(' \t"\ufeff') != self.layout.first_column:
                return None
        before = sample.lines[: line - 1]
        found = [m for m in self.layout.markers if any(m in text for text in before)]
        score = len(self.layout.header) + 2 * len(found)
        reason = f"header at line {line} has {', '.join(self.layout.header)}"
        if found:
            reason += f"; preamble has {', '.join(found)}"
        return Detection(self.name, score, line, reason)

    # --- parsing ----------------------------------------------------------------------
    def parse(self, sample: Sample, detection: Detection, options: ParseOptions) -> Parsed:
        table = read_table(
            sample.path,
            sample.encoding or "utf-8",
            detection.header_line,
            delimiter=self.layout.delimiter,
            is_footer=self.layout.footer,
            progress=options.progress,
            lenient=sample.lenient,
            multiline=self.layout.multiline_cells,
        )
        if hasattr(options.progress, "stage"):  # a progress display that names stages
            options.progress.stage("normalise")
        parsed = self.normalise(table, sample, options)
        parsed.accounting = table_accounting(table, detection.header_line)
        parsed.meta.update(preamble_meta([*sample.lines[: detection.header_line - 1],
                                          *table.footer]))
        return parsed

    def normalise(self, table: Table, sample: Sample, options: ParseOptions) -> Parsed:
        layout = self.layout
        columns = self.resolve(table.header)
        self._require(columns, sample)
        cells = self.prepare(table.cells)
        lines = table.lines
        notices = self.unknown_columns(table.header, columns)
        n = len(cells)

        def get(name: str) -> pd.Series:
            source = columns.get(name)
            if source is None:
                return pd.Series("", index=cells.index, dtype="str")
            return cells[source]

        tz = options.tz or layout.tz
        times, time_ok = self.times(get("time"), tz)
        currency = self.currencies(get("currency"), n, cells.index)
        minor, negative, amount_ok, rounded = self.amounts(get("amount"), currency)
        out = pd.DataFrame(index=cells.index)
        out["txn_id"] = get("txn_id")
        out["merchant_order_id"] = _no_slash(get("merchant_order_id"))
        out["time"] = times
        out["tz"] = _repeated(tz, cells.index)
        out["amount"] = minor
        out["currency"] = currency
        out["direction"] = self.directions(get("direction"), negative, minor)
        out["status"], unknown = self.statuses(get("status"))
        out["raw_status"] = get("status")
        out["kind"] = self.kinds(cells, columns, n)
        out["counterparty"] = _no_slash(get("counterparty"))
        out["counterparty_account"] = _no_slash(get("counterparty_account"))
        out["description"] = _no_slash(get("description"))
        out["method"] = _no_slash(get("method"))
        out["category"] = _no_slash(get("category"))
        out["fee"] = self.fees(get("fee"), currency, "fee" in columns)
        out["refund_of"] = ""
        out["source_file"] = _repeated(str(sample.path), cells.index)
        out["source_line"] = lines
        out["source_format"] = _repeated(self.name, cells.index)
        notices += [Notice("unknown-status", f"status {s!r} mapped to 'unknown'", value=s)
                    for s in unknown]
        rejected = list(table.rejected)
        rejected += self._rejections(time_ok, amount_ok, lines, get("time"), get("amount"))
        self._excel_check(time_ok, get("time"), sample)
        keep = time_ok & amount_ok
        for line in lines[rounded & keep]:
            notices.append(Notice("rounded-amount", "amount rounded to the minor unit",
                                  line=int(line)))
        if not keep.all():  # usually every row is kept: no copy of a million rows then
            out = out.loc[keep].copy()
            cells = cells.loc[keep]
        out["txn_id"] = self.ids(out["txn_id"], cells)
        out = self.derive(out, cells, columns)
        out = out.reset_index(drop=True)[ordered_columns(out)]
        rejected.sort(key=lambda r: r.line)
        return Parsed(out, rejected, notices, {})


    # --- helper columns (see Layout.helpers) -----------------------------------------
    def helpers(self, cells: pd.DataFrame, name: str) -> list[str]:
        """Every column of ``cells`` that holds the layout's helper ``name``, in order."""
        return [c for c in self.layout.helpers.get(name, ()) if c in cells.columns]

    def helper(self, cells: pd.DataFrame, name: str) -> str | None:
        """The first column of ``cells`` that holds the helper ``name``, else None."""
        return next(iter(self.helpers(cells, name)), None)

    def helper_values(self, cells: pd.DataFrame, name: str) -> pd.Series:
        """The helper column's text, or empty strings when the file lacks it."""
        column = self.helper(cells, name)
        if column is None:
            return pd.Series("", index=cells.index, dtype="str")
        return cells[column].astype(str)

    # --- hooks (override in a subclass for a quirky format) --------------------------
    def prepare(self, cells: pd.DataFrame) -> pd.DataFrame:
        """Clean cells before conversion (e.g. split ``131.77(已退款89.84)``)."""
        return cells

    def resolve(self, header: list[str]) -> dict[str, str]:
        present = set(header)
        resolved = {}
        for name, candidates in self.layout.columns.items():
            for candidate in candidates:
                if candidate in present:
                    resolved[name] = candidate
                    break
        return resolved

    def unknown_columns(self, header: list[str], columns: dict[str, str]) -> list[Notice]:
        known = set(columns.values()) | set(self.layout.known_columns)
        return [Notice("unknown-column", f"column {h!r} is not used", value=h)
                for h in header if h and h not in known]

    def times(self, values: pd.Series, tz: str) -> tuple[pd.Series, np.ndarray]:
        return parse_times(values, self.layout.time_formats, tz)

    def currencies(self, values: pd.Series, n: int, index) -> pd.Series:
        if self.layout.currency:
            return pd.Series([self.layout.currency] * n, index=index, dtype=object)
        return values.str.upper().astype(object)

    def amounts(self, values: pd.Series, currency: pd.Series):
        exps = {c: exponent(c or "XXX") for c in pd.unique(currency)}
        if len(set(exps.values())) <= 1:
            exp = next(iter(exps.values()), 2)
            return parse_amounts(values, exp, decimal_comma=self.layout.decimal_comma)
        minor = np.zeros(len(values), dtype=np.int64)
        negative = np.zeros(len(values), dtype=bool)
        ok = np.zeros(len(values), dtype=bool)
        rounded = np.zeros(len(values), dtype=bool)
        for code, exp in exps.items():
            mask = (currency == code).to_numpy()
            m, g, o, r = parse_amounts(values[mask], exp, decimal_comma=self.layout.decimal_comma)
            minor[mask], negative[mask], ok[mask], rounded[mask] = m, g, o, r
        return minor, negative, ok, rounded

    def fees(self, values: pd.Series, currency: pd.Series, present: bool) -> pd.Series:
        if not present:
            return pd.Series(pd.NA, index=values.index, dtype="Int64")
        filled = values.where(values != "", "0")
        minor, _negative, ok, _rounded = self.amounts(filled, currency)
        return pd.Series(np.where(ok, minor, 0), index=values.index).astype("Int64")

    def directions(self, values: pd.Series, negative: np.ndarray, minor: np.ndarray) -> pd.Series:
        if self.layout.directions is not None:
            codes, uniques = pd.factorize(values, use_na_sentinel=False)
            table = self.layout.directions
            words = np.array([table.get(raw, "neutral") for raw in uniques], dtype=object)
            return pd.Series(words[codes], index=values.index, dtype=object)
        signed = np.where(negative, "out", "in")
        return pd.Series(np.where(minor == 0, "neutral", signed), index=values.index, dtype=object)

    def statuses(self, values: pd.Series) -> tuple[pd.Series, list[str]]:
        if (values == "").all():
            return pd.Series(self.layout.default_status, index=values.index, dtype=object), []
        return map_statuses(values, dict(self.layout.statuses))

    def kinds(self, cells: pd.DataFrame, columns: dict[str, str], n: int) -> pd.Series:
        sources = [cells[columns[c]].astype(str) for c in self.layout.kind_from if c in columns]
        # The rules run on the distinct texts only (exports repeat them a lot), then fan out.
        codes, uniques = _distinct_joined(sources, n, cells.index)
        uniques = pd.Series(uniques, dtype="str")
        result = np.full(len(uniques), self.layout.kind_default, dtype=object)
        settled = np.zeros(len(uniques), dtype=bool)
        for pattern, kind in self.layout.kind_rules:
            hit = uniques.str.contains(pattern, regex=True).to_numpy(dtype=bool) & ~settled
            result[hit] = kind
            settled |= hit
        return pd.Series(result[codes] if len(codes) else [], index=cells.index, dtype=object)

    # Helper columns a ``prepare`` hook adds that row-hash ids must not include: an id must not
    # change when a later version adds a helper column (the state store dedups by id).
    unhashed: tuple[str, ...] = ()

    def ids(self, ids: pd.Series, cells: pd.DataFrame) -> pd.Series:
        missing = (ids == "") | ids.isna()
        if not missing.any():
            return ids
        cells = cells.drop(columns=[c for c in self.unhashed if c in cells.columns])
        hashed = row_hash_ids(cells, f"{self.provider}-")
        return ids.where(~missing, hashed)

    def derive(self, out: pd.DataFrame, cells: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
        """Last touches on the normalised rows (refund links, format-specific fixes)."""
        return out

    # --- helpers ----------------------------------------------------------------------
    def _require(self, columns: dict[str, str], sample: Sample) -> None:
        """Detection saw the header's names; a damaged header (a stray quote merging two
        names) can still lack the column of the time or the amount: refuse the file."""
        for name in ("time", "amount"):
            if name in self.layout.columns and name not in columns:
                wanted = " or ".join(self.layout.columns[name])
                raise UnknownFormat(
                    f"the header row has no {wanted} column: it looks damaged",
                    "export the statement again, or pass --map for a layout of your own",
                    str(sample.path),
                )

    @staticmethod
    def _rejections(time_ok, amount_ok, lines, times, amounts) -> list[Rejected]:
        rejected = []
        for position in np.flatnonzero(~time_ok):
            value = times.iat[position]
            reason = "missing-value" if value == "" else "bad-time"
            rejected.append(Rejected(int(lines[position]), reason,
                                     f"time {value!r} is not a valid time"))
        for position in np.flatnonzero(time_ok & ~amount_ok):
            value = amounts.iat[position]
            reason = "missing-value" if value == "" else "bad-amount"
            rejected.append(Rejected(int(lines[position]), reason,
                                     f"amount {value!r} is not a valid amount"))
        return rejected

    # Excel re-saving a statement rewrites "2023-02-12 21:32:14" as "2023/2/12 21:32": the
    # seconds are gone and the layout's time format no longer parses. Only when MOST times fail
    # (a few bad cells are rejected rows, not a re-saved file) and MOST of them have Excel's
    # shape is the whole file refused with the reason, instead of rejecting every row.
    EXCEL_MAX_PARSED = 0.5  # at most this share of the times parsed ...
    EXCEL_MIN_SHAPED = 0.5  # ... and more than this share have the shape of Excel's rewrite

    @staticmethod
    def _excel_check(time_ok: np.ndarray, times: pd.Series, sample: Sample) -> None:
        if len(time_ok) == 0 or time_ok.mean() > LayoutImporter.EXCEL_MAX_PARSED:
            return
        resaved = times.str.match(r"^\d{4}[/-]\d{1,2}[/-]\d{1,2} \d{1,2}:\d{2}$")
        if resaved.mean() > LayoutImporter.EXCEL_MIN_SHAPED:
            raise ExcelResaved(
                "the times have lost their seconds: this file was re-saved by Excel",
                "export the statement again from the wallet and pass the original file",
                str(sample.path),
            )


def _distinct_joined(sources: list[pd.Series], n: int, index) -> tuple[np.ndarray, np.ndarray]:
    """Codes and distinct values of the sources' cells joined by `` | ``."""
    if not sources:
        return pd.factorize(pd.Series([""] * n, index=index))
    return distinct_joined(sources, " | ")


def _repeated(value: str, index) -> pd.Series:
    """One text on every row, held once: an object column of the same string (a text column
    would store a million copies of a file name)."""
    cells = np.empty(len(index), dtype=object)
    cells.fill(value)  # one reference to ``value`` (``np.full`` would make a copy per row)
    return pd.Series(cells, index=index, dtype=object, copy=False)


def _no_slash(values: pd.Series) -> pd.Series:
    """Chinese exports write ``/`` for "none"."""
    return values.where(values != "/", "")


def link_refunds_by_prefix(out: pd.DataFrame, separator: str = "_") -> pd.DataFrame:
    """Alipay-style refunds: a refund's id is ``<original id><separator><suffix>``."""
    ids = out["txn_id"].astype(str)
    has_sep = ids.str.contains(separator, regex=False)
    if not has_sep.any():
        return out
    # Only the few ids with a separator are split; the whole id column is searched once for
    # their prefixes (not turned into a Python set of a million ids).
    prefix = ids[has_sep].str.split(separator, n=1).str[0]
    known = set(ids[ids.isin(pd.unique(prefix.to_numpy(object)).tolist())])
    linked = has_sep.copy()
    linked[has_sep] = prefix.isin(known).to_numpy()
    out.loc[linked, "refund_of"] = prefix[linked[has_sep].to_numpy()]
    out.loc[linked, "kind"] = "refund"
    return out


def table_accounting(table: Table, header_line: int) -> dict[str, int | None]:
    """Where the records were read from, for the line-by-line accounting of the report."""
    return {"header_line": header_line, "footer_line": table.footer_line,
            "continued_lines": table.continued_lines, "summary_lines": table.summary_lines}
