"""The index follows the database's change log: rebuilds, replays after a crash, gaps, pruning."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from caravan.search.index import IndexState, current_generation
from caravan.search.models import IndexChange
from caravan.search.selectors import index_status, search
from caravan.search.services import (
    _advance,
    changes_prune,
    index_rebuild,
    index_sync,
)
from caravan.search.types import SearchRequest

ROOT = Path(__file__).resolve().parents[3]


def found(q: str) -> list[str]:
    result = search(SearchRequest(q=q), user=AnonymousUser())
    return [hit.local_identifier for hit in result.hits]


@pytest.mark.django_db
def test_every_write_path_logs_the_object(make_institution: Any, make_object: Any) -> None:
    from caravan.catalogue.models import CatalogueObject, Concept, ConceptScheme, ObjectTerm

    museum = make_institution("m")
    before = IndexChange.objects.count()
    obj = make_object(museum, "A", materials=[{"text": "jade", "lang": "en"}])
    CatalogueObject.objects.filter(pk=obj.pk).update(visibility="private")
    scheme = ConceptScheme.objects.create(code="s")
    jade = Concept.objects.create(scheme=scheme, notation="jade", pref_labels={"en": "jade"})
    ObjectTerm.objects.filter(object=obj).update(concept=jade)  # a vocabulary re-linking
    CatalogueObject.objects.filter(pk=obj.pk).delete()
    logged = list(IndexChange.objects.order_by("id").values_list("object_id", flat=True))
    assert logged[before:] and set(logged[before:]) == {obj.pk}
    assert len(logged) - before >= 4  # create, bulk update, term re-link, delete


@pytest.mark.django_db
def test_a_rebuild_swaps_in_a_new_generation(make_institution: Any, make_object: Any) -> None:
    museum = make_institution("m")
    make_object(museum, "A", titles={"en": "Celadon bowl"})
    first = index_rebuild()
    assert first.documents == 1 and current_generation() == first.generation
    assert found("celadon") == ["A"]
    second = index_rebuild()
    assert current_generation() == second.generation != first.generation
    assert found("celadon") == ["A"]
    assert index_status()["documents"] == 1


@pytest.mark.django_db
def test_a_node_whose_changes_were_pruned_rebuilds(make_institution: Any, make_object: Any) -> None:
    museum = make_institution("m")
    make_object(museum, "A", titles={"en": "Celadon bowl"})
    index_sync()
    generation = current_generation()
    assert generation is not None
    IndexState(position=0).write(generation)  # as if it had read nothing
    make_object(museum, "B", titles={"en": "Celadon jar"})
    IndexChange.objects.update(changed_at=IndexChange.objects.first().changed_at - timedelta(30))
    assert changes_prune() >= 1
    report = index_sync()
    assert report.rebuilt
    assert sorted(found("celadon")) == ["A", "B"]


def test_late_changes_are_remembered_as_gaps_and_forgotten_when_seen() -> None:
    state = IndexState(position=10)
    _advance(state, [11, 14])
    assert state.position == 14 and set(state.gaps) == {12, 13}
    _advance(state, [12])
    assert state.position == 14 and set(state.gaps) == {13}


def test_a_crash_between_the_commit_and_the_index_write_loses_nothing(tmp_path: Path) -> None:
    environment = {
        **os.environ,
        "CARAVAN_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "CARAVAN_SECRET_KEY": "only-for-this-test",
    }
    environment.pop("CARAVAN_DATABASE_URL", None)
    environment.pop("CARAVAN_SEARCH_INDEX_DIR", None)

    def run(code: str) -> subprocess.CompletedProcess[str]:
        script = "import django; django.setup()\n" + textwrap.dedent(code)
        return subprocess.run(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-c", script],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
        )

    migrated = run("from django.core.management import call_command; call_command('migrate')")
    assert migrated.returncode == 0, migrated.stderr
    first = run(
        """
        from caravan.institutions.services import institution_create
        from caravan.catalogue.records import record_from_dict
        from caravan.catalogue.services import object_upsert
        from caravan.search.services import index_sync
        museum = institution_create(code="m", names={"en": "M"}, country="AM")
        object_upsert(institution=museum, record=record_from_dict(
            {"local_id": "A", "titles": {"en": "Gospel"}, "language": "en"}))
        index_sync()
        """
    )
    assert first.returncode == 0, first.stderr
    crashed = run(
        """
        import os, signal
        from caravan.institutions.models import Institution
        from caravan.catalogue.records import record_from_dict
        from caravan.catalogue.services import object_upsert
        from caravan.search import services
        object_upsert(institution=Institution.objects.get(code="m"), record=record_from_dict(
            {"local_id": "B", "titles": {"en": "Psalter"}, "language": "en"}))
        def die(*args):
            os.kill(os.getpid(), signal.SIGKILL)
        services._apply = die  # the process dies with the writer open, before its commit
        services.index_sync()
        """
    )
    assert crashed.returncode == -signal.SIGKILL
    after = run(
        """
        from django.contrib.auth.models import AnonymousUser
        from caravan.search.selectors import search
        from caravan.search.types import SearchRequest
        hits = search(SearchRequest(q="psalter"), user=AnonymousUser()).hits
        print(",".join(hit.local_identifier for hit in hits))
        """
    )
    assert after.returncode == 0, after.stderr
    assert after.stdout.strip() == "B"


@pytest.mark.django_db
def test_an_index_of_an_older_schema_is_rebuilt(make_institution: Any, make_object: Any) -> None:
    museum = make_institution("m")
    make_object(museum, "A", titles={"en": "Celadon bowl"})
    index_sync()
    generation = current_generation()
    assert generation is not None
    old = IndexState.read(generation)
    old.schema_version -= 1
    old.write(generation)
    assert index_sync().rebuilt
    assert current_generation() != generation
    assert found("celadon") == ["A"]


@pytest.mark.django_db
def test_a_large_catalogue_is_not_indexed_inside_a_page_request(
    make_institution: Any, make_object: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from caravan.search import services

    museum = make_institution("m")
    make_object(museum, "A", titles={"en": "Celadon bowl"})
    monkeypatch.setattr(services, "INLINE_REBUILD_LIMIT", 0)
    waiting = search(SearchRequest(q="celadon"), user=AnonymousUser())
    assert waiting.count == 0 and "being built" in waiting.notice
    index_sync()  # what the follower does
    assert found("celadon") == ["A"]
