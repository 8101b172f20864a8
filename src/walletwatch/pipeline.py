"""The scan pipeline: ingest -> features -> isolation forest + rules -> findings.

``scan(paths)`` reads exports with ``walletwatch.ingest.load``; ``scan_frame(frame)`` starts
from an already-normalised table. Both return a ``ScanResult`` whose ``document()`` is the
scan document of the ``--json`` contract and whose ``write_scores(path)`` writes the
per-transaction risk CSV. Scoring happens once per scan.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from walletwatch import __version__
from walletwatch.columns import sort_order, take_rows
from walletwatch.config import Config, load_config
from walletwatch.findings import SEVERITIES, Finding, at_least
from walletwatch.scan_output import write_scores

SCHEMA_VERSION = 1


@dataclass
class ScanResult:
    """What a scan found; ``frame`` has the transactions plus ``score`` and ``flagged``."""

    frame: pd.DataFrame
    findings: list[Finding]
    as_of: pd.Timestamp | None
    settings: dict[str, Any]
    ingest: Any = None  # walletwatch.ingest.IngestResult, when read from files
    risk: pd.DataFrame | None = None  # features, signals and scores of outgoing rows
    detector: Any = None  # the fitted RiskDetector (None when history was too short)

    def counts(self) -> dict[str, int]:
        return {s: sum(f.severity == s for f in self.findings) for s in SEVERITIES}

    def reaches(self, fail_on: str) -> bool:
        """True when a finding is at least as severe as ``fail_on`` ("never": never)."""
        return any(at_least(f.severity, fail_on) for f in self.findings)

    def document(self) -> dict[str, Any]:
        from walletwatch.asof import main_zone
        from walletwatch.schema import iso_local

        zone = main_zone(self.frame)
        period = {"start": None, "end": None}
        if not self.frame.empty:
            first, last = self.frame.iloc[0], self.frame.iloc[-1]
            period = {"start": iso_local(first["time"], first["tz"]),
                      "end": iso_local(last["time"], last["tz"])}
        sources = []
        for report in getattr(self.ingest, "files", []) or []:
            source = {"path": report.path, "sha256": report.sha256, "format": report.format,
                      "provider": report.provider, "rows_total": report.rows_total,
                      "rows_ok": report.rows_ok, "rows_rejected": report.rows_rejected}
            if report.error is not None:
                source["error"] = {"code": report.error.code, "message": report.error.one_line()}
            sources.append(source)
        return {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "walletwatch", "version": __version__},
            "sources": sources,
            "period": period,
            "as_of": iso_local(self.as_of, zone) if self.as_of is not None else None,
            "settings": self.settings,
            "summary": {"transactions": len(self.frame),
                        "flagged": int(self.frame["flagged"].sum()) if len(self.frame) else 0,
                        "findings": self.counts()},
            "findings": [f.to_dict() for f in self.findings],
        }

    def write_scores(self, path: str | Path, show_identifiers: bool = False) -> Path:
        """One CSV line per transaction: provenance, money, ``score`` in [0, 1], ``flagged``
        (owner-only; identifiers masked and formulas neutralised, see ``scan_output``)."""
        return write_scores(self.frame, path, show_identifiers)


def scan(
    paths: Iterable[str | Path],
    *,
    config: Config | None = None,
    as_of: str | pd.Timestamp | None = None,
    format: str | None = None,
    encoding: str | None = None,
    tz: str | None = None,
    mapping: str | Path | None = None,
    progress: Callable[[int], None] | None = None,
    allowlist: Iterable[str] | None = None,
    allowlist_path: str | Path | None = None,
) -> ScanResult:
    """Read exports of one account and find what the owner must act on.

    Args:
        paths: export files; an unreadable one is reported in ``result.ingest.files``.
        config: settings (default: ``load_config()``, the user's config file if any).
        as_of: the time to judge "still pending" against (see ``walletwatch.asof``).
        format, encoding, tz, mapping: passed to ``walletwatch.ingest.load``.
        progress: called with bytes read (``walletwatch.ingest.load``); when it also has a
            ``stage(name)`` method, that is called as each stage starts: read, normalise,
            features, model, one per check (``check: failed``, ...), and ``model: forest``
            before the first check that reads the forest's scores.
        allowlist: payees known to the owner, in addition to the config and the allowlist file.
        allowlist_path: the allowlist file (default: ``walletwatch.allowlist.default_path()``).
    """
    from walletwatch.ingest import load

    config = config if config is not None else load_config()
    if config.unrecognised.enabled:
        _import_detector_meanwhile()
    stage(progress, "read")
    result = load(paths, format=format, encoding=encoding, tz=tz, mapping=mapping,
                  progress=progress)
    return scan_frame(result.frame, config=config, as_of=as_of, ingest=result,
                      allowlist=allowlist, allowlist_path=allowlist_path, progress=progress)


def _import_detector_meanwhile() -> None:
    """Import scikit-learn (0.6 to 1 s, most of it scipy.stats) on a second thread while the
    exports are read: the reader spends most of its time in Arrow's C code, which releases the
    GIL. On a small export the model stage simply waits for the import (a module being
    imported by one thread makes another thread's import of it wait, never run twice)."""
    import importlib
    import threading

    threading.Thread(target=importlib.import_module, args=("walletwatch.model.detector",),
                     name="import-detector", daemon=True).start()


_ORDER = ["time", "source_file", "source_line"]


def chronological(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` sorted by time, file and line (stable), with a fresh ``RangeIndex``; a
    shallow copy when it is in that order already (``load`` returns it so: sorting a million
    rows again would copy every column). Copy-on-write keeps the caller's frame untouched."""
    if _in_order(frame):
        return frame.copy(deep=False).reset_index(drop=True)
    return take_rows(frame, sort_order(frame, _ORDER))  # as the reader sorts (ingest._sorted)


def _in_order(frame: pd.DataFrame) -> bool:
    """True when a stable sort by ``_ORDER`` would leave ``frame`` as it is."""
    if len(frame) < 2:
        return True
    if frame["time"].isna().any() or frame["source_file"].isna().any():
        return False  # NaT and missing names have their own places in a sort
    step = np.diff(pd.DatetimeIndex(frame["time"]).asi8)
    if (step < 0).any():
        return False
    ties = np.flatnonzero(step == 0)
    if not len(ties):
        return True
    files = frame["source_file"].to_numpy(object)
    lines = frame["source_line"].to_numpy()
    before = list(zip(files[ties], lines[ties], strict=True))
    after = list(zip(files[ties + 1], lines[ties + 1], strict=True))
    return all(a <= b for a, b in zip(before, after, strict=True))


def stage(progress: Any, name: str) -> None:
    """Tell a progress display that stage ``name`` starts (when it has ``stage``)."""
    if progress is not None and hasattr(progress, "stage"):
        progress.stage(name)


def scan_frame(
    frame: pd.DataFrame,
    *,
    config: Config | None = None,
    as_of: str | pd.Timestamp | None = None,
    ingest: Any = None,
    allowlist: Iterable[str] | None = None,
    allowlist_path: str | Path | None = None,
    detector: Any = None,
    progress: Any = None,
) -> ScanResult:
    """Scan an already-normalised frame (``walletwatch.schema.COLUMNS``).

    ``detector``: a ``RiskDetector`` already fitted on the owner's history; when given the
    scan scores with it and does not refit (``result.detector`` is the one to keep otherwise).
    """
    from walletwatch import allowlist as allow
    from walletwatch.asof import resolve

    config = config if config is not None else load_config()
    frame = chronological(frame)
    payees = sorted({*config.allowlist.payees, *(allowlist or ()), *allow.read(allowlist_path)})
    settings = config.to_dict()
    settings["allowlist"]["payees"] = payees
    when = resolve(frame, getattr(ingest, "files", None), as_of)
    # A scan judges the whole statement after the fact (hindsight); see model.tiers.
    found = find(frame, config=config, as_of=when, allowlist=payees, detector=detector,
                 hindsight=True, progress=progress)
    risk = found.risk.table if found.risk is not None else None
    scores = np.zeros(len(frame))
    flagged = np.zeros(len(frame), dtype=bool)
    if risk is not None and len(risk):
        scores[risk["row"].to_numpy()] = risk["risk"].to_numpy()
        flagged[risk["row"].to_numpy()] = risk["flagged"].to_numpy()
    frame["score"] = scores
    frame["flagged"] = flagged
    return ScanResult(frame=frame, findings=found.findings, as_of=when, settings=settings,
                      ingest=ingest, risk=risk, detector=found.detector)


@dataclass
class Found:
    """What ``find`` found: the findings, the risk table they were judged with (None when the
    unrecognised check is off) and the detector that scored it."""

    findings: list[Finding]
    risk: Any = None  # walletwatch.model.risk.RiskResult
    detector: Any = None  # walletwatch.model.detector.RiskDetector


def find(
    frame: pd.DataFrame,
    *,
    config: Config,
    as_of: pd.Timestamp | None,
    allowlist: Iterable[str],
    detector: Any = None,
    new_since: pd.Timestamp | None = None,
    hindsight: bool = False,
    owner_marks: Callable[[], list] | None = None,
    progress: Any = None,
) -> Found:
    """The one runner: the detector, then every enabled check, on a chronological frame with a
    ``RangeIndex``. ``scan`` (and the web page, which scans) and the scheduled check
    (``walletwatch.scheduled``) both call it.

    Args:
        allowlist: the owner's known payees.
        detector: a ``RiskDetector`` fitted on the owner's history (scores without refitting);
            None fits one on ``frame`` when it holds enough history.
        new_since: score only rows from this time on (the scheduled check); the rules still
            read the whole ``frame``.
        hindsight: judge rows with the whole statement (``scan``); see ``model.tiers``.
        owner_marks: returns the owner's marks on recurring series (default: read from the
            default state store, only when a check needs them).
        progress: told each stage (``features``, ``model``, ``check: NAME``, ``model: forest``).
    """
    from walletwatch.checks import Context, run_checks
    from walletwatch.memory import give_back
    from walletwatch.model.features import build_features
    from walletwatch.model.risk import start_scoring

    payees = tuple(allowlist)
    u = config.unrecognised
    stage(progress, "features")
    features = None
    if u.enabled:
        features = build_features(frame, allowlist=payees, new_since=new_since,
                                  warmup_days=u.warmup_days,
                                  warmup_transactions=u.warmup_transactions)
        if new_since is not None:
            features = features.reset_index(drop=True)
        give_back()  # what building the features freed (see walletwatch.memory)
    stage(progress, "model")
    # The forest scores on other threads from here until the risk table is wanted: the checks
    # that do not read it run meanwhile (see run_checks).
    scoring = start_scoring(features, u, config.model, detector, hindsight=hindsight) \
        if features is not None else None
    give_back()  # the rules' and tiers' working arrays (hundreds of MB on a large statement)
    ctx = Context(frame=frame, config=config, as_of=as_of, allowlist=payees, detector=detector,
                  owner_marks=owner_marks or _default_marks)
    found = Found([], None, detector)

    def wait_for_risk() -> None:
        if scoring is None or found.risk is not None:
            return
        stage(progress, "model: forest")
        found.risk = scoring.result()
        found.detector = ctx.detector = found.risk.detector
        ctx.risk = found.risk.table
        give_back()

    try:
        found.findings = run_checks(ctx, progress, wait_for_risk) if as_of is not None else []
    except BaseException:
        if scoring is not None and found.risk is None:
            scoring.cancel()  # the forest's threads end; the error is what the caller hears
        raise
    wait_for_risk()  # the scores are wanted even when no check read them
    return found


def _default_marks() -> list:
    """The owner's marks in the default state store (none when it does not exist)."""
    from walletwatch.store import marks

    return marks.read()
