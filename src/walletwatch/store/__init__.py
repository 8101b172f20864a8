"""The local state store behind ``walletwatch check`` and ``walletwatch case``.

One SQLite file keeps the imported files (by content hash), the transactions deduplicated
across overlapping exports, the fitted detector, the findings already alerted (with a
fingerprint, so a finding is alerted again only when it changes), complaint cases with their
communication log, and the notifier outbox. See ``walletwatch.store.db`` for where it lives.
"""

from __future__ import annotations

from walletwatch.store.db import Store, default_home, default_state_path, open_store

__all__ = ["Store", "default_home", "default_state_path", "open_store"]
