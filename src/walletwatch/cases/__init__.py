"""Complaint follow-up: the case file, its values, the case log and the deadline rules.

``file`` is what only the account holder knows (a TOML case file or a stored case);
``values`` parses its dates, flags and text; ``log`` keeps cases, their findings and their
communication log in the state store; ``api`` is one call per ``walletwatch case`` command;
``deadlines`` holds every deadline rule (case-log channels, report jurisdictions, the letter's
reply window) and the one business-day arithmetic.

Layering: this package sits above ``store`` (persistence), ``schema``, ``findings`` and
``errors``, and below ``report``, ``cli`` and ``web``; nothing under it imports those.
"""
