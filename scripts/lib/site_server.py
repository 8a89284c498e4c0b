"""Serve a built site on 127.0.0.1 under a sub-path, the way GitHub Pages serves a project site:
under /REPO/, with its 404 page for anything missing, and gzip for text files (which matters to
Lighthouse, whose simulated slow network is computed from transfer sizes)."""

from __future__ import annotations

import functools
import gzip
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit


COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".csv", ".map"}


class SubPathHandler(SimpleHTTPRequestHandler):
    """Files of `site` under `prefix`; anything else, or a missing file, gets the site's 404 page."""

    def __init__(self, *args, site: Path, prefix: str, **kwargs) -> None:
        self.site, self.prefix = site, prefix
        super().__init__(*args, directory=str(site), **kwargs)

    def log_message(self, format: str, *args) -> None:  # keep test output quiet
        pass

    def send_head(self):  # type: ignore[override]
        path = unquote(urlsplit(self.path).path)
        if path + "/" == self.prefix:
            self.send_response(301)
            self.send_header("Location", self.prefix)
            self.end_headers()
            return None
        if path.startswith(self.prefix):
            relative = path[len(self.prefix):]
            target = (self.site / relative).resolve()
            if self.site in target.parents or target == self.site:
                if target.is_dir() and not path.endswith("/"):
                    self.send_response(301)
                    self.send_header("Location", path + "/")
                    self.end_headers()
                    return None
                if target.is_dir():
                    target = target / "index.html"
                if target.is_file():
                    if target.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
                        return self._send_gzip(target)
                    return super().send_head()
        return self._not_found()

    def translate_path(self, path: str) -> str:
        path = unquote(urlsplit(path).path)
        return str(self.site / path[len(self.prefix):]) if path.startswith(self.prefix) else str(self.site)

    def _send_gzip(self, path: Path):
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)
        return None

    def _not_found(self):
        body = (self.site / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


@contextmanager
def serve(site: Path, prefix: str, port: int = 0) -> Iterator[str]:
    """Serve `site` at http://127.0.0.1:PORT{prefix} (any free port by default); yields that URL."""
    handler = functools.partial(SubPathHandler, site=site.resolve(), prefix=prefix)
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
