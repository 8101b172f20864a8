"""The SQL of each migration, kept verbatim (a released migration is never edited)."""

from __future__ import annotations

# m001: files, deduplicated transactions, the fitted model, alerted findings, runs.
V1_INITIAL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    as_of TEXT,
    files INTEGER NOT NULL DEFAULT 0,
    new_rows INTEGER NOT NULL DEFAULT 0,
    duplicate_rows INTEGER NOT NULL DEFAULT 0,
    new_findings INTEGER NOT NULL DEFAULT 0,
    allowlist TEXT
);
CREATE TABLE files (
    sha256 TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    format TEXT NOT NULL,
    provider TEXT NOT NULL,
    rows_ok INTEGER NOT NULL,
    rows_new INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    run_id INTEGER REFERENCES runs(id)
);
CREATE TABLE transactions (
    id INTEGER PRIMARY KEY,
    provider TEXT NOT NULL,
    txn_id TEXT NOT NULL,
    time_ns INTEGER NOT NULL,
    amount INTEGER NOT NULL,
    direction TEXT NOT NULL,
    status TEXT NOT NULL,
    occurrence INTEGER NOT NULL,
    merchant_order_id TEXT, tz TEXT, currency TEXT, kind TEXT, raw_status TEXT,
    counterparty TEXT, counterparty_account TEXT, description TEXT, method TEXT,
    category TEXT, fee INTEGER, refund_of TEXT,
    source_file TEXT, source_line INTEGER, source_format TEXT,
    file_sha256 TEXT,
    superseded_by INTEGER
);
CREATE UNIQUE INDEX transactions_key
    ON transactions (provider, txn_id, time_ns, amount, direction, status, occurrence);
CREATE INDEX transactions_time ON transactions (time_ns);
CREATE TABLE model (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    detector BLOB NOT NULL,
    sklearn_version TEXT NOT NULL,
    model_version TEXT NOT NULL,
    fitted_rows INTEGER NOT NULL,
    fitted_at TEXT NOT NULL
);
CREATE TABLE alerts (
    finding_id TEXT PRIMARY KEY,
    check_code TEXT NOT NULL,
    category TEXT NOT NULL,
    severity TEXT NOT NULL,
    state TEXT NOT NULL,
    first_alerted_at TEXT NOT NULL,
    last_alerted_at TEXT NOT NULL,
    finding TEXT NOT NULL
)
"""

# m002: complaint cases, the transactions they cover and their communication log.
V2_CASES = """
CREATE TABLE cases (
    id TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    provider TEXT,
    channel TEXT NOT NULL,
    opened_on TEXT NOT NULL,
    reference TEXT,
    remind_days INTEGER,
    remind_on TEXT,
    clock_channel TEXT NOT NULL,
    clock_start TEXT NOT NULL,
    closed_on TEXT,
    close_note TEXT,
    created_at TEXT NOT NULL
);
CREATE TABLE case_findings (
    case_id TEXT NOT NULL REFERENCES cases(id),
    finding_id TEXT NOT NULL,
    PRIMARY KEY (case_id, finding_id)
);
CREATE TABLE case_transactions (
    case_id TEXT NOT NULL REFERENCES cases(id),
    txn_key TEXT NOT NULL,
    PRIMARY KEY (case_id, txn_key)
);
CREATE INDEX case_transactions_key ON case_transactions (txn_key);
CREATE TABLE case_log (
    id INTEGER PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id),
    date TEXT NOT NULL,
    kind TEXT NOT NULL,
    channel TEXT,
    agent TEXT,
    ticket TEXT,
    summary TEXT,
    attachment TEXT,
    attachment_sha256 TEXT,
    created_at TEXT NOT NULL
)
"""

# m003: alert fingerprints (re-alert only on change), alert events and the notifier outbox.
V3_OUTBOX = """
ALTER TABLE alerts ADD COLUMN fingerprint TEXT NOT NULL DEFAULT '';
CREATE TABLE alert_events (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    finding_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    fingerprint TEXT NOT NULL
);
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    channel TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    delivered_at TEXT,
    state TEXT NOT NULL DEFAULT 'pending'
);
CREATE INDEX outbox_state ON outbox (state)
"""

# m004: indexes to find the owner's earlier payments to a payee / with a method quickly.
V4_CONTEXT_INDEXES = """
CREATE INDEX transactions_payee ON transactions (counterparty, time_ns);
CREATE INDEX transactions_method ON transactions (method, time_ns)
"""

# m005: outbox claims, so overlapping checks deliver each row exactly once (a claim older than
# the lease is taken over: its run was killed while sending); and a file's import status: only
# a file read without a rejected row is "imported" (never read again), a "partial" one is read
# again by every check, a "refused" one is skipped until walletwatch's version changes.
V5_CLAIMS_AND_FILE_STATUS = """
ALTER TABLE outbox ADD COLUMN claim TEXT;
ALTER TABLE outbox ADD COLUMN claimed_at TEXT;
ALTER TABLE files ADD COLUMN status TEXT NOT NULL DEFAULT 'imported';
ALTER TABLE files ADD COLUMN rows_rejected INTEGER NOT NULL DEFAULT 0;
ALTER TABLE files ADD COLUMN note TEXT
"""

# m006: the owner's marks on recurring series: "cancelled" on a date (a later charge is
# reported as charge-after-cancel) or "unwanted" (the scheduled check reminds before the next
# expected charge). ``payee_key`` is the normalised payee (walletwatch.allowlist.normalise).
V6_RECURRING_MARKS = """
CREATE TABLE recurring_marks (
    id INTEGER PRIMARY KEY,
    payee TEXT NOT NULL,
    payee_key TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('cancelled', 'unwanted')),
    on_date TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX recurring_marks_payee ON recurring_marks (payee_key)
"""
