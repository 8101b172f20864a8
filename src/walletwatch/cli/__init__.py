"""The ``walletwatch`` command line: thin commands over the library.

Commands are imported lazily so that ``walletwatch --help`` starts fast; each command module
parses options, calls one library function and formats the result. Library errors become one
line on stderr and an exit code (see ``walletwatch.errors.ExitCode``).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import signal
import sys

import click

from walletwatch import __version__
from walletwatch.errors import ExitCode, internal_message

# Where a crash is reported (README, "Reporting a bug"); the project has no public URL yet.

# command name -> "module:function" under walletwatch.cli
COMMANDS = {
    "inspect": "inspect:inspect_command",
    "formats": "inspect:formats_command",
    "scan": "scan:scan_command",
    "allow": "scan:allow_command",
    "report": "report:report_command",
    "check": "check:check_command",
    "schedule": "schedule:schedule_command",
    "case": "case:case_group",
    "serve": "serve:serve_command",
    "recurring": "recurring:recurring_group",
}
CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class InternalError(click.ClickException):
    """The last resort: an exception no command expected, shown as one line.

    Its exit code is not 1, so cron and scripts never mistake a crash for a finding.
    """

    exit_code = int(ExitCode.INTERNAL)

    def __init__(self, error: BaseException):
        super().__init__(internal_message(error))


class LazyGroup(click.Group):
    def invoke(self, ctx: click.Context):
        """Run the command with owner-only file creation and the last-resort handler."""
        old_umask = os.umask(0o077)  # every file a command creates is owner-only (0600)
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit,
                click.exceptions.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)  # 130 as shells report Ctrl-C, never 1
            raise click.exceptions.Exit(int(ExitCode.INTERRUPTED)) from None
        except Exception as error:
            if (ctx.obj or {}).get("traceback"):
                raise
            raise InternalError(error) from error
        finally:
            os.umask(old_umask)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if self._available(name)]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        try:
            module = importlib.import_module(f"walletwatch.cli.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"walletwatch.cli.{module_name}":
                return None
            raise
        return getattr(module, attr, None)

    @staticmethod
    def _available(name: str) -> bool:
        module_name = COMMANDS[name].split(":")[0]
        return importlib.util.find_spec(f"walletwatch.cli.{module_name}") is not None


@click.group(cls=LazyGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="walletwatch")
@click.option("--traceback", is_flag=True, help="Show the full traceback on errors.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars or notes on stderr.")
@click.option("--show-identifiers", is_flag=True,
              help="Print card and account numbers, phones and e-mails unmasked in every "
                   "output (terminal, --json, --scores, reports, notifiers).")
@click.pass_context
def cli(ctx: click.Context, traceback: bool, quiet: bool, show_identifiers: bool) -> None:
    """Find failed, stuck, duplicate and unrecognised wallet transactions, and build the
    evidence to complain about them.

    \b
    Start with:
      walletwatch inspect STATEMENT.csv   what was read, row by row accounting
      walletwatch scan STATEMENT.csv      what needs your attention, and why
    """
    ctx.ensure_object(dict)
    ctx.obj["traceback"] = traceback
    ctx.obj["quiet"] = quiet
    ctx.obj["show_identifiers"] = show_identifiers


def main() -> None:
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet `| head`
    cli.main(prog_name="walletwatch", standalone_mode=True)
    sys.exit(0)
