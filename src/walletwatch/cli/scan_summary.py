"""The readable terminal summary of a scan (rich, on stdout)."""

from __future__ import annotations

import shlex
import sys

_STYLE = {"high": "bold red", "medium": "yellow", "low": "cyan", "info": "dim"}
_SHOWN = 30  # findings listed in full; the rest are counted (all are in --json)


def _plain(text: object) -> str:
    """Data from an export (names, paths, statuses) printed as written, never as rich markup:
    a merchant called "[/bold]" must not break or restyle the output, and escape sequences or
    bidi overrides in it never reach the terminal."""
    from rich.markup import escape

    from walletwatch.safetext import printable

    return escape(printable(text))


def print_summary(result, files, fail_on: str) -> None:
    from rich.console import Console

    console = Console(file=sys.stdout, width=110, highlight=False, soft_wrap=False)
    _read(console, result)
    counts = result.counts()
    line = ", ".join(f"[{_STYLE[s]}]{n} {s}[/]" for s, n in counts.items())
    console.print(f"\n[bold]Findings[/bold]: {line}")
    shown = [f for f in result.findings if f.severity != "info"]
    if shown:
        _table(console, shown)
        _reasons(console, shown[:_SHOWN])
    if counts["info"]:
        noun = "finding is" if counts["info"] == 1 else "findings are"
        console.print(f"  ({counts['info']} info {noun} in --json: orders closed unpaid, "
                      "failed payments retried at once)")
    _next(console, result, files, fail_on)


def _read(console, result) -> None:
    console.print("[bold]Read[/bold]")
    for report in getattr(result.ingest, "files", []) or []:
        if report.error is not None:
            console.print(f"  {_plain(report.path)}: [red]not read[/red] ({report.error.code})")
            continue
        console.print(f"  {_plain(report.path)}: {report.format}, {report.rows_ok} transactions "
                      f"({report.rows_rejected} rows rejected)")
        console.print(f"    {report.period['start']} → {report.period['end']}")
    document = result.document()
    if document["as_of"] is None:  # nothing was read
        return
    flagged = document["summary"]["flagged"]
    noun = "transaction" if flagged == 1 else "transactions"
    console.print(f"  as of {document['as_of']}; {flagged} {noun} flagged as possibly not made by "
                  "the account holder")


def _table(console, findings) -> None:
    from rich.table import Table

    table = Table("#", "severity", "check", "when", "at stake", "txns", box=None,
                  padding=(0, 1))
    for n, finding in enumerate(findings[:_SHOWN], start=1):
        first = finding.transactions[0].time[:16].replace("T", " ")
        stake = ", ".join(f"{v} {c}" for c, v in finding.amount_at_stake.items()) or "-"
        table.add_row(str(n), f"[{_STYLE[finding.severity]}]{finding.severity}[/]",
                      finding.check, _plain(first), _plain(stake), str(len(finding.transactions)))
    console.print(table)
    if len(findings) > _SHOWN:
        console.print(f"  … {len(findings) - _SHOWN} more (see --json)")


def _reasons(console, findings) -> None:
    from rich.padding import Padding
    from rich.text import Text

    from walletwatch.safetext import printable

    if not findings:
        return
    console.print("\n[bold]Why[/bold]")
    for n, finding in enumerate(findings, start=1):
        console.print(f" {n}. [{_STYLE[finding.severity]}]{_plain(finding.title['en'])}[/] "
                      f"({_plain(finding.title['zh'])})")
        for lang in ("en", "zh"):
            console.print(Padding(Text(printable(finding.reason[lang])), (0, 0, 0, 4),
                                  expand=False))


def _next(console, result, files, fail_on: str) -> None:
    console.print("\n[bold]Next[/bold]")
    quoted = " ".join(shlex.quote(str(f)) for f in files)
    if result.findings:
        console.print(f"  walletwatch report {_plain(quoted)} --out report.html")
        console.print("      an evidence pack to complain to the wallet")
    if any(f.category == "unrecognised" for f in result.findings):
        console.print("  walletwatch allow PAYEE")
        console.print("      if a payee above is yours: the next scan will know it")
    console.print("  walletwatch scan --json ...   the full document, for scripts")
    if fail_on != "never" and result.reaches(fail_on):
        console.print(f"  (exit code 1: a finding is at least {fail_on}; see --fail-on)")
