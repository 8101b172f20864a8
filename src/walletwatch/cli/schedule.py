"""``walletwatch schedule``: print (or install) the entry that runs ``walletwatch check``."""

from __future__ import annotations

import click

from walletwatch.cli.common import echo_json, library_errors

EVERY = ("hourly", "daily", "weekly")
PLATFORMS = ("linux-cron", "systemd", "launchd", "windows")


@click.command("schedule")
@click.option("--every", type=click.Choice(EVERY), required=True, help="How often to check.")
@click.option("--inbox", metavar="DIR", type=click.Path(file_okay=False),
              help="Folder the scheduled check reads exports from.")
@click.option("--state", metavar="PATH", type=click.Path(dir_okay=False),
              help="State store the scheduled check uses (default: the user data dir).")
@click.option("--config", "config_path", metavar="PATH", type=click.Path(dir_okay=False),
              help="Config file the scheduled check uses (notifiers live there).")
@click.option("--platform", type=click.Choice(PLATFORMS),
              help="Scheduler to target (default: launchd on macOS, windows on Windows, "
                   "linux-cron elsewhere).")
@click.option("--install", "action", flag_value="install",
              help="Install the entry (linux-cron and systemd user units).")
@click.option("--uninstall", "action", flag_value="uninstall",
              help="Remove the installed entry (linux-cron and systemd user units).")
@click.option("--json", "as_json", is_flag=True, help="Print the entry as JSON.")
@click.pass_context
def schedule_command(ctx, every, inbox, state, config_path, platform, action, as_json):
    """Print the entry that runs `walletwatch check` on a schedule.

    Without --install it only prints: a crontab line, a systemd user service and timer,
    a launchd agent plist or a Windows Task Scheduler command.

    \b
    Example:
      walletwatch schedule --every daily --inbox ~/wallet-exports
      walletwatch schedule --every hourly --platform systemd --install
    """
    from walletwatch import schedule

    platform = platform or schedule.default_platform()
    with library_errors(ctx):
        item = schedule.entry(every, platform, schedule.check_command(inbox, state, config_path))
        done: list[str] = []
        if action == "install":
            done = schedule.install(item)
        elif action == "uninstall":
            done = schedule.uninstall(platform)
    if as_json:
        echo_json({**item.to_dict(), "action": action, "done": done})
        return
    if action != "uninstall":
        click.echo(item.text.rstrip("\n"))
    for line in done:
        click.echo(line, err=True)
