"""``walletwatch recurring``: recurring charges, and the owner's marks on them.

``walletwatch recurring FILE...`` lists the series (``list`` is the default sub-command);
``walletwatch recurring cancel PAYEE --date D`` and ``walletwatch recurring unwanted PAYEE``
record the owner's marks in the state store.
"""

from __future__ import annotations

import click

from walletwatch.cli.common import (
    echo_json,
    file_errors,
    input_options,
    library_errors,
    show_identifiers,
)
from walletwatch.errors import ExitCode

STATE_HELP = ("State store file (default: state.sqlite in the user data dir, "
              "or $WALLETWATCH_HOME).")


class DefaultToList(click.Group):
    """``walletwatch recurring FILE...`` means ``walletwatch recurring list FILE...``."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["list", *args]
        return super().parse_args(ctx, args)


@click.group("recurring", cls=DefaultToList)
def recurring_group():
    """Subscriptions, renewals and automatic deductions: list them, mark them cancelled.

    \b
    Example:
      walletwatch recurring statement.csv
      walletwatch recurring cancel "爱奇艺会员" --date 2026-04-01
    """


@recurring_group.command("list")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@input_options
@click.option("--json", "as_json", is_flag=True, help="Print the series and findings as JSON.")
@click.option("--state", metavar="PATH", type=click.Path(dir_okay=False), help=STATE_HELP)
@click.option("--config", "config_path", metavar="PATH", type=click.Path(dir_okay=False),
              help="Settings file (TOML; [recurring] table).")
@click.option("--as-of", "as_of", metavar="TIME",
              help="Judge \"new\" and \"due\" as of this time (default: the export's end).")
@click.pass_context
def list_command(ctx, files, fmt, encoding, tz, mapping, as_json, state, config_path, as_of):
    """List the recurring series of the exports with their yearly cost, and what changed.

    \b
    Exit codes: 0 listed, no recurring finding of medium or above; 1 such a finding;
    2 usage; 3 unreadable input; 4 the state store is refused.
    """
    from walletwatch.config import load_config
    from walletwatch.findings import at_least
    from walletwatch.recurring_overview import overview
    from walletwatch.report.mask import mask_document

    with library_errors(ctx):
        document, loaded = overview(files, config=load_config(config_path), state=state,
                                    as_of=as_of, format=fmt, encoding=encoding, tz=tz,
                                    mapping=mapping)
    if not show_identifiers(ctx):
        document = mask_document(document)
    if as_json:
        echo_json(document)
    else:
        _table(document)
    if file_errors(loaded, ctx):
        ctx.exit(ExitCode.INPUT)
    if any(at_least(f["severity"], "medium") for f in document["findings"]):
        ctx.exit(ExitCode.FINDINGS)


def _table(document: dict) -> None:
    series = document["series"]
    if not series:
        click.echo("no recurring charges found")
    else:
        click.echo(f"{'payee':28} {'cadence':11} {'amount':>12} {'charges':>7} "
                   f"{'next':>10} {'per year':>14}  mark")
    for s in series:
        mark = f"{s['mark']['kind']} {s['mark']['on_date']}" if s["mark"] else ""
        click.echo(f"{s['payee'][:28]:28} {s['cadence']:11} "
                   f"{s['latest_amount'] + ' ' + s['currency']:>12} {s['charges']:7d} "
                   f"{s['next_expected']:>10} {s['yearly_cost'] + ' ' + s['currency']:>14}  "
                   f"{mark}".rstrip())
    for f in document["findings"]:
        click.echo(f"{f['severity']:6} {f['check']}: {f['reason']['en']}")


@recurring_group.command("cancel")
@click.argument("payee")
@click.option("--date", "on_date", required=True, metavar="YYYY-MM-DD",
              help="The day you cancelled; a charge after it is reported (high).")
@click.option("--state", metavar="PATH", type=click.Path(dir_okay=False), help=STATE_HELP)
@click.pass_context
def cancel_command(ctx, payee, on_date, state):
    """Record that you cancelled PAYEE's subscription: later charges are reported.

    \b
    Example:
      walletwatch recurring cancel "爱奇艺会员" --date 2026-04-01
    """
    from walletwatch.store import marks

    with library_errors(ctx):
        mark = marks.add(payee, "cancelled", on_date, state)
    click.echo(f"{mark.payee}: cancelled on {mark.on_date}; a charge after that day will be "
               "reported")


@recurring_group.command("unwanted")
@click.argument("payee")
@click.option("--date", "on_date", metavar="YYYY-MM-DD", help="Default: today.")
@click.option("--state", metavar="PATH", type=click.Path(dir_okay=False), help=STATE_HELP)
@click.pass_context
def unwanted_command(ctx, payee, on_date, state):
    """Mark PAYEE's series unwanted: `walletwatch check` reminds you before its next charge."""
    import datetime as dt

    from walletwatch.store import marks

    with library_errors(ctx):
        mark = marks.add(payee, "unwanted", on_date or dt.date.today().isoformat(), state)
    click.echo(f"{mark.payee}: marked unwanted; `walletwatch check` reminds you before its "
               "next expected charge")
