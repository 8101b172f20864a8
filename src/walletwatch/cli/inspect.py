"""``walletwatch inspect`` and ``walletwatch formats``."""

from __future__ import annotations

import sys

import click

from walletwatch.cli.common import (
    echo_json,
    file_errors,
    input_options,
    library_errors,
    pretty_option,
    stage,
    stage_progress,
)
from walletwatch.errors import ExitCode


@click.command("inspect")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@input_options
@click.option("--json", "as_json", is_flag=True, help="Print the inspection document as JSON.")
@pretty_option
@click.option("--strict", is_flag=True, help="Exit 1 when any row is rejected.")
@click.pass_context
def inspect_command(ctx, files, fmt, encoding, tz, mapping, as_json, pretty, strict):
    """Show what was detected and parsed in each export, row by row accounting.

    \b
    Example:
      walletwatch inspect sample_data/alipay_2026.csv
      walletwatch inspect --json statement.csv
    """
    from walletwatch.ingest import load

    with library_errors(ctx), stage_progress(ctx, files) as progress:
        stage(progress, "read")
        result = load(files, format=fmt, encoding=encoding, tz=tz, mapping=mapping,
                      progress=progress)
        stage(progress, "writing")
        document = result.to_dict() if as_json else None
    if as_json:
        echo_json(document, pretty)
    else:
        _print_summary(result)
    failed = file_errors(result, ctx)
    if failed:
        ctx.exit(ExitCode.INPUT)
    if strict and result.rows_rejected:
        ctx.exit(ExitCode.FINDINGS)


def _print_summary(result) -> None:
    from rich.console import Console
    from rich.markup import escape as markup_escape
    from rich.table import Table

    from walletwatch.safetext import printable

    def escape(text: object) -> str:
        return markup_escape(printable(text))

    # Everything below comes from the file (path, header cells, statuses, cell values):
    # printed as written, never interpreted as rich markup, and without the escape
    # sequences or bidi overrides a hostile export may carry.
    console = Console(file=sys.stdout, width=110, highlight=False)
    for report in result.files:
        if report.error is not None:
            continue
        console.print(f"[bold]{escape(report.path)}[/bold]")
        console.print(f"  format {report.format}, encoding {report.encoding}")
        console.print(f"  found by: {escape(report.detection)}", soft_wrap=True)
        console.print(f"  sha256 {report.sha256}")
        period = report.period
        console.print(f"  period {period['start']} → {period['end']}")
        dup = f", {report.duplicates} already in an earlier file" if report.duplicates else ""
        console.print(f"  rows {report.rows_total} = {report.rows_ok} ok + "
                      f"{report.rows_rejected} rejected{dup}")
        counts = escape(", ".join(f"{k} {v}" for k, v in report.status_counts.items() if v))
        console.print(f"  status {counts}")
        if report.rejected:
            table = Table("line", "reason", "message", box=None, padding=(0, 2))
            for rejected in report.rejected[:50]:
                table.add_row(str(rejected.line), rejected.reason, escape(rejected.message))
            console.print(table)
            if len(report.rejected) > 50:
                console.print(f"  … {len(report.rejected) - 50} more (use --json for all)")
        for notice in report.notices:
            line = f" (line {notice.line})" if notice.line else ""
            console.print(f"  note {notice.code}{line}: {escape(notice.message)}")


@click.command("formats")
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
def formats_command(as_json):
    """List the export formats walletwatch reads and how each is recognised."""
    from walletwatch.ingest.registry import importers

    rows = [
        {"name": i.name, "provider": i.provider, "title": i.title,
         "recognised_by": i.recognised_by}
        for i in importers()
    ]
    if as_json:
        echo_json({"formats": rows})
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("format", "wallet export", "recognised by", box=None, padding=(0, 2))
    for row in rows:
        table.add_row(row["name"], row["title"], row["recognised_by"])
    Console(file=sys.stdout, width=140).print(table)
