"""The metadata formats the provider disseminates, by metadataPrefix."""

from __future__ import annotations

from collections.abc import Mapping

from caravan.api.oai.formats.base import MetadataFormat, RecordContext
from caravan.api.oai.formats.edm import Edm
from caravan.api.oai.formats.lido import Lido
from caravan.api.oai.formats.oai_dc import OaiDc

FORMATS: Mapping[str, MetadataFormat] = {
    metadata_format.prefix: metadata_format for metadata_format in (OaiDc(), Lido(), Edm())
}

__all__ = ["FORMATS", "MetadataFormat", "RecordContext"]
