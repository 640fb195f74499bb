"""Linked Art (API 1.0) records of catalogue objects: see docs/linked-art-and-exports.md."""

from caravan.api.linked_art.digital import iiif_manifest_path
from caravan.api.linked_art.document import CONTEXT, object_document
from caravan.api.linked_art.production import xsd_datetime

__all__ = ["CONTEXT", "iiif_manifest_path", "object_document", "xsd_datetime"]
