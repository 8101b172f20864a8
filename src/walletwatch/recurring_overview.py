"""``walletwatch recurring FILE...``: the recurring series of some exports, with the owner's
marks, and the recurring findings (``walletwatch.recurring`` finds the series,
``walletwatch.checks.recurring`` the findings)."""

from __future__ import annotations


def overview(paths, *, config=None, state=None, as_of=None, format=None, encoding=None,
             tz=None, mapping=None, allowlist_path=None):
    """``walletwatch recurring FILE...``: the series of some exports and the recurring findings.

    Returns ``(document, ingest)``: the document holds ``as_of``, ``series`` (each with its
    cadence, usual and latest amount, next expected date, yearly cost, charges with ids and the
    owner's mark) and ``findings`` (category ``recurring`` only); ``ingest`` is the
    ``IngestResult`` (files that could not be read are reported there).
    The owner's marks are read from the state store ``state`` (default: the default store).
    """
    import dataclasses

    from walletwatch import allowlist as allow
    from walletwatch.asof import main_zone, resolve
    from walletwatch.checks import Context
    from walletwatch.checks.recurring import Check, series_of
    from walletwatch.checks.base import sort_findings
    from walletwatch.config import load_config
    from walletwatch.ingest import load
    from walletwatch.schema import format_amount, iso_local
    from walletwatch.store import marks

    config = config if config is not None else load_config()
    loaded = load(paths, format=format, encoding=encoding, tz=tz, mapping=mapping)
    frame = loaded.frame.sort_values(["time", "source_file", "source_line"], kind="stable")
    frame = frame.reset_index(drop=True)
    when = resolve(frame, loaded.files, as_of)
    payees = tuple(sorted({*config.allowlist.payees, *allow.read(allowlist_path)}))
    owner_marks = marks.read(state)
    ctx = Context(frame=frame, config=config, as_of=when, allowlist=payees,
                  owner_marks=lambda: owner_marks)
    findings = []
    if when is not None and not frame.empty and config.recurring.enabled:
        findings = sort_findings(Check().run(ctx))
    zone = main_zone(frame)
    by_payee = {m.payee_key: m for m in owner_marks}
    series = []
    for s in (series_of(ctx) if not frame.empty else []):
        picked = frame.iloc[s.rows]
        mark = by_payee.get(s.payee)
        series.append({
            "id": s.key, "payee": s.name, "cadence": s.cadence.name, "currency": s.currency,
            "usual_amount": format_amount(s.usual, s.currency),
            "latest_amount": format_amount(s.latest, s.currency),
            "charges": s.charges, "trial": s.trial,
            "first": iso_local(s.times[0], picked["tz"].iloc[0]),
            "last": iso_local(s.times[-1], picked["tz"].iloc[-1]),
            "next_expected": s.next_expected.tz_convert(picked["tz"].iloc[-1]).date().isoformat(),
            "yearly_cost": format_amount(s.yearly_cost, s.currency),
            "mark": dataclasses.asdict(mark) if mark else None,
            "history": [{"txn_id": str(t), "time": iso_local(tm, z),
                         "amount": format_amount(int(a), s.currency)}
                        for t, tm, z, a in zip(picked["txn_id"], picked["time"], picked["tz"],
                                               picked["amount"], strict=True)],
        })
    document = {"as_of": iso_local(when, zone) if when is not None else None,
                "series": series, "findings": [f.to_dict() for f in findings]}
    return document, loaded
