"""Reads about stored vocabularies."""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from caravan.catalogue.models import ConceptScheme


def concept_schemes_with_counts() -> list[dict[str, Any]]:
    """Every concept scheme, by code, with its URI, titles and number of concepts."""
    schemes = ConceptScheme.objects.annotate(concept_count=Count("concepts")).order_by("code")
    return [
        {
            "code": scheme.code,
            "uri": scheme.uri,
            "titles": scheme.titles,
            "concepts": scheme.concept_count,
        }
        for scheme in schemes
    ]
