"""``walletwatch case``: complaint cases, their communication log and follow-up dates."""

from __future__ import annotations

import datetime as dt

import click

from walletwatch.cli.common import echo_json, library_errors

CHANNEL_HELP = ("wallet-cn, pboc-12363, bank-cn, nfra-12378, samr-12315, blackcat, police, "
                "firm-uk, firm-eu, reg-e, cfpb, fos, email, phone, other")


def _state_option(func):
    return click.option("--state", metavar="PATH", type=click.Path(dir_okay=False),
                        help="State store file (default: the user data dir).")(func)


def _date(value: dt.datetime | None) -> dt.date:
    return value.date() if value is not None else dt.date.today()


@click.group("case")
def case_group():
    """Keep complaint cases: what was reported, when, where, and when to follow up."""


@case_group.command("open")
@click.argument("finding_ids", nargs=-1, required=True)
@click.option("--channel", required=True, help=f"Where you complained: {CHANNEL_HELP}.")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]),
              help="Date you complained (default: today).")
@click.option("--reference", help="Reference or ticket number the firm gave you.")
@click.option("--provider", help="Wallet or firm (default: from the findings).")
@click.option("--remind-days", type=click.IntRange(1, 365),
              help="Your own reminder: follow up after this many days.")
@click.option("--remind-on", type=click.DateTime(["%Y-%m-%d"]), help="Your own reminder date.")
@click.option("--yes", is_flag=True, help="Open it even if an open case covers the same "
                                          "transactions.")
@click.option("--json", "as_json", is_flag=True)
@_state_option
@click.pass_context
def open_command(ctx, finding_ids, channel, day, reference, provider, remind_days, remind_on,
                 yes, as_json, state):
    """Open a case for alerted findings (ids from `walletwatch check --json`)."""
    from walletwatch.cases import api as case_api

    with library_errors(ctx):
        overlap = case_api.overlapping(list(finding_ids), state=state)
        if overlap and not yes:
            listed = ", ".join(f"{cid} ({n} transaction(s))" for cid, n in overlap.items())
            click.echo(f"Warning: already in open case(s) {listed}. Repeated complaints about "
                       "the same transactions can hurt your case; log a follow-up there "
                       "instead (`walletwatch case log`). / 警告：这些交易已在未结案件中，"
                       "重复投诉可能不利。", err=True)
            if not click.confirm("Open another case anyway?", default=False, err=True):
                ctx.exit(1)
        view = case_api.open_case(list(finding_ids), channel=channel, opened_on=_date(day),
                                  reference=reference, provider=provider,
                                  remind_days=remind_days,
                                  remind_on=remind_on.date() if remind_on else None, state=state)
    _show(view, as_json)


@case_group.command("log")
@click.argument("case_id")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), help="Default: today.")
@click.option("--kind", type=click.Choice(["contact", "reply", "escalation", "note"]),
              default="contact", show_default=True,
              help="escalation: you complained on a new channel (restarts its clock).")
@click.option("--channel", help="How you were in touch, e.g. 'in-app chat' or 'phone'; "
                                "for --kind escalation one of: " + CHANNEL_HELP + ".")
@click.option("--agent", help="Who you dealt with.")
@click.option("--ticket", help="Ticket or reference number.")
@click.option("--summary", help="What was said or agreed.")
@click.option("--attach", type=click.Path(dir_okay=False),
              help="A file (screenshot, letter); its SHA-256 is stored with the path.")
@click.option("--remind-on", type=click.DateTime(["%Y-%m-%d"]), help="Your own reminder date.")
@click.option("--json", "as_json", is_flag=True)
@_state_option
@click.pass_context
def log_command(ctx, case_id, day, kind, channel, agent, ticket, summary, attach, remind_on,
                as_json, state):
    """Add a communication record to a case."""
    from walletwatch.cases import api as case_api

    with library_errors(ctx):
        view = case_api.log(case_id, day=_date(day), kind=kind, channel=channel, agent=agent,
                            ticket=ticket, summary=summary, attachment=attach,
                            remind_on=remind_on.date() if remind_on else None, state=state)
    _show(view, as_json)


@case_group.command("list")
@click.option("--all", "show_all", is_flag=True, help="Include closed cases.")
@click.option("--json", "as_json", is_flag=True)
@_state_option
@click.pass_context
def list_command(ctx, show_all, as_json, state):
    """List open cases with their next follow-up date."""
    from walletwatch.cases import api as case_api

    with library_errors(ctx):
        views = case_api.list_cases(None if show_all else "open", state=state)
    if as_json:
        echo_json({"cases": [v.to_dict() for v in views]})
        return
    for v in views:
        nxt = v.follow_up.label["en"] if v.follow_up else f"closed {v.closed_on}"
        click.echo(f"{v.id}  {v.status:6}  {v.channel:10}  opened {v.opened_on}  "
                   f"ref {v.reference or '-'}  {nxt}")


@case_group.command("show")
@click.argument("case_id")
@click.option("--json", "as_json", is_flag=True)
@_state_option
@click.pass_context
def show_command(ctx, case_id, as_json, state):
    """Show one case: status, follow-up date and why, findings, communication log."""
    from walletwatch.cases import api as case_api

    with library_errors(ctx):
        view = case_api.show(case_id, state=state)
    _show(view, as_json)


@case_group.command("close")
@click.argument("case_id")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), help="Default: today.")
@click.option("--note", help="Outcome, e.g. 'refunded 500.00 on 2024-03-20'.")
@click.option("--json", "as_json", is_flag=True)
@_state_option
@click.pass_context
def close_command(ctx, case_id, day, note, as_json, state):
    """Close a case."""
    from walletwatch.cases import api as case_api

    with library_errors(ctx):
        view = case_api.close(case_id, day=_date(day), note=note, state=state)
    _show(view, as_json)


def _show(view, as_json: bool) -> None:
    if as_json:
        echo_json(view.to_dict())
        return
    click.echo(f"case {view.id}: {view.status}, {view.channel}, opened {view.opened_on}, "
               f"reference {view.reference or '-'}")
    if view.follow_up:
        fu = view.follow_up
        click.echo(f"  next: {fu.label['en']}")
        click.echo(f"  下一步：{fu.label['zh']}")
        if fu.rule:
            click.echo(f"  rule: {fu.rule} — {fu.source}")
    click.echo(f"  findings: {', '.join(view.finding_ids)}")
    for entry in view.log:
        bits = [entry["date"], entry["kind"], entry["channel"] or "", entry["agent"] or "",
                entry["ticket"] or "", entry["summary"] or ""]
        line = "  " + " | ".join(b for b in bits if b)
        if entry["attachment"]:
            line += f" | {entry['attachment']} sha256:{entry['attachment_sha256']}"
        click.echo(line)
