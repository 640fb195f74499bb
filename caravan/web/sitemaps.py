"""Sitemaps of the public site: every public object page and every institution page, in each
interface language, each entry naming its pages in the other languages (hreflang).

Served as a sitemap index at /sitemap.xml and sections at /sitemap-objects.xml and
/sitemap-institutions.xml (?p=2 for the next 50,000 addresses). Objects come through
`objects_visible_to(AnonymousUser())`: public and not withdrawn, exactly what a search engine's
crawler can open.

Django's Sitemap lists every item of every page in memory to paginate its (item, language)
pairs; with a million objects that would be every request. Here the pairs are a lazy sequence
whose slices read only their page of objects from the database.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from functools import cached_property
from typing import Any, overload

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Max, QuerySet
from django.urls import reverse

from caravan.catalogue.models import CatalogueObject
from caravan.catalogue.selectors import objects_visible_to
from caravan.institutions.models import Institution

ItemAndLanguage = tuple[Any, str]


class _LanguagePairs(Sequence[ItemAndLanguage]):
    """(item, language) for every item of an ordered queryset and every language, read from the
    database one slice at a time."""

    def __init__(self, items: QuerySet[Any], languages: list[str]) -> None:
        self._items = items
        self._languages = languages

    @cached_property
    def _count(self) -> int:
        return self._items.count()

    def __len__(self) -> int:
        return self._count * len(self._languages)

    @overload
    def __getitem__(self, index: int) -> ItemAndLanguage: ...

    @overload
    def __getitem__(self, index: slice) -> list[ItemAndLanguage]: ...

    def __getitem__(self, index: int | slice) -> ItemAndLanguage | list[ItemAndLanguage]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        start, stop, _ = index.indices(len(self))
        per_item = len(self._languages)
        first, last = start // per_item, -(-stop // per_item)
        pairs = [
            (item, language) for item in self._items[first:last] for language in self._languages
        ]
        offset = first * per_item
        return pairs[start - offset : stop - offset]


class _LazyI18nSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True  # English, at the address without a language prefix

    def items(self) -> QuerySet[Any]:
        raise NotImplementedError

    @property
    def paginator(self) -> Paginator:
        languages = self.languages or [code for code, _ in settings.LANGUAGES]
        return Paginator(_LanguagePairs(self.items(), list(languages)), self.limit)

    def lastmod(self, item: CatalogueObject | Institution) -> datetime.datetime:
        return item.updated_at

    def get_latest_lastmod(self) -> datetime.datetime | None:
        latest: datetime.datetime | None = self.items().aggregate(latest=Max("updated_at"))[
            "latest"
        ]
        return latest


class ObjectSitemap(_LazyI18nSitemap):
    """Public, not withdrawn objects: the pages anyone may open."""

    def items(self) -> QuerySet[CatalogueObject]:
        return objects_visible_to(AnonymousUser()).only("id", "updated_at").order_by("id")

    def location(self, item: CatalogueObject) -> str:
        return reverse("web:object_detail", args=[item.pk])


class InstitutionSitemap(_LazyI18nSitemap):
    """Every institution's page (its public objects, memberships and programmes)."""

    def items(self) -> QuerySet[Institution]:
        return Institution.objects.only("id", "code", "updated_at").order_by("code")

    def location(self, item: Institution) -> str:
        return reverse("web:institution_detail", args=[item.code])


SITEMAPS: dict[str, type[Sitemap]] = {
    "objects": ObjectSitemap,
    "institutions": InstitutionSitemap,
}
