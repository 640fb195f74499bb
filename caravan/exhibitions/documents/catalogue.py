"""The printable exhibition catalogue: cover, introduction, itinerary, the objects section by
section, the lenders; in the reader's interface language, with every record text in each
language it is written in."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.utils import timezone, translation

from caravan.core.langmap import text_direction
from caravan.exhibitions.documents.content import all_texts, exhibition_content, print_image_src
from caravan.exhibitions.documents.fetcher import DocumentFetcher, RemoteImages
from caravan.exhibitions.documents.render import pdf_from_html
from caravan.exhibitions.models import Exhibition
from caravan.exhibitions.permissions import Viewer
from caravan.exhibitions.selectors import exhibition_span, exhibitions_visible_to

# Pictures are asked for at this many pixels on their longest side: sharp at about 8 cm.
CATALOGUE_IMAGE_SIDE = 1000
CATALOGUE_TEMPLATE = "web/exhibitions/print/catalogue.html"


def exhibition_catalogue_context(
    *, exhibition: Exhibition, user: Viewer, language: str, origin: str
) -> dict[str, Any]:
    """What the catalogue template shows; `origin` makes its links absolute."""
    if not exhibitions_visible_to(user).filter(pk=exhibition.pk).exists():
        raise PermissionDenied("this exhibition is not shown to this reader")
    content = exhibition_content(
        exhibition=exhibition,
        user=user,
        language=language,
        image_src=partial(print_image_src, side=CATALOGUE_IMAGE_SIDE),
    )
    return {
        "exhibition": exhibition,
        "preview": not exhibition.is_public,
        "content": content,
        "titles": all_texts(exhibition.titles, language),
        "subtitles": all_texts(exhibition.subtitles, language),
        "description": all_texts(exhibition.description, language),
        "theme": all_texts(exhibition.theme, language),
        "co_organisers": list(exhibition.co_organisers.all()),
        "curator_people": list(exhibition.curator_people.all()),
        "span": exhibition_span(exhibition),
        "origin": origin.rstrip("/"),
        "site_name": settings.CARAVAN_SITE_NAME,
        "language": language,
        "direction": text_direction(language),
        "generated_on": timezone.localdate(),
    }


def exhibition_catalogue_html(
    *, exhibition: Exhibition, user: Viewer, language: str, origin: str
) -> str:
    with translation.override(language):
        context = exhibition_catalogue_context(
            exhibition=exhibition, user=user, language=language, origin=origin
        )
        return render_to_string(CATALOGUE_TEMPLATE, context)


def exhibition_catalogue_pdf(
    *,
    exhibition: Exhibition,
    user: Viewer,
    language: str,
    origin: str,
    remote: RemoteImages | None = None,
) -> bytes:
    """The catalogue as a PDF, showing only what `user` may see (PermissionDenied for an
    exhibition they may not see at all)."""
    html = exhibition_catalogue_html(
        exhibition=exhibition, user=user, language=language, origin=origin
    )
    fetcher = DocumentFetcher(user=user, origins=(origin,), remote=remote)
    return pdf_from_html(html, fetcher=fetcher)
