"""IIIF for Caravan: the Image API 3.0 for hosted images, Presentation API 3.0 manifests and
collections. Mounted at /iiif/ (config/urls.py); described in docs/iiif.md."""
