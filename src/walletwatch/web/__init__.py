"""``walletwatch serve``: the local web page for people who never open a terminal.

A Starlette application bound to 127.0.0.1 and guarded by a random token (``security``). It
calls the same library functions as the command line -- ``walletwatch.pipeline.scan``,
``walletwatch.allowlist``, ``walletwatch.report.api.make_report``, ``walletwatch.store``'s
case API and check state -- and holds no detection or report logic of its own. Uploaded
exports live in a private temporary folder (``workspace``) removed when the server stops.
"""

from walletwatch.web.app import create_app

__all__ = ["create_app"]
