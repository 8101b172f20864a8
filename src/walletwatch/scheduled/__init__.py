"""The scheduled check, ``walletwatch check``: import new exports into the state store, find
what is new since the last check with the one runner (``walletwatch.pipeline.find``), alert
exactly once and deliver the alerts.

``check.run_check`` is the entry point; ``incremental`` decides what is new and what was
resolved; ``settings`` reads the ``[check]`` and ``[notify]`` tables; ``results`` is what a
check returns. The state store (``walletwatch.store``) only persists.
"""
