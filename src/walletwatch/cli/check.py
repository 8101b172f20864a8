"""``walletwatch check``: periodic account check against the local state store."""

from __future__ import annotations

import click

from walletwatch.cli.common import (
    echo_json,
    library_errors,
    pretty_option,
    stage,
    stage_progress,
    show_identifiers,
    traceback_wanted,
    warn,
)
from walletwatch.errors import ExitCode

FAIL_ON = ("high", "medium", "low", "info", "never")
NOTIFIERS = ("stdout", "file", "command", "email", "webhook", "desktop")


@click.command("check")
@click.argument("files", nargs=-1, type=click.Path())
@click.option("--inbox", metavar="DIR", type=click.Path(file_okay=False),
              help="Folder of exports; each file is imported once (by content hash).")
@click.option("--state", metavar="PATH", type=click.Path(dir_okay=False),
              help="State store file (default: state.sqlite in the user data dir, "
                   "or $WALLETWATCH_HOME).")
@click.option("--json", "as_json", is_flag=True, help="Print the check document as JSON.")
@pretty_option
@click.option("--notify", multiple=True, type=click.Choice(NOTIFIERS), metavar="NAME",
              help="Notifier to use instead of the config's [notify] channels (repeatable): "
                   + ", ".join(NOTIFIERS) + ". Settings and credentials come from the config.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="medium", show_default=True,
              help="Exit 1 when a new finding is at least this severe.")
@click.option("--config", "config_path", metavar="PATH", type=click.Path(dir_okay=False),
              help="Settings file (TOML; [check] and [notify] tables too).")
@click.pass_context
def check_command(ctx, files, inbox, state, as_json, pretty, notify, fail_on, config_path):
    """Import new exports and report only what is new since the last check.

    Findings already alerted are not repeated; a stuck item is alerted again when it
    changes (still pending after a later deadline, or resolved). Open complaint cases
    whose follow-up date has come are mentioned.

    \b
    Exit codes: 0 nothing new at --fail-on; 1 a new finding at --fail-on or above;
    2 usage; 3 unreadable input; 4 the state store is refused.
    Identifiers are masked in --json and every notifier unless
    `walletwatch --show-identifiers check ...` (or [notify] show_identifiers = true).
    \b
    Example:
      walletwatch check --inbox ~/Downloads/wallet-exports
      walletwatch check statement.csv --json --notify file
    """
    from walletwatch.scheduled.check import run_check

    if not files and not inbox:
        raise click.UsageError("give export FILES or --inbox DIR")
    printed: list[str] = []
    echo = printed.append if as_json else click.echo
    inputs = [*files, *_inbox_files(inbox)]
    with library_errors(ctx), stage_progress(ctx, inputs) as progress:
        # The store runs import, features, model and checks as one step (walletwatch.store).
        stage(progress, "import and check")
        result = run_check(list(files), inbox=inbox, state=state, config_path=config_path,
                           notify=list(notify) or None, echo=echo,
                           show_identifiers=show_identifiers(ctx))
        stage(progress, "writing")
        if as_json:
            from walletwatch.notify import outgoing

            document = outgoing(result.document(), show_identifiers(ctx))
    if as_json:
        echo_json(document, pretty)
    else:
        _summary(result)
    for error in result.errors:
        if traceback_wanted(ctx):
            raise error
        warn(f"Error: {error.one_line()}")
    if result.errors:
        ctx.exit(ExitCode.INPUT)
    if result.reaches(fail_on):
        ctx.exit(ExitCode.FINDINGS)


def _inbox_files(inbox: str | None) -> list[str]:
    """The files in ``inbox`` (for the size that decides whether progress is shown)."""
    from pathlib import Path

    if not inbox or not Path(inbox).is_dir():
        return []
    return [str(p) for p in Path(inbox).iterdir() if p.is_file()]


def _summary(result) -> None:
    warn(f"imported {result.imported_files} file(s): {result.new} new transaction(s), "
         f"{result.duplicate} already known; {result.open_findings} open finding(s)")
    for outcome in result.partial:
        warn(f"{outcome.path}: {outcome.rejected} row(s) rejected, so the file is not marked "
             f"imported and will be read again (see `walletwatch inspect {outcome.path}`)")
    for outcome in result.skipped:
        warn(f"{outcome.path}: skipped, an earlier check could not read it ({outcome.note})")
    for delivery in result.deliveries:
        if delivery.state != "sent":
            warn(f"notifier {delivery.channel}: {delivery.state}"
                 + (f" ({delivery.error})" if delivery.error else ""))
    for case in result.cases_due:
        label = case.follow_up.label
        click.echo(f"case {case.id} ({case.channel}): {label['en']} / {label['zh']}")
