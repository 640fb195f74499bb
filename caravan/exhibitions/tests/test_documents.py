"""The printable catalogue and the loan document: real PDFs made by WeasyPrint from hosted
images, read back with pypdf (text in Chinese and Arabic, credit lines, lenders, embedded
pictures); who may have them; and the picture fetcher that keeps records away from local
files and private addresses."""

from __future__ import annotations

import base64
import io
import re
import unicodedata
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from caravan.catalogue.records import record_from_dict
from caravan.catalogue.services import object_upsert
from caravan.exhibitions.documents import (
    DocumentFetcher,
    ImageRefused,
    RemoteImages,
    exhibition_catalogue_pdf,
    loan_document_pdf,
)
from caravan.exhibitions.documents.fetcher import BASE_URL, normalized_image
from caravan.exhibitions.selectors import loan_detail
from caravan.exhibitions.services import checklist_item_add
from caravan.exhibitions.tests.exhibition_world import OBJECTS, build_exhibition, png

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"


@pytest.fixture(autouse=True)
def iiif_cache(tmp_path: Path, settings: Any) -> Path:
    settings.CARAVAN_IIIF_CACHE_DIR = tmp_path / "iiif-cache"
    return Path(settings.CARAVAN_IIIF_CACHE_DIR)


@pytest.fixture
def show(alliance_world: dict[str, Any], make_user: Any, make_object: Any) -> SimpleNamespace:
    return build_exhibition(alliance_world, make_user, make_object)


def pdf_text(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    # Shaped Arabic may come back in presentation forms; NFKC folds them to the letters.
    return reader, unicodedata.normalize("NFKC", text)


def image_count(reader: PdfReader) -> int:
    """How many pictures the pages draw. WeasyPrint lists every image in one resource
    dictionary shared by all pages, so the count is of image XObjects painted (`Do`)."""
    drawn = 0
    for page in reader.pages:
        resources: Any = page["/Resources"]
        xobjects = resources.get("/XObject") or {}
        contents: Any = page.get_contents()
        for name in re.findall(rb"/([^\s/]+)\s+Do\b", contents.get_data()):
            xobject: Any = xobjects.get("/" + name.decode())
            drawn += xobject is not None and xobject.get_object().get("/Subtype") == "/Image"
    return drawn


def has_phrase(text: str, phrase: str) -> bool:
    """Every word of a phrase is in the text. Words, not the whole phrase: a right-to-left
    line with digits in it is extracted in visual order."""
    squeezed = flat(text)
    return all(flat(word) in squeezed for word in phrase.split())


def flat(text: str) -> str:
    """Only the letters and digits of a text: phrases a layout may wrap, and whose punctuation
    a right-to-left line extracts in visual order, compare equal."""
    return "".join(char for char in unicodedata.normalize("NFKC", text) if char.isalnum())


# --- The catalogue -------------------------------------------------------------------------------


def test_the_catalogue_prints_every_visible_object_in_every_language(show: Any) -> None:
    pdf = exhibition_catalogue_pdf(
        exhibition=show.exhibition, user=AnonymousUser(), language="en", origin=ORIGIN
    )
    assert pdf.startswith(b"%PDF-")
    reader, text = pdf_text(pdf)
    # cover, contents, introduction, itinerary, two sections, lenders
    assert len(reader.pages) >= 7
    assert reader.metadata is not None and reader.metadata.title == "Along the Silk Roads"
    squeezed = flat(text)
    for key in ("mirror", "textile", "gospel", "seal"):
        for language in ("en", "zh-Hans", "ar"):
            assert flat(OBJECTS[key]["titles"][language]) in squeezed, (key, language)
    for key in ("mirror", "textile", "gospel"):
        for label in OBJECTS[key]["label"].values():
            assert has_phrase(text, label), label
    # The cover gives the title in each of the exhibition's languages.
    for title in ("Along the Silk Roads", "丝绸之路", "على طرق الحرير"):
        assert flat(title) in squeezed
    # Credit lines: the record's own, and the one agreed in the approved loan.
    assert flat("Palace Museum, Beijing") in squeezed
    assert flat("Matenadaran, Yerevan") in squeezed
    assert flat("Lent by the State Hermitage Museum") in squeezed
    # Lenders at the end (the lead organiser's own mirror is no loan).
    lenders = flat(text.rsplit("Lenders to the exhibition", 1)[1])
    assert "Hermitage1object" in lenders and "Մատենադարան2objects" in lenders
    assert "Palace" not in lenders
    # The members-only scroll is not shown to an anonymous reader; it is counted.
    assert "Members-only scroll" not in text
    assert "1 further object" in text
    # Three hosted pictures (mirror, textile, gospel); the seal has none.
    assert image_count(reader) == 3
    # Page numbers, from the page after the cover to the last.
    assert f"2 / {len(reader.pages)}" in text
    assert f"{len(reader.pages)} / {len(reader.pages)}" in text


def test_the_catalogue_follows_the_readers_language(show: Any) -> None:
    pdf = exhibition_catalogue_pdf(
        exhibition=show.exhibition, user=show.people.curator, language="ar", origin=ORIGIN
    )
    reader, text = pdf_text(pdf)
    assert reader.metadata is not None and reader.metadata.title == "على طرق الحرير"
    assert flat("لفافة للأعضاء") in flat(text)  # the curator sees the members-only scroll
    with translation.override("ar"):
        heading = translation.gettext("Lenders to the exhibition")
    assert flat(heading) in flat(text)


def test_the_catalogue_escapes_record_text(show: Any) -> None:
    from caravan.exhibitions.documents import exhibition_catalogue_html

    html = exhibition_catalogue_html(
        exhibition=show.exhibition, user=AnonymousUser(), language="en", origin=ORIGIN
    )
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#x27;label&#x27;)&lt;/script&gt; &amp; &lt;b&gt;bold" in html
    _reader, text = pdf_text(
        exhibition_catalogue_pdf(
            exhibition=show.exhibition, user=AnonymousUser(), language="en", origin=ORIGIN
        )
    )
    assert "<script>alert('label')</script>" in text  # printed as the characters it is


def test_the_catalogue_pdf_page(client: Client, show: Any) -> None:
    url = reverse("web:exhibition_catalogue_pdf", args=[show.exhibition.code])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="silk-roads-public-catalogue.pdf"' in response["Content-Disposition"]
    assert "private" in response["Cache-Control"]
    _reader, text = pdf_text(response.content)
    assert "Bronze mirror" in text


def test_an_exhibition_not_yet_open_has_no_public_catalogue(
    client: Client, show: Any, alliance_world: dict[str, Any], make_user: Any
) -> None:
    from caravan.exhibitions.services import exhibition_create

    draft = exhibition_create(
        code="next-year",
        titles={"en": "Next year"},
        lead_organiser=alliance_world["palace"],
        actor=show.people.curator,
    )
    url = reverse("web:exhibition_catalogue_pdf", args=[draft.code])
    assert client.get(url).status_code == 404
    client.force_login(show.people.louvre)
    assert client.get(url).status_code == 404
    with pytest.raises(PermissionDenied):
        exhibition_catalogue_pdf(
            exhibition=draft, user=show.people.louvre, language="en", origin=ORIGIN
        )
    client.force_login(show.people.curator)
    response = client.get(url)
    assert response.status_code == 200
    assert "Preview: this exhibition is not public yet" in pdf_text(response.content)[1]


# --- The loan document --------------------------------------------------------------------------


def test_the_loan_document_summarises_the_agreement(show: Any) -> None:
    loan = loan_detail(user=show.people.hermitage, pk=show.loan.pk)
    assert loan is not None
    pdf = loan_document_pdf(loan=loan, user=show.people.hermitage, language="en", origin=ORIGIN)
    reader, text = pdf_text(pdf)
    assert len(reader.pages) >= 2
    squeezed = flat(text)
    assert loan.reference in text
    assert "Hermitage" in text and "Palace Museum" in text  # lender and borrower
    assert flat("Along the Silk Roads") in squeezed
    assert "Approved" in text
    assert flat("No flash photography.") in squeezed and flat("禁止使用闪光灯。") in squeezed
    # Insurance per currency: 125,000 + 40,000 EUR.
    assert "165,000.00" in text and "EUR" in text
    assert flat("A courier travels with the crate.") in squeezed
    # History: requested, under review, approved, each with its side.
    assert "Requested" in text and "Under review" in text
    # The checklist: both objects, their credit lines, the condition report.
    assert flat("Silk textile fragment") in squeezed and flat("Members-only scroll") in squeezed
    assert flat("Lent by the State Hermitage Museum") in squeezed
    # A credit line is printed in the reader's language (the record's one when it has none).
    assert flat("إعارة من متحف الإرميتاج") not in squeezed
    assert flat("Minor fraying at the lower edge.") in squeezed
    assert image_count(reader) == 2


def test_the_loan_document_is_for_the_two_sides_and_the_secretariat(
    client: Client, show: Any, make_user: Any
) -> None:
    url = reverse("web:loan_pdf", args=[show.loan.pk])
    response = client.get(url)
    assert response.status_code == 302  # anonymous: sign in first
    for outsider in (show.people.louvre, show.people.yerevan):
        client.force_login(outsider)
        assert client.get(url).status_code == 404, outsider
        with pytest.raises(PermissionDenied):
            loan_document_pdf(loan=show.loan, user=outsider, language="en", origin=ORIGIN)
    for party in (
        show.people.curator,
        show.people.hermitage,
        make_user("sec", is_secretariat=True),
    ):
        client.force_login(party)
        response = client.get(url)
        assert response.status_code == 200, party
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")
    # A draft is the borrower's alone: the Matenadaran does not see its own draft loan yet.
    client.force_login(show.people.yerevan)
    assert client.get(reverse("web:loan_pdf", args=[show.draft_loan.pk])).status_code == 404


# --- The picture fetcher -----------------------------------------------------------------------


def test_a_file_url_in_a_record_is_never_read(
    show: Any, tmp_path: Path, alliance_world: dict[str, Any]
) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(png((255, 0, 0)).read())
    fetcher = DocumentFetcher(user=AnonymousUser())
    with pytest.raises(ImageRefused):
        fetcher.fetch(secret.as_uri())
    # A hostile record naming that file: the catalogue is made without it.
    record = record_from_dict(
        {
            "local_id": "pub-hostile",
            "titles": {"en": "Hostile record"},
            "media": [{"image_url": secret.as_uri()}],
        }
    )
    obj, _ = object_upsert(institution=alliance_world["palace"], record=record)
    checklist_item_add(exhibition=show.exhibition, obj=obj, actor=show.people.curator)
    reader, text = pdf_text(
        exhibition_catalogue_pdf(
            exhibition=show.exhibition, user=AnonymousUser(), language="en", origin=ORIGIN
        )
    )
    assert "Hostile record" in text
    assert image_count(reader) == 3  # only the hosted pictures


def test_the_fetcher_refuses_what_is_not_an_image_of_ours(show: Any) -> None:
    fetcher = DocumentFetcher(user=AnonymousUser(), origins=(ORIGIN,))
    refused = [
        "ftp://example.org/picture.png",
        f"{BASE_URL}admin/",  # a page of the site, not an image
        f"{ORIGIN}/objects/{show.objects['mirror'].pk}/",
        # the members-only scroll's hosted image, asked for by an anonymous reader
        f"{BASE_URL}iiif/image/pub-scroll/full/max/0/default.jpg",
        "http://127.0.0.1:9/picture.png",  # a private address
        "http://[::1]/picture.png",
        "data:text/html,<p>hello</p>",
        "data:image/png;base64," + "A" * 70_000,  # too long
    ]
    for url in refused:
        with pytest.raises(ImageRefused):
            fetcher.fetch(url)
    # Our own hosted images come from the Image service's code, for a reader who may see them.
    response = fetcher.fetch(f"{BASE_URL}iiif/image/pub-mirror/full/60,45/0/default.jpg")
    assert response.content_type == "image/jpeg" and response.read()[:2] == b"\xff\xd8"
    same = fetcher.fetch(f"{ORIGIN}/iiif/image/pub-mirror/full/max/0/default.png")
    assert same.content_type == "image/png"
    member = DocumentFetcher(user=show.people.curator)
    assert member.fetch(f"{BASE_URL}iiif/image/pub-scroll/full/max/0/default.jpg").read()
    # A small data: image is decoded and re-encoded.
    small = base64.b64encode(png((1, 2, 3)).read()).decode()
    assert fetcher.fetch(f"data:image/png;base64,{small}").content_type == "image/jpeg"


def test_remote_pictures_are_capped_and_checked(live_server: Any, show: Any) -> None:
    """A remote server (here the live server, playing another museum's image server)."""
    url = f"{live_server.url}/iiif/image/pub-textile/full/max/0/default.png"
    # From a private address, refused by default…
    with pytest.raises(ImageRefused, match="private"):
        DocumentFetcher(user=AnonymousUser()).fetch(url)
    allowed = RemoteImages(allow_private_addresses=True, longest_side=50)
    response = DocumentFetcher(user=AnonymousUser(), remote=allowed).fetch(url)
    assert response.content_type == "image/jpeg"
    data = response.read()
    from PIL import Image

    with Image.open(io.BytesIO(data)) as picture:
        assert max(picture.size) == 50  # scaled down to the policy's side
    tiny = RemoteImages(allow_private_addresses=True, max_bytes=100)
    with pytest.raises(ImageRefused, match="limit"):
        DocumentFetcher(user=AnonymousUser(), remote=tiny).fetch(url)
    with pytest.raises(ImageRefused, match="not an image"):
        DocumentFetcher(user=AnonymousUser(), remote=allowed).fetch(
            f"{live_server.url}/iiif/exhibitions/silk-roads-public/collection"
        )
    once = RemoteImages(allow_private_addresses=True, max_fetches=1)
    fetcher = DocumentFetcher(user=AnonymousUser(), remote=once)
    fetcher.fetch(url)
    with pytest.raises(ImageRefused, match="at most 1"):
        fetcher.fetch(url)


def test_pictures_from_outside_must_be_raster_images() -> None:
    policy = RemoteImages()
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>'
    with pytest.raises(ImageRefused):
        normalized_image(svg, policy)
    with pytest.raises(ImageRefused, match="pixels"):
        normalized_image(png((0, 0, 0), 400, 300).read(), RemoteImages(max_pixels=1000))
