"""The library calls behind ``walletwatch case``: one function per command, one transaction each."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from walletwatch.cases import deadlines
from walletwatch.cases.file import Case, Communication, Notice
from walletwatch.cases import log as cases
from walletwatch.cases.log import CaseView
from walletwatch.store.db import open_store, utc_now

StatePath = str | Path | None


def overlapping(finding_ids: list[str], *, state: StatePath = None) -> dict[str, int]:
    """Open cases already covering these findings' transactions (case id -> count)."""
    with open_store(state) as store:
        return cases.overlapping(store.conn, finding_ids)


def open_case(finding_ids: list[str], *, channel: str, opened_on: date,
              reference: str | None = None, provider: str | None = None,
              remind_days: int | None = None, remind_on: date | None = None,
              state: StatePath = None) -> CaseView:
    with open_store(state) as store:
        with store.transaction() as conn:
            case_id = cases.open_case(conn, finding_ids, channel=channel, opened_on=opened_on,
                                      reference=reference, provider=provider,
                                      remind_days=remind_days, remind_on=remind_on,
                                      now=utc_now())
        return cases.view(store.conn, case_id)


def log(case_id: str, *, day: date, kind: str = "contact", channel: str | None = None,
        agent: str | None = None, ticket: str | None = None, summary: str | None = None,
        attachment: str | Path | None = None, remind_on: date | None = None,
        state: StatePath = None) -> CaseView:
    with open_store(state) as store:
        with store.transaction() as conn:
            cases.add_log(conn, case_id, day=day, kind=kind, channel=channel, agent=agent,
                          ticket=ticket, summary=summary, attachment=attachment,
                          remind_on=remind_on, now=utc_now())
        return cases.view(store.conn, case_id)


def list_cases(status: str | None = "open", *, state: StatePath = None) -> list[CaseView]:
    with open_store(state) as store:
        return cases.list_cases(store.conn, status)


def show(case_id: str, *, state: StatePath = None) -> CaseView:
    with open_store(state) as store:
        return cases.view(store.conn, case_id)


def close(case_id: str, *, day: date, note: str | None = None,
          state: StatePath = None) -> CaseView:
    with open_store(state) as store:
        with store.transaction() as conn:
            cases.close_case(conn, case_id, day=day, note=note, now=utc_now())
        return cases.view(store.conn, case_id)


def report_case(reference: str) -> Case:
    """A stored case as the report's ``walletwatch.cases.file.Case``.

    ``reference`` is ``C-0001`` (the default store) or ``/path/state.sqlite#C-0001``. The
    first notice is the case's opening; the communication log comes from ``case log``; the
    reply-by date is set only from a verified deadline, never from a reminder.
    """
    path, _, case_id = reference.rpartition("#")
    view = show(case_id, state=path or None)
    log = [Communication(date=date.fromisoformat(e["date"]), channel=e["channel"],
                         agent=e["agent"], ticket=e["ticket"], summary=e["summary"],
                         attachment=e["attachment"], sha256=e["attachment_sha256"])
           for e in view.log]
    follow = view.follow_up
    channel = deadlines.channel(view.channel).label
    return Case(first_notice=Notice(view.opened_on, channel, view.reference),
                communications=log,
                reply_by=follow.date if follow and follow.basis == "deadline" else None)


def load_case(value: str | Path | None, state: str | Path | None = None) -> Case:
    """The one way callers get a case (None -> an empty case).

    ``value`` is a TOML path, or a case kept by ``walletwatch case``: ``C-0001`` in the default
    store, in ``state`` (the ``--state PATH`` the case was opened with), or ``PATH#C-0001``.
    """
    if value is None:
        return Case()
    if _STORED_CASE.fullmatch(str(value)) and not Path(value).exists():
        reference = str(value)
        if state is not None and "#" not in reference:
            reference = f"{state}#{reference}"
        return report_case(reference)  # a case kept by `walletwatch case`
    return Case.from_toml(value)


_STORED_CASE = re.compile(r"(?:.+#)?C-\d{4,}")
