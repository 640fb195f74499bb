"""`caravan search`: public records for anyone, one line per hit, or one JSON object."""

import json

import pytest

from caravan.cli import main

pytestmark = pytest.mark.django_db
MIRROR_TYPE = {
    "text": "bronze mirror",
    "lang": "en",
    "concept": {
        "scheme": "test-types",
        "notation": "mirror",
        "labels": {"en": "bronze mirror", "zh-Hans": "铜镜"},
    },
}


def run(capsys, *args):
    try:
        main(list(args))
        code = 0
    except SystemExit as stopped:
        code = stopped.code or 0
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def mirrors(alliance_world, make_object):
    palace = alliance_world["palace"]
    make_object(
        palace,
        "NPM-1",
        titles={"zh-Hant": "蓮花紋銅鏡", "en": "Mirror with lotus"},
        object_types=[MIRROR_TYPE],
    )
    make_object(palace, "NPM-2", titles={"en": "Mirror with dragons"}, object_types=[MIRROR_TYPE])
    make_object(
        alliance_world["outsider"],
        "LV-9",
        titles={"en": "Mirror kept private"},
        object_types=[MIRROR_TYPE],
        visibility="private",
    )
    return alliance_world


def test_json_lists_public_hits_with_why_they_matched(capsys, mirrors):
    code, out, err = run(capsys, "search", "铜镜", "--json")
    assert (code, err) == (0, "")
    answer = json.loads(out)
    assert answer["count"] == 2
    assert sorted((hit["institution"], hit["local_identifier"]) for hit in answer["results"]) == [
        ("palace", "NPM-1"),
        ("palace", "NPM-2"),
    ]
    hit = next(hit for hit in answer["results"] if hit["local_identifier"] == "NPM-1")
    assert set(hit) == {"id", "institution", "local_identifier", "title", "matched"}
    assert hit["title"] == "Mirror with lotus"
    concepts = [match for match in hit["matched"] if match["kind"] == "concept"]
    assert concepts and "铜镜" in concepts[0]["label"]
    assert isinstance(concepts[0]["concept_id"], int)


def test_text_prints_one_line_per_hit_then_the_count(capsys, mirrors):
    code, out, _ = run(capsys, "search", "lotus")
    assert code == 0
    lines = out.splitlines()
    assert lines == ["palace\tNPM-1\tMirror with lotus", "1 object"]


def test_a_concept_match_is_named_on_the_line(capsys, mirrors):
    _, out, _ = run(capsys, "search", "铜镜", "--limit", "1")
    first, count = out.splitlines()
    assert first.startswith("palace\tNPM-")
    assert "\tvia " in first and "铜镜" in first
    assert count == "2 objects (showing 1)"


def test_lang_chooses_the_title_shown(capsys, mirrors):
    _, out, _ = run(capsys, "search", "lotus", "--lang", "zh-Hant", "--json")
    assert [hit["title"] for hit in json.loads(out)["results"]] == ["蓮花紋銅鏡"]


def test_an_empty_query_lists_what_an_anonymous_reader_may_see(capsys, alliance_world):
    _, out, _ = run(capsys, "search", "", "--json", "--limit", "100")
    assert sorted(hit["local_identifier"] for hit in json.loads(out)["results"]) == [
        "hermitage-public",
        "louvre-public",
        "matenadaran-public",
        "palace-public",
    ]


def test_as_user_adds_what_that_user_may_see(capsys, mirrors, make_user):
    make_user("marie", institution=mirrors["outsider"])
    _, out, _ = run(capsys, "search", "mirror", "--as-user", "marie", "--json")
    found = sorted(hit["local_identifier"] for hit in json.loads(out)["results"])
    assert found == ["LV-9", "NPM-1", "NPM-2"]


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["--as-user", "nobody"], "caravan: no active user named 'nobody'\n"),
        (["--lang", "!!"], "caravan: '!!' is not a valid BCP-47 language tag\n"),
    ],
)
def test_bad_input_ends_with_one_line(capsys, db, args, reason):
    code, out, err = run(capsys, "search", "mirror", *args)
    assert (code, out, err) == (1, "", reason)


def test_limit_is_at_most_100(capsys, db):
    code, _, err = run(capsys, "search", "mirror", "--limit", "101")
    assert code == 2
    assert "101 is not in the range 1<=x<=100" in err
