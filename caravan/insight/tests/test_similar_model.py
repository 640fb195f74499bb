"""The learned subject model over a small committed catalogue (fixtures/similar/learned.json):
associations counted from members' expert indexing, inferred for an unindexed Chinese-titled
record, shown as a reason, leave-one-out, the task that builds and stores the model, and
suggestions without one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from caravan.catalogue.models import CatalogueObject, Concept
from caravan.insight.similar.model import (
    build_model,
    current_model,
    features_of,
    forget_current_model,
    load_model,
    model_path,
)
from caravan.insight.similar.reasons import reason_line
from caravan.insight.similar.selectors import profile_of, related_objects, similar_objects
from caravan.insight.similar.tasks import similar_subject_model_task
from caravan.insight.tests.test_similar import load_world
from caravan.search.documents import source_documents
from caravan.search.services import index_rebuild

pytestmark = pytest.mark.django_db
LEARNED = Path(__file__).parent / "fixtures" / "similar" / "learned.json"
ANONYMOUS = AnonymousUser()


@pytest.fixture(autouse=True)
def own_data_dir(settings: Any, tmp_path: Path) -> Iterator[None]:
    """Each test stores its model in a data directory of its own."""
    settings.CARAVAN_DATA_DIR = tmp_path
    forget_current_model()
    yield
    forget_current_model()


@pytest.fixture
def world(make_institution: Any, make_object: Any) -> dict[str, CatalogueObject]:
    objects = load_world(make_institution, make_object, LEARNED)
    index_rebuild(workers=1)
    return objects


def concept(notation: str) -> int:
    return int(Concept.objects.get(notation=notation).pk)


def features(obj: CatalogueObject) -> set[str]:
    document = source_documents([obj.pk])[0]
    return features_of(document.texts, document.type_keys)


def suggested(obj: CatalogueObject, **options: Any) -> list[str]:
    found = similar_objects(object_id=obj.pk, user=ANONYMOUS, **options)
    local_ids = dict(CatalogueObject.objects.values_list("pk", "local_id"))
    return [local_ids[item.object_id] for item in found]


def test_features_are_words_han_bigrams_and_characters_never_subjects(
    world: dict[str, Any],
) -> None:
    found = features(world["MET-A"])
    # Traditional folded to Simplified by the one analyzer: 獨釣 → 独钓.
    assert {"w:秋江", "w:独钓", "c:钓", "w:angling", "w:river"} <= found
    assert not [feature for feature in found if "recluse" in feature or "fisherman" in feature]


def test_the_model_learns_what_words_carry_from_other_members_indexing(
    world: dict[str, Any],
) -> None:
    model = build_model()
    assert model.records == 9  # every record with subject concepts; NPM-Q has none
    inferred = model.infer(features(world["NPM-Q"]))
    recluse, fisherman = concept("recluse"), concept("fisherman")
    # 秋江 and 獨釣 come only with recluse and fisherman in the Met's and the V&A's records.
    assert set(inferred) == {recluse, fisherman}
    assert 0.3 < inferred[recluse] <= 1.0


def test_an_unindexed_record_finds_records_it_shares_no_word_with(
    world: dict[str, Any],
) -> None:
    assert "VAM-C" not in suggested(world["NPM-Q"])  # no model yet: only words meet
    assert similar_subject_model_task.call() == 9
    found = suggested(world["NPM-Q"])
    assert "VAM-C" in found  # "Man in a straw cape among reeds": no word in common
    assert not {"VAM-B", "MET-C"} & set(found)  # plum blossoms carry nothing of it
    profile = profile_of(world["NPM-Q"].pk)
    assert profile is not None and set(profile.inferred) == {
        concept("recluse"),
        concept("fisherman"),
    }


def test_the_inferred_subjects_are_given_as_the_reason(world: dict[str, Any]) -> None:
    similar_subject_model_task.call()
    scored = similar_objects(object_id=world["NPM-Q"].pk, user=ANONYMOUS)
    for lang, line in (
        ("en", "Inferred subjects: recluse, fisherman"),
        ("zh-Hant", "Inferred subjects: 隱士, 漁夫"),
    ):
        shown = {
            item.object_id: [reason_line(reason) for reason in item.reasons]
            for item in related_objects(scored, user=ANONYMOUS, lang=lang)
        }
        # The two concepts weigh the same, so either may come first.
        [reason] = shown[world["VAM-C"].pk]
        heading, items = reason.split(": ")
        assert (heading, set(items.split(", "))) == (
            line.split(": ")[0],
            set(line.split(": ")[1].split(", ")),
        )


def test_records_with_subjects_keep_their_own(world: dict[str, Any]) -> None:
    similar_subject_model_task.call()
    profile = profile_of(world["MET-A"].pk)
    assert profile is not None and profile.inferred == {}
    assert profile.linked(concept("recluse"))


def test_leave_one_out_takes_out_the_records_own_subjects(world: dict[str, Any]) -> None:
    model = build_model()
    record = world["NPM-L1"]  # the only record indexed with "heron"
    own = {concept("lotus"), concept("heron")}
    with_itself = model.infer(features(record))
    left_out = model.infer(features(record), own=own, object_id=record.pk)
    assert concept("heron") in with_itself  # it would learn its own subject back
    assert concept("heron") not in left_out
    # Exactly what a model counted without the record infers.
    without = build_model(exclude=[record.pk])
    assert left_out == without.infer(features(record))
    # The honest measure hides the subjects and leaves the record out of the model.
    similar_subject_model_task.call()
    hidden = profile_of(record.pk, without_subjects=True)
    assert hidden is not None and concept("heron") not in hidden.concepts
    assert concept("lotus") in hidden.inferred


def test_the_task_stores_the_model_and_keeps_it_while_the_index_stands_still(
    world: dict[str, Any], make_object: Any
) -> None:
    assert current_model() is None and not model_path().exists()
    similar_subject_model_task.call()
    stored = load_model()
    assert stored is not None and stored.records == 9
    assert stored.feature_index.keys() == build_model().feature_index.keys()
    built_at = stored.built_at
    similar_subject_model_task.call()
    assert load_model().built_at == built_at
    make_object(world["MET-A"].institution, "MET-NEW", titles={"en": "Summer pond"})
    index_rebuild(workers=1)
    similar_subject_model_task.call()
    assert load_model().built_at > built_at
    similar_subject_model_task.call(force=True)


def test_suggestions_work_without_a_model(world: dict[str, Any]) -> None:
    assert current_model() is None
    found = suggested(world["NPM-Q"])
    assert found[:2] in (["MET-A", "MET-B"], ["MET-B", "MET-A"])  # the words 秋江 獨釣
    profile = profile_of(world["NPM-Q"].pk)
    assert profile is not None and profile.inferred == {}


def test_the_benchmark_can_leave_the_model_out(world: dict[str, Any]) -> None:
    similar_subject_model_task.call()
    assert "VAM-C" in suggested(world["NPM-Q"], without_subjects=True)
    assert "VAM-C" not in suggested(world["NPM-Q"], without_subjects=True, use_model=False)
