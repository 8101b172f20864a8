"""The one place importers are registered, and detection that asks all of them."""

from __future__ import annotations

from functools import cache

from walletwatch.errors import AmbiguousFormat, ConfigError, ExcelResaved, UnknownFormat
from walletwatch.ingest.base import Detection, Importer, Sample


# Modules under walletwatch.ingest, each exporting IMPORTERS; the order is the listing order.
MODULES = (
    "alipay",
    "wechat",
    "jd",
    "meituan",
    "paypal",
    "revolut",
    "wise",
    "monzo",
    "venmo",
    "cashapp",
)


@cache
def importers() -> tuple[Importer, ...]:
    """Every built-in importer, in the order `walletwatch formats` lists them."""
    import importlib

    found: list[Importer] = []
    for name in MODULES:
        found.extend(importlib.import_module(f"walletwatch.ingest.{name}").IMPORTERS)
    return tuple(found)


def names() -> list[str]:
    return [importer.name for importer in importers()]


def get(name: str) -> Importer:
    for importer in importers():
        if importer.name == name:
            return importer
    raise ConfigError(f"unknown format {name!r}", f"use one of: {', '.join(names())}")


def detect(sample: Sample, candidates: tuple[Importer, ...] | None = None) -> tuple[Importer, Detection]:
    """Ask every importer; the highest score wins and a tie is an error listing both."""
    claims = []
    for importer in candidates or importers():
        detection = importer.sniff(sample)
        if detection is not None:
            claims.append((detection.score, importer, detection))
    if not claims:
        _refuse_mangled(sample)
        raise UnknownFormat(
            "not a statement layout walletwatch knows",
            f"try --format NAME (one of: {', '.join(names())}) or --map MAPPING.toml "
            "for another wallet's CSV; `walletwatch formats` lists what is recognised",
            str(sample.path),
        )
    claims.sort(key=lambda claim: -claim[0])
    best = claims[0]
    tied = [claim for claim in claims if claim[0] == best[0]]
    if len(tied) > 1:
        listed = ", ".join(claim[1].name for claim in tied)
        raise AmbiguousFormat(
            f"the file matches several formats equally well: {listed}",
            "choose one with --format NAME",
            str(sample.path),
        )
    return best[1], best[2]


# A GBK statement re-saved as another encoding shows its Chinese as runs of "?". Its preamble
# and header fit in the first MANGLED_HEAD_LINES lines; MANGLED_MIN_MARKS question marks there
# is far more than any real statement header or a few rows of merchant names hold (a stray "?"
# in a note is common), and a "??" touching a comma means a whole cell was replaced.
MANGLED_HEAD_LINES = 60
MANGLED_MIN_MARKS = 20


def _refuse_mangled(sample: Sample) -> None:
    """A statement whose Chinese text became ``???`` was re-saved by a program (usually Excel)
    that did not understand GBK: say so instead of "unknown format"."""
    lines = sample.lines[:MANGLED_HEAD_LINES]
    if "\n".join(lines).count("?") >= MANGLED_MIN_MARKS \
            and any("??," in line or ",??" in line for line in lines):
        raise ExcelResaved(
            "the Chinese text in this file was replaced by '?': it was re-saved by a program "
            "that lost the GBK encoding (often Excel)",
            "export the statement again from the wallet and pass the original file",
            str(sample.path),
        )
