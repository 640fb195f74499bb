"""Real records with images, imported through the real importers, give manifests and a
collection that iiif-prezi3 accepts. Skipped when the shared corpus is not there."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from iiif_prezi3 import Collection, Manifest

from caravan.catalogue.models import CatalogueObject
from caravan.ingest.models import RunStatus
from caravan.ingest.services import ingest

CORPUS = Path(__file__).resolve().parents[4] / ".." / "shared" / "corpus"

# LIDO from the Deutsche Digitale Bibliothek (IIIF services, plain image links) and Europeana
# EDM (a IIIF service on a web resource; plain images).
SOURCES = [
    ("lido", "lido/ddb_real_records/DSM.xml"),
    ("lido", "lido/ddb_real_records/KENOM_Landesbib_Schwerin.xml"),
    ("lido", "lido/ddb_real_records/Deutsches_Museum.xml"),
    ("lido", "lido/ddb_real_records/KHB.xml"),
    ("edm", "europeana_edm/metis_records/metis-media-service____files_rdf_with_iiif_sample.xml"),
    ("edm", "europeana_edm/metis_test_batch_hope/Item_35834473.xml"),
    ("edm", "europeana_edm/metis_test_batch_hope/Item_35834476.xml"),
]


def corpus_file(relative: str) -> Path:
    path = CORPUS / relative
    if not path.exists():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    return path


@pytest.mark.django_db
def test_imported_records_with_images_have_valid_manifests(
    client: Client, make_institution: Any
) -> None:
    for number, (format_name, relative) in enumerate(SOURCES):
        institution = make_institution(f"corpus-{number}")
        run = ingest(
            str(corpus_file(relative)),
            institution=institution,
            format_name=format_name,
            workers=1,
        )
        assert run.status == RunStatus.SUCCEEDED, (relative, run.failure)
    with_images = CatalogueObject.objects.filter(has_image=True)
    assert with_images.count() >= 6
    services = 0
    for obj in with_images:
        response = client.get(reverse("iiif:manifest", args=[obj.pk]))
        assert response.status_code == 200, obj.local_id
        document = json.loads(response.content)
        Manifest(**document)
        bodies = [canvas["items"][0]["items"][0]["body"] for canvas in document["items"]]
        services += sum(1 for body in bodies if body.get("service"))
        assert document["label"], obj.local_id
    assert services >= 2  # the IIIF Image services the records name are kept
    for institution_code in ("corpus-0", "corpus-4"):
        response = client.get(f"/iiif/institutions/{institution_code}/collection")
        collection = json.loads(response.content)
        Collection(**collection)
        assert collection["items"]
