"""The absolute URIs IIIF documents give: their own, the image services', and the site's pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation


@dataclass(frozen=True)
class Links:
    """URIs under one origin (scheme://host[:port]), the one the request came to."""

    origin: str

    def absolute(self, path: str) -> str:
        return f"{self.origin}{path}"

    def manifest(self, pk: int) -> str:
        return self.absolute(reverse("iiif:manifest", args=[pk]))

    def canvas(self, pk: int, number: int) -> str:
        # Canvases are numbered by position: media rows are replaced when a record is
        # re-imported, so their database ids would change while the images stay the same.
        return f"{self.manifest(pk)}/canvas/p{number}"

    def image_service(self, hosted_id: str) -> str:
        return self.absolute(reverse("iiif:image_base", args=[hosted_id]))

    def institution_collection(self, code: str, page: int | None = None) -> str:
        if page is None:
            return self.absolute(reverse("iiif:institution_collection", args=[code]))
        return self.absolute(reverse("iiif:institution_collection_page", args=[code, page]))

    def alliance_collection(self, code: str) -> str:
        return self.absolute(reverse("iiif:alliance_collection", args=[code]))

    def page(self, name: str, *args: object) -> str:
        """A page of the public site, without a language prefix (the reader's choice applies)."""
        with translation.override(settings.LANGUAGE_CODE):
            return self.absolute(reverse(name, args=args))

    def optional_page(self, name: str, *args: object) -> str | None:
        """A URL that exists only when another part of Caravan is installed."""
        try:
            return self.page(name, *args)
        except NoReverseMatch:
            return None
