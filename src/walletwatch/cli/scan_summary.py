"""The readable terminal summary of a scan (rich tables on stdout)."""

from __future__ import annotations

import shlex
import sys

_STYLE = {"high": "bold red", "medium": "yellow", "low": "cyan", "info": "dim"}


def print_summary(result, files, fail_on: str) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=sys.stdout, width=120, highlight=False)
    console.print("[bold]Read[/bold]")
    for report in getattr(result.ingest, "files", []) or []:
        if report.error is not None:
            console.print(f"  {report.path}: [red]not read[/red] ({report.error.code})")
            continue
        console.print(f"  {report.path}: {report.format}, {report.rows_ok} transactions"
                      f" ({report.rows_rejected} rows rejected), "
                      f"{report.period['start']} → {report.period['end']}")
    document = result.document()
    console.print(f"  as of {document['as_of']}; {document['summary']['flagged']} "
                  f"transaction(s) scored as not recognised")
    counts = result.counts()
    line = ", ".join(f"[{_STYLE[s]}]{n} {s}[/{_STYLE[s]}]" for s, n in counts.items())
    console.print(f"\n[bold]Findings[/bold]: {line}")
    if result.findings:
        table = Table("severity", "what", "when", "at stake", "why", box=None,
                      padding=(0, 1), show_lines=False)
        for finding in result.findings:
            first = finding.transactions[0].time[:16].replace("T", " ")
            stake = ", ".join(f"{v} {c}" for c, v in finding.amount_at_stake.items()) or "-"
            table.add_row(f"[{_STYLE[finding.severity]}]{finding.severity}[/]",
                          f"{finding.check}\n{finding.title['zh']}", first, stake,
                          f"{finding.reason['en']}\n{finding.reason['zh']}")
        console.print(table)
    console.print("\n[bold]Next[/bold]")
    quoted = " ".join(shlex.quote(str(f)) for f in files)
    if result.findings:
        console.print(f"  walletwatch report {quoted} --out report.html   "
                      "evidence pack for a complaint")
    if any(f.category == "unrecognised" for f in result.findings):
        console.print("  walletwatch allow PAYEE   if a payee above is yours, so the next scan "
                      "knows it")
    console.print("  walletwatch scan --json ...   the full document, for scripts")
    if fail_on != "never" and result.reaches(fail_on):
        console.print(f"  (exit code 1: a finding is at least {fail_on}; see --fail-on)")
