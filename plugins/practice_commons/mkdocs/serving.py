"""``mkdocs serve`` for content outside ``docs_dir``: watch it, and survive a bad file.

MkDocs watches only ``docs_dir`` and ``mkdocs.yml``, so an edit under ``profiles/``
(or an attachment beside a profile) was never seen. And after a failed rebuild its
server holds every request until a later build succeeds ("the server will appear
stuck"). :func:`install` watches the profile folder and wraps the server's builder:
a failed rebuild is caught, its error messages (the validator's, one per line) are
kept, and every page request gets an error page listing them, which reloads by
itself once a rebuild succeeds. The first build is not wrapped: if it fails,
``mkdocs serve`` stops with the same messages as ``mkdocs build``.
"""

from __future__ import annotations

import html
import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.practice_commons")

# The page asks for itself every second and reloads when the site is back: no
# dependency on the livereload script's private protocol.
_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The site could not be rebuilt</title>
<style>body{{font:1rem/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;
color:#1a1a1a}}li{{margin:.4rem 0;font-family:ui-monospace,monospace;font-size:.9rem;
white-space:pre-wrap}}</style></head>
<body><main>
<h1>The site could not be rebuilt</h1>
<p>Fix the problems below and save the file: this page reloads by itself once the site
builds again. <code>commons validate</code> gives the same list.</p>
<ul>
{items}
</ul>
<p role="status" id="pc-wait">Waiting for a fixed file…</p>
</main>
<script>
setInterval(function () {{
  fetch(location.href, {{cache: "no-store"}}).then(function (r) {{
    if (r.ok) location.reload();
  }}, function () {{}});
}}, 1000);
</script>
</body></html>
"""


class _Collect(logging.Handler):
    """Keeps the error messages MkDocs and our plugins log during one build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)  # in strict mode a warning fails the build too
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        prefix = "warning: " if record.levelno < logging.ERROR else ""
        self.messages.append(prefix + record.getMessage())


def error_page(messages: Iterable[str]) -> bytes:
    """The page every request gets while the last rebuild has failed."""
    items = "\n".join(f"<li>{html.escape(m, quote=False)}</li>" for m in messages)
    return _PAGE.format(items=items).encode("utf-8")


def install(server: LiveReloadServer, watch: Iterable[Path]) -> LiveReloadServer:
    """Watch ``watch`` (folders that exist) and serve an error page after a failed rebuild."""
    for folder in watch:
        if folder.is_dir():
            server.watch(str(folder))
    state: dict[str, Any] = {"failed": None}
    lock = threading.Lock()
    build: Callable[..., None] = server.builder

    def builder(*args: Any, **kwargs: Any) -> None:
        collect = _Collect()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(collect)
        try:
            build(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - any failed build gets the page, not a hang
            # MkDocs has logged the error itself and raised a bare "Aborted …": the
            # logged lines are the messages; the exception only when nothing was logged.
            messages = [m for m in collect.messages if m.strip()] or [str(exc) or repr(exc)]
            with lock:
                state["failed"] = messages
            log.error("The rebuild failed; the browser shows the problems until they are fixed.")
            return  # the server then counts the build as done, so requests are answered
        finally:
            logger.removeHandler(collect)
        with lock:
            state["failed"] = None

    server.builder = builder
    app = server.serve_request

    def serve_request(environ: dict[str, Any], start_response: Callable[..., Any]):
        with lock:
            failed = state["failed"]
        path = environ.get("PATH_INFO", "")
        if failed is not None and _is_page(path):
            body = error_page(failed)
            start_response("500 Internal Server Error", [
                ("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body))),
                ("Cache-Control", "no-store")])
            return [body]
        return app(environ, start_response)

    server.set_app(serve_request)
    return server


def _is_page(path: str) -> bool:
    """A request for a page (not a stylesheet, script, image or the livereload poll)."""
    if path.startswith("/livereload/"):
        return False
    last = path.rsplit("/", 1)[-1]
    return last == "" or last.endswith(".html") or "." not in last
