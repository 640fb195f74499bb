"""A small OAI-PMH repository served on loopback for harvesting tests.

It answers ListRecords from a fixed list of records in pages of two, with resumptionTokens, a
`from` filter on datestamps and deleted records; it can be told to fail requests for a page.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

PAGE_SIZE = 2


@dataclass
class OaiRecord:
    identifier: str
    datestamp: str
    title: str = ""
    deleted: bool = False

    def xml(self) -> str:
        status = ' status="deleted"' if self.deleted else ""
        header = (
            f"<header{status}><identifier>{escape(self.identifier)}</identifier>"
            f"<datestamp>{self.datestamp}</datestamp></header>"
        )
        if self.deleted:
            return f"<record>{header}</record>"
        lido = (
            '<lido:lido xmlns:lido="http://www.lido-schema.org">'
            f'<lido:lidoRecID lido:type="local">{escape(self.identifier)}</lido:lidoRecID>'
            '<lido:descriptiveMetadata xml:lang="en"><lido:objectIdentificationWrap>'
            "<lido:titleWrap><lido:titleSet><lido:appellationValue>"
            f"{escape(self.title)}</lido:appellationValue></lido:titleSet></lido:titleWrap>"
            "</lido:objectIdentificationWrap></lido:descriptiveMetadata>"
            '<lido:administrativeMetadata xml:lang="en"/></lido:lido>'
        )
        return f"<record>{header}<metadata>{lido}</metadata></record>"


@dataclass
class Repository:
    records: list[OaiRecord]
    # Page numbers (0-based) whose requests fail with HTTP 503, and how many more times.
    failing_pages: dict[int, int] = field(default_factory=dict)
    requests: list[dict[str, str]] = field(default_factory=list)

    def answer(self, params: dict[str, str]) -> tuple[int, str]:
        self.requests.append(params)
        if params.get("verb") != "ListRecords":
            return 200, _envelope('<error code="badVerb">only ListRecords here</error>')
        if "resumptionToken" in params:
            since, _, page_text = params["resumptionToken"].partition("|")
            page = int(page_text)
        else:
            since, page = params.get("from", ""), 0
        if self.failing_pages.get(page, 0) > 0:
            self.failing_pages[page] -= 1
            return 503, "busy"
        chosen = [record for record in self.records if record.datestamp >= since]
        if not chosen:
            return 200, _envelope('<error code="noRecordsMatch">nothing new</error>')
        part = chosen[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
        more = (page + 1) * PAGE_SIZE < len(chosen)
        token_text = f"{since}|{page + 1}" if more else ""
        token = f'<resumptionToken completeListSize="{len(chosen)}">{token_text}</resumptionToken>'
        body = "".join(record.xml() for record in part)
        return 200, _envelope(f"<ListRecords>{body}{token}</ListRecords>")


def _envelope(inner: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">'
        "<responseDate>2026-11-22T00:00:00Z</responseDate>"
        f'<request verb="ListRecords">http://127.0.0.1/oai</request>{inner}</OAI-PMH>'
    )


@contextmanager
def serve(repository: Repository) -> Iterator[str]:
    """Serve the repository on a free loopback port; yields its base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            query = parse_qs(urlsplit(self.path).query)
            status, body = repository.answer({key: values[0] for key, values in query.items()})
            encoded = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "text/xml; charset=utf-8")
            self.send_header("Content-Length", str(len(encoded)))
            self.end_headers()
            self.wfile.write(encoded)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/oai"
    finally:
        server.shutdown()
        server.server_close()
