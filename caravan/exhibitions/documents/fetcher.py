"""Where a printed document's pictures come from, and what it may never read.

WeasyPrint asks its URL fetcher for every image of a document. Record fields are written by
members' systems, so an image address is untrusted: `file:///etc/passwd`, an address inside
the server's network or a gigabyte-sized download must get nowhere. The fetcher therefore
answers three kinds of address only:

- Caravan's own IIIF image URLs (site-relative in the HTML, so under `INTERNAL_ORIGIN`, or
  under the site's own origin): rendered by the Image service's code from the protected
  storage, asking the visibility rule for the reader, with no HTTP request to ourselves;
- `http`/`https` images on other servers: fetched with a short deadline and a size cap, only
  from public addresses (the address checked is the one connected to), then decoded and scaled
  down by Pillow, so only a plain JPEG or PNG reaches WeasyPrint (never SVG, whose own links
  would be followed);
- small `data:` images, decoded the same way.

Anything else (`file:`, `ftp:`, other pages of the site…) is refused; WeasyPrint then leaves
the picture out and the document is made without it.
"""

from __future__ import annotations

import base64
import binascii
import io
import ipaddress
import socket
import time
import warnings
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import requests.certs
import urllib3
from django.urls import Resolver404, get_script_prefix, resolve
from PIL import Image, ImageOps
from weasyprint.urls import URLFetcher, URLFetcherResponse

from caravan.api.iiif.image_render import MEDIA_TYPES
from caravan.api.iiif.image_request import ImageRequestError
from caravan.api.iiif.image_service import hosted_derivative as render_hosted
from caravan.exhibitions.permissions import Viewer

# The HTML of a document is resolved against this origin, which exists nowhere: site-relative
# addresses (Caravan's own IIIF images) are answered from inside, never over the network.
INTERNAL_ORIGIN = "http://caravan.internal"
BASE_URL = f"{INTERNAL_ORIGIN}/"
DATA_URL_MAX_CHARS = 64 * 1024
# Pillow decodes only these; others (EPS, which runs Ghostscript, among them) are refused.
_DECODED_FORMATS = ("JPEG", "PNG", "GIF", "WEBP", "TIFF", "BMP")
_JPEG_QUALITY = 85
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class ImageRefused(ValueError):
    """An image address a document may not read, or a picture that could not be used."""


@dataclass(frozen=True)
class RemoteImages:
    """How pictures on other servers are fetched for a document.

    ``timeout`` bounds each picture from first byte asked to last byte read; ``max_fetches``
    and ``time_budget`` (seconds, all pictures together) bound what one document tries, so a
    catalogue of unreachable images still finishes.
    ``allow_private_addresses`` is for members' image servers on Caravan's own network (and
    tests); by default loopback, link-local and private addresses are refused.
    """

    enabled: bool = True
    timeout: float = 5.0
    max_bytes: int = 15 * 1024 * 1024
    max_pixels: int = 50_000_000
    longest_side: int = 1600
    max_fetches: int = 200
    time_budget: float = 60.0
    max_redirects: int = 3
    allow_private_addresses: bool = False


class DocumentFetcher(URLFetcher):
    """WeasyPrint's URL fetcher for Caravan's documents (see the module's docstring).

    ``user`` is the reader: hosted images of objects they may not see are refused.
    ``origins`` are further origins that mean this site (the request's own).
    """

    def __init__(
        self,
        *,
        user: Viewer,
        origins: tuple[str, ...] = (),
        remote: RemoteImages | None = None,
    ) -> None:
        self.remote = remote or RemoteImages()
        super().__init__(
            timeout=self.remote.timeout,
            allowed_protocols=("http", "https", "data"),
            allow_redirects=False,
        )
        self.user = user
        self.origins = {INTERNAL_ORIGIN, *(origin.rstrip("/").lower() for origin in origins)}
        self.remote_fetches = 0
        self.remote_seconds = 0.0

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return _response(url, *_data_image(url, self.remote))
        if scheme not in ("http", "https"):
            raise ImageRefused(f"{scheme}: addresses are not read into documents")
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}".lower() in self.origins:
            return _response(url, *hosted_derivative(parts.path, user=self.user))
        return _response(url, *self._remote(url))

    def _remote(self, url: str) -> tuple[bytes, str]:
        policy = self.remote
        if not policy.enabled:
            raise ImageRefused("pictures on other servers are not fetched for this document")
        if self.remote_fetches >= policy.max_fetches:
            raise ImageRefused(f"at most {policy.max_fetches} pictures are fetched per document")
        if self.remote_seconds >= policy.time_budget:
            raise ImageRefused(f"{policy.time_budget} seconds were spent on other servers already")
        self.remote_fetches += 1
        started = time.monotonic()
        try:
            data = remote_image(url, policy)
        finally:
            self.remote_seconds += time.monotonic() - started
        return normalized_image(data, policy)


def _response(url: str, body: bytes, content_type: str) -> URLFetcherResponse:
    return URLFetcherResponse(url, body, {"Content-Type": content_type})


# --- Caravan's own images -----------------------------------------------------------------------


def hosted_derivative(path: str, *, user: Viewer) -> tuple[bytes, str]:
    """The image a site path of Caravan's IIIF Image API names, rendered (or taken from the
    derivative cache) as that endpoint would for `user`; anything else on the site is refused."""
    # Addresses carry the script prefix when Caravan is served under a sub-path; the URL
    # resolver wants the path without it.
    prefix = get_script_prefix()
    if prefix != "/" and path.startswith(prefix):
        path = "/" + path[len(prefix) :]
    try:
        match = resolve(unquote(path))
    except Resolver404 as error:
        raise ImageRefused(f"{path} is not an image of this site") from error
    if match.view_name != "iiif:image":
        raise ImageRefused(f"{path} is not an image of this site's IIIF Image API")
    arguments = match.kwargs
    try:
        derivative = render_hosted(
            identifier=arguments["identifier"],
            region=arguments["region"],
            size=arguments["size"],
            rotation=arguments["rotation"],
            quality=arguments["quality"],
            user=user,
        )
    except ImageRequestError as error:
        raise ImageRefused(error.message) from error
    return derivative.path.read_bytes(), MEDIA_TYPES[derivative.plan.format]


# --- Other servers --------------------------------------------------------------------------------


def remote_image(url: str, policy: RemoteImages) -> bytes:
    """The bytes of an image on another server, within the policy's deadline and size cap.

    Each hop of a redirect is checked again; the connection goes to the address that was
    checked (the host name travels in the Host header and TLS's SNI, and the certificate is
    verified for it), so a name that resolves once to a public and then to a private address
    gains nothing.
    """
    deadline = time.monotonic() + policy.timeout
    for _hop in range(policy.max_redirects + 1):
        target = _pinned(url, policy)
        try:
            with target.pool(policy.timeout) as pool:
                response = pool.urlopen(
                    "GET",
                    target.path,
                    headers={"Host": target.host_header, "Accept": "image/*"},
                    redirect=False,
                    retries=False,
                    preload_content=False,
                    assert_same_host=False,
                )
                try:
                    location = response.headers.get("Location")
                    if response.status in _REDIRECTS and location:
                        url = urljoin(url, location)
                        continue
                    return _body(response, url, policy, deadline)
                finally:
                    response.release_conn()
        except urllib3.exceptions.HTTPError as error:
            raise ImageRefused(f"{url} could not be fetched: {error}") from error
    raise ImageRefused(f"{url}: more than {policy.max_redirects} redirects")


@dataclass(frozen=True)
class _Target:
    """Where one request goes: the checked address, and the names the server expects."""

    scheme: str
    address: str
    port: int
    host: str
    host_header: str
    path: str

    def pool(self, timeout: float) -> urllib3.HTTPConnectionPool:
        options: dict[str, Any] = {"maxsize": 1, "timeout": urllib3.Timeout(timeout)}
        if self.scheme == "http":
            return urllib3.HTTPConnectionPool(self.address, self.port, **options)
        return urllib3.HTTPSConnectionPool(
            self.address,
            self.port,
            server_hostname=self.host,
            assert_hostname=self.host,
            cert_reqs="CERT_REQUIRED",
            ca_certs=requests.certs.where(),
            **options,
        )


def _pinned(url: str, policy: RemoteImages) -> _Target:
    parts = urlsplit(url)
    try:
        scheme, port = parts.scheme.lower(), parts.port
        host = (parts.hostname or "").encode("idna").decode("ascii")
    except (ValueError, UnicodeError) as error:
        raise ImageRefused(f"'{url}' is not a URL") from error
    if scheme not in ("http", "https") or not host:
        raise ImageRefused(f"'{url}' is not an http or https URL")
    port = port or (443 if scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as error:
        raise ImageRefused(f"the host '{host}' cannot be resolved") from error
    addresses = [ipaddress.ip_address(info[4][0]) for info in infos]
    if not addresses:
        raise ImageRefused(f"the host '{host}' has no address")
    refused = [address for address in addresses if not address.is_global]
    if refused and not policy.allow_private_addresses:
        raise ImageRefused(
            f"'{host}' resolves to {refused[0]}, a loopback, link-local or private address"
        )
    named = f"[{host}]" if ":" in host else host
    return _Target(
        scheme=scheme,
        address=str(addresses[0]),
        port=port,
        host=host,
        host_header=named if parts.port is None else f"{named}:{port}",
        path=(parts.path or "/") + (f"?{parts.query}" if parts.query else ""),
    )


def _body(
    response: urllib3.BaseHTTPResponse, url: str, policy: RemoteImages, deadline: float
) -> bytes:
    if response.status != 200:
        raise ImageRefused(f"{url} answered {response.status}")
    content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if not content_type.startswith("image/"):
        raise ImageRefused(f"{url} is {content_type or 'of no declared type'}, not an image")
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes:
        raise ImageRefused(f"{url} is {declared} bytes, over the {policy.max_bytes} byte limit")
    body = bytearray()
    for chunk in response.stream(64 * 1024):
        body += chunk
        if len(body) > policy.max_bytes:
            raise ImageRefused(f"{url} is over the {policy.max_bytes} byte limit")
        if time.monotonic() > deadline:
            raise ImageRefused(f"{url} took longer than {policy.timeout} seconds")
    return bytes(body)


# --- Decoding ------------------------------------------------------------------------------------


def _data_image(url: str, policy: RemoteImages) -> tuple[bytes, str]:
    """A small `data:` image (base64 or percent-encoded), decoded and re-encoded."""
    if len(url) > DATA_URL_MAX_CHARS:
        raise ImageRefused(f"data: addresses longer than {DATA_URL_MAX_CHARS} are not read")
    header, comma, payload = url[len("data:") :].partition(",")
    if not comma or not header.lower().startswith("image/"):
        raise ImageRefused("only data: images are read")
    try:
        data = (
            base64.b64decode(payload, validate=True)
            if header.lower().endswith(";base64")
            else unquote(payload).encode("latin-1")
        )
    except (binascii.Error, UnicodeError) as error:
        raise ImageRefused("the data: image cannot be decoded") from error
    return normalized_image(data, policy)


def normalized_image(data: bytes, policy: RemoteImages) -> tuple[bytes, str]:
    """A picture from outside as a plain JPEG (or PNG when it has transparency) no larger than
    the policy's longest side; raises ImageRefused for anything that is not a raster image
    within the pixel limit (checked from the header, before decoding)."""
    side = policy.longest_side
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=_DECODED_FORMATS) as image:
                pixels = image.width * image.height
                if pixels <= policy.max_pixels:
                    image.draft("RGB", (side, side))
                    picture = ImageOps.exif_transpose(image)
                    picture.thumbnail((side, side))
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise ImageRefused(f"the picture cannot be read: {error}") from error
    if pixels > policy.max_pixels:
        raise ImageRefused(f"the picture has {pixels} pixels, over {policy.max_pixels}")
    out = io.BytesIO()
    if picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info:
        picture.convert("RGBA").save(out, format="PNG")
        return out.getvalue(), "image/png"
    picture.convert("RGB").save(out, format="JPEG", quality=_JPEG_QUALITY)
    return out.getvalue(), "image/jpeg"
