"""What every metadata format offers the verbs, and what the verbs tell a format."""

from __future__ import annotations

import abc
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from django.db.models import Q
from lxml import etree

from caravan.catalogue.models import CatalogueObject


@dataclass(frozen=True)
class RecordContext:
    """What a record needs beyond its object: names and addresses of this repository."""

    repository_id: str
    # edm:provider, and lidoRecID's source: who hands the record out.
    provider: str
    # The object's public page on this site.
    object_url: Callable[[CatalogueObject], str]
    # The object's OAI identifier.
    identifier: Callable[[CatalogueObject], str]
    # A site-relative address made absolute (hosted images' IIIF addresses).
    absolute: Callable[[str], str] = str


class MetadataFormat(abc.ABC):
    prefix: ClassVar[str]
    schema: ClassVar[str]
    namespace: ClassVar[str]
    # Why an item the format does not disseminate is refused, for the error message.
    unavailable_because: ClassVar[str] = "the format does not cover it"

    def live_condition(self) -> Q:
        """Which live (not deleted) objects the format can be disseminated for, as a query."""
        return Q()

    def disseminates(self, obj: CatalogueObject) -> bool:
        """The same rule as live_condition, for one object at hand."""
        return True

    @abc.abstractmethod
    def metadata(self, obj: CatalogueObject, context: RecordContext) -> etree._Element:
        """The record's metadata element (its own namespaces and schemaLocation declared)."""
