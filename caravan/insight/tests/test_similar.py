"""Similar objects over a small committed catalogue (fixtures/similar/world.json): ordering by
shared concepts, reasons, the reader's visibility, other institutions only, Chinese text meeting
English records through concept labels, and the cache following the index."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from caravan.catalogue.models import CatalogueObject, Concept, ConceptScheme
from caravan.insight.similar.reasons import Reason, ReasonKind, reason_line
from caravan.insight.similar.selectors import (
    checklist_suggestions,
    merged_reasons,
    related_objects,
    similar_objects,
)
from caravan.search.expansion import forget_concept_labels
from caravan.search.services import index_rebuild

pytestmark = pytest.mark.django_db
WORLD = Path(__file__).parent / "fixtures" / "similar" / "world.json"
ANONYMOUS = AnonymousUser()


def load_world(
    make_institution: Any, make_object: Any, path: Path = WORLD
) -> dict[str, CatalogueObject]:
    """The fixture's concepts, institutions and objects; returns the objects by local id."""
    data = json.loads(path.read_text(encoding="utf-8"))
    scheme = ConceptScheme.objects.create(code="cit", titles={"en": "CIT"})
    concepts = {}
    for item in data["concepts"]:
        concepts[item["notation"]] = Concept.objects.create(
            scheme=scheme, notation=item["notation"], pref_labels=item["pref_labels"]
        )
        if "broader" in item:
            concepts[item["notation"]].broader.add(concepts[item["broader"]])
    forget_concept_labels()
    institutions = {
        item["code"]: make_institution(item["code"], names=item["names"], country=item["country"])
        for item in data["institutions"]
    }
    objects = {}
    for item in data["objects"]:
        fields = dict(item)
        institution = institutions[fields.pop("institution")]
        withdrawn = fields.pop("withdrawn", False)
        fields["subjects"] = [
            {"text": notation, "lang": "en", "concept": {"scheme": "cit", "notation": notation}}
            for notation in fields.get("subjects", [])
        ]
        obj = make_object(institution, fields.pop("local_id"), **fields)
        if withdrawn:
            CatalogueObject.objects.filter(pk=obj.pk).update(withdrawn_at=timezone.now())
        objects[obj.local_id] = obj
    return objects


@pytest.fixture
def world(make_institution: Any, make_object: Any) -> dict[str, CatalogueObject]:
    return load_world(make_institution, make_object)


def suggested(obj: CatalogueObject, user: Any = ANONYMOUS, **options: Any) -> list[str]:
    found = similar_objects(object_id=obj.pk, user=user, **options)
    local_ids = dict(CatalogueObject.objects.values_list("pk", "local_id"))
    return [local_ids[item.object_id] for item in found]


def reasons_of(obj: CatalogueObject, local_id: str, lang: str = "en") -> list[str]:
    found = similar_objects(object_id=obj.pk, user=ANONYMOUS)
    for shown in related_objects(found, user=ANONYMOUS, lang=lang):
        if CatalogueObject.objects.get(pk=shown.object_id).local_id == local_id:
            return [reason_line(reason) for reason in shown.reasons]
    raise AssertionError(f"{local_id} is not suggested")


def test_the_object_sharing_most_concepts_comes_first(world: dict[str, Any]) -> None:
    found = suggested(world["NPM-1"])
    assert found[0] == "MET-1"  # three subjects, the maker and the period in common
    assert set(found) == {"MET-1", "VAM-1", "MET-2"}
    # VAM-1 shares "scholar" and, through "horse" and "donkey", the broader "mammal".
    assert found.index("VAM-1") < found.index("MET-2")


def test_each_suggestion_says_why(world: dict[str, Any]) -> None:
    assert reasons_of(world["NPM-1"], "MET-1") == [
        "Shared subjects: donkey, landscape, scholar",
        "Same maker: Qiu Ying",
        "Same period: Ming dynasty",
    ]
    assert reasons_of(world["NPM-1"], "VAM-1")[:2] == [
        "Shared subjects: scholar",
        "Related subjects: mammal",
    ]


def test_reasons_are_in_the_readers_language(world: dict[str, Any]) -> None:
    lines = reasons_of(world["NPM-1"], "MET-1", lang="zh-Hant")
    assert lines[0] == "Shared subjects: 驢, 山水, 士人"
    assert lines[2] == "Same period: 明朝"


def test_objects_of_the_same_institution_are_never_suggested(world: dict[str, Any]) -> None:
    assert "NPM-2" not in suggested(world["NPM-1"])
    assert not [local_id for local_id in suggested(world["MET-1"]) if local_id.startswith("MET")]


def test_private_and_withdrawn_objects_are_never_suggested(
    world: dict[str, Any], make_user: Any
) -> None:
    assert "MET-PRIVATE" not in suggested(world["NPM-1"])
    assert "MET-WITHDRAWN" not in suggested(world["NPM-1"])
    # A secretary sees everything except what was withdrawn.
    secretary = make_user("secretary", is_secretariat=True)
    assert "MET-PRIVATE" in suggested(world["NPM-1"], user=secretary)
    assert "MET-WITHDRAWN" not in suggested(world["NPM-1"], user=secretary)
    assert suggested(world["MET-PRIVATE"]) == []  # anonymous may not see the object itself


def test_a_chinese_title_finds_english_records_through_concept_labels(
    world: dict[str, Any],
) -> None:
    found = suggested(world["NPM-ZH"])
    assert found[:2] in (["MET-1", "MET-2"], ["MET-2", "MET-1"])
    assert "Similar words: 山水 / landscape" in reasons_of(world["NPM-ZH"], "MET-2")


def test_hidden_subjects_leave_the_words_and_the_maker(world: dict[str, Any]) -> None:
    found = suggested(world["NPM-1"], without_subjects=True)
    assert found[0] == "MET-1"  # the maker, the period and the title's words still say so


def test_suggestions_follow_the_index(world: dict[str, Any], make_object: Any) -> None:
    assert "MET-NEW" not in suggested(world["NPM-1"])
    make_object(
        world["MET-1"].institution,
        "MET-NEW",
        titles={"en": "Scholar riding a donkey in a landscape"},
        subjects=[
            {"text": name, "lang": "en", "concept": {"scheme": "cit", "notation": name}}
            for name in ("landscape", "scholar", "donkey")
        ],
        agents=[{"name": {"en": "Qiu Ying"}}],
    )
    index_rebuild(workers=1)
    assert suggested(world["NPM-1"])[0] == "MET-NEW"
    CatalogueObject.objects.filter(local_id="MET-NEW").update(visibility="private")
    assert "MET-NEW" not in suggested(world["NPM-1"])  # read back through the visibility rule


def test_checklist_suggestions_leave_out_listed_objects(world: dict[str, Any]) -> None:
    listed = [world["NPM-1"].pk, world["MET-1"].pk]
    found = checklist_suggestions(object_ids=listed, user=ANONYMOUS)
    ids = {item.object_id for item in found}
    assert world["MET-1"].pk not in ids and world["NPM-1"].pk not in ids
    assert world["NPM-2"].pk in ids  # like MET-1, and held by another institution than the Met


def test_a_suggestion_for_two_checklist_objects_gives_each_kind_of_reason_once() -> None:
    subjects = Reason(ReasonKind.SUBJECTS, (1, 2))
    merged = merged_reasons(
        (subjects, Reason(ReasonKind.MAKER, ("Qiu Ying",))),
        (Reason(ReasonKind.SUBJECTS, (2, 3, 4, 5)), Reason(ReasonKind.MAKER, ("Qiu Ying",))),
    )
    assert merged == (
        Reason(ReasonKind.SUBJECTS, (1, 2, 3, 4)),
        Reason(ReasonKind.MAKER, ("Qiu Ying",)),
    )
