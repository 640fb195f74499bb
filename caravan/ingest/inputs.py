"""Opening what an ingest reads: a file, a folder of files, or a URL, and telling its format."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any
from urllib.parse import urljoin

import requests

from caravan.ingest.safety import check_public_url

SNIFF_BYTES = 64 * 1024
EXTENSIONS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".json": "json",
    ".jsonl": "json",
    ".ndjson": "json",
    ".dmp": "cit",
}
# Namespaces that tell an XML document's format, checked in this order (an OAI-PMH response
# names its payload's namespace too, so the envelope itself is not a format).
XML_SIGNATURES = (
    ("lido", re.compile(rb"http://www\.lido-schema\.org")),
    ("edm", re.compile(rb"http://www\.europeana\.eu/schemas/edm/")),
    ("mods", re.compile(rb"http://www\.loc\.gov/mods/v3")),
    ("oai_dc", re.compile(rb"http://www\.openarchives\.org/OAI/2\.0/oai_dc/")),
)
REQUEST_TIMEOUT = 60
MAX_REDIRECTS = 5


class InputUnreadable(Exception):
    """The input as a whole cannot be read: missing, empty, unknown format, unreachable."""


def is_url(location: str) -> bool:
    return location.startswith(("http://", "https://"))


def input_files(location: str, format_name: str | None = None) -> list[Path]:
    """The files to read, in a stable order: the file itself, or a folder's files by path."""
    path = Path(location).expanduser()
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise InputUnreadable(f"'{location}' is neither a file, a folder nor an http(s) URL")
    files = sorted(
        candidate
        for candidate in path.rglob("*")
        if candidate.is_file()
        and not candidate.name.startswith(".")
        and _fits(candidate, format_name)
    )
    if not files:
        raise InputUnreadable(f"the folder '{location}' holds no files to import")
    return files


def _fits(path: Path, format_name: str | None) -> bool:
    suffix = path.suffix.lower()
    if format_name is None:
        return suffix in EXTENSIONS or suffix in (".xml", ".rdf")
    if format_name in ("csv", "json", "cit"):
        return EXTENSIONS.get(suffix) == format_name
    return suffix in (".xml", ".rdf")


def guess_format(head: bytes, name: str) -> str:
    """The format of an input from its name, else from the namespaces in its first bytes."""
    by_extension = EXTENSIONS.get(Path(name).suffix.lower())
    if by_extension:
        return by_extension
    for format_name, signature in XML_SIGNATURES:
        if signature.search(head):
            return format_name
    raise InputUnreadable(
        f"cannot tell the format of '{name}'; give it with --format (lido, edm, oai_dc, csv, json)"
    )


def sniff(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(SNIFF_BYTES)


class CountingReader:
    """A binary stream that counts the bytes read through it, for progress."""

    def __init__(self, stream: IO[bytes], counter: list[int]):
        self._stream = stream
        self._counter = counter

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self._counter[0] += len(data)
        return data

    def readline(self, size: int = -1) -> bytes:
        data = self._stream.readline(size)
        self._counter[0] += len(data)
        return data

    def __iter__(self) -> Iterator[bytes]:
        while True:
            line = self.readline()
            if not line:
                return
            yield line

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def open_url(url: str, *, allow_private: bool) -> Iterator[tuple[IO[bytes], int | None]]:
    """A streamed download; its size when the server says it.

    Redirects are followed one by one, and each target's address is checked like the first, so
    a public URL cannot redirect the download to a private one.
    """
    response = _get_checked(url, allow_private=allow_private)
    response.raw.decode_content = True
    length = response.headers.get("Content-Length")
    try:
        yield response.raw, int(length) if length and length.isdigit() else None
    finally:
        response.close()


def _get_checked(url: str, *, allow_private: bool) -> requests.Response:
    for _ in range(MAX_REDIRECTS + 1):
        check_public_url(url, allow_private=allow_private)
        try:
            response = requests.get(
                url, stream=True, timeout=REQUEST_TIMEOUT, allow_redirects=False
            )
            if not response.is_redirect:
                response.raise_for_status()
                return response
        except requests.RequestException as error:
            raise InputUnreadable(f"cannot download '{url}': {error}") from error
        url = urljoin(url, response.headers["Location"])
        response.close()
    raise InputUnreadable(f"'{url}' redirects more than {MAX_REDIRECTS} times")
