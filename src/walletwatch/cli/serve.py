"""``walletwatch serve``: the local web page (needs the ``web`` extra)."""

from __future__ import annotations

import os
import signal
import socket
import tempfile
from pathlib import Path

import click

from walletwatch.cli.common import library_errors, show_identifiers, warn
from walletwatch.errors import ConfigError

HOST = "127.0.0.1"  # never another interface: the page shows the owner's statements


def _port(wanted: int) -> int:
    """``wanted`` if it can be listened on (0: a free one); a busy port is a usage error, said
    in one line before the server starts (uvicorn would exit 1, which means "a finding")."""
    with socket.socket() as sock:
        try:
            sock.bind((HOST, wanted))
        except OSError as exc:
            raise ConfigError(f"cannot listen on {HOST}:{wanted}: {exc.strerror or exc}",
                              "choose another --port, or leave it out for a free one") from exc
        return sock.getsockname()[1]


@click.command("serve")
@click.option("--port", type=click.IntRange(0, 65535), default=0,
              help="Port on 127.0.0.1 (default: a free one).")
@click.option("--no-browser", is_flag=True, help="Do not open the web browser.")
@click.option("--state", metavar="PATH", type=click.Path(dir_okay=False),
              help="State store file of `walletwatch check` and `case` (default: the user "
                   "data dir).")
@click.option("--config", "config_path", metavar="PATH", type=click.Path(dir_okay=False),
              help="Scan settings file (TOML).")
@click.option("--max-upload-mb", type=click.IntRange(1, 4096), default=200, show_default=True,
              help="Largest upload accepted, all files together.")
@click.pass_context
def serve_command(ctx, port, no_browser, state, config_path, max_upload_mb):
    """Open walletwatch in your web browser: check a statement, build the evidence pack,
    follow up a complaint, see the scheduled checks.

    \b
    The page is served on 127.0.0.1 only and needs the link printed at start (it carries a
    random access token). Uploaded files stay in a private folder removed when you stop it
    (Ctrl-C, exit code 0). Needs: pip install 'walletwatch[web]'.
    \b
    Example:
      walletwatch serve
      walletwatch serve --port 8765 --no-browser
    """
    try:
        import uvicorn

        from walletwatch.web import create_app
        from walletwatch.web.security import new_token
        from walletwatch.web.workspace import Workspace
    except ModuleNotFoundError as exc:
        with library_errors(ctx):
            raise ConfigError(f"the web page needs {exc.name}",
                              "install it with: pip install 'walletwatch[web]'") from exc
    with library_errors(ctx):
        port = _port(port)
    token = new_token()
    workspace = Workspace(state=state, config_path=config_path,
                          show_identifiers=show_identifiers(ctx))
    # Every temporary file of this process (the upload parser's spool, chart rendering) goes
    # to the private folder too, so that stopping the server removes it with the uploads.
    previous_tmp, tempfile.tempdir = tempfile.tempdir, str(workspace.private_dir("tmp"))
    home = Path.cwd()
    os.chdir(workspace.root)  # the files are named `a1b2c3d4/alipay.csv` in findings and packs
    try:
        app = create_app(workspace, token, max_upload=max_upload_mb * 1024 * 1024)
        url = f"http://{HOST}:{port}/?token={token}"
        click.echo(f"walletwatch is running at {url}\n"
                   "Open that link in your browser (it carries the access token). "
                   "Press Ctrl-C to stop.\n"
                   f"walletwatch 已在 {url} 运行；请在浏览器中打开此链接，按 Ctrl-C 停止。")
        config = uvicorn.Config(app, host=HOST, port=port, log_level="warning",
                                access_log=False, server_header=False)
        server = uvicorn.Server(config)
        if not no_browser:
            _open_browser_when_ready(server, url)
        # SIGTERM (a logout, `kill`) ends like Ctrl-C: uvicorn hands the signal back after its
        # shutdown, and without this handler the process would die before removing the uploads.
        old_term = signal.signal(signal.SIGTERM, _interrupt)
        try:
            server.run()
        except KeyboardInterrupt:  # Ctrl-C is how a server is stopped: a normal end, exit 0
            pass
        finally:
            signal.signal(signal.SIGTERM, old_term)
    finally:
        os.chdir(home)
        tempfile.tempdir = previous_tmp
        workspace.close()
    warn("stopped; uploaded files removed")


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _open_browser_when_ready(server, url: str) -> None:
    import threading
    import time
    import webbrowser

    def wait_and_open() -> None:
        for _ in range(200):
            if server.started:
                webbrowser.open(url)
                return
            time.sleep(0.05)

    threading.Thread(target=wait_and_open, daemon=True).start()
