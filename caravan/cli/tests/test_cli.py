import json

import pytest

from caravan.cli import main
from caravan.institutions.models import Alliance, Institution, Membership

pytestmark = pytest.mark.django_db


def run(capsys, *args):
    """Run the caravan command in-process (on the test database); return code, out, err."""
    try:
        main(list(args))
        code = 0
    except SystemExit as stopped:
        code = stopped.code or 0
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_institution_add_and_list(capsys):
    code, out, _ = run(
        capsys,
        "institution",
        "add",
        "shaanxi",
        "--name",
        "Shaanxi History Museum",
        "--name",
        "zh-Hans=陕西历史博物馆",
        "--country",
        "CN",
        "--type",
        "history",
    )
    assert code == 0, out
    assert Institution.objects.get(code="shaanxi").names == {
        "en": "Shaanxi History Museum",
        "zh-Hans": "陕西历史博物馆",
    }
    code, out, _ = run(capsys, "institution", "list", "--json")
    assert code == 0
    assert json.loads(out) == [
        {
            "code": "shaanxi",
            "names": {"en": "Shaanxi History Museum", "zh-Hans": "陕西历史博物馆"},
            "country": "CN",
            "type": "history",
            "city": {},
            "website": "",
        }
    ]


@pytest.mark.parametrize(
    ("country_arguments", "reason"),
    [
        (["--country", "XX"], "'XX' is not an ISO 3166-1 alpha-2 country code"),
        (["--country", "China"], "'China' is not an ISO 3166-1 alpha-2 country code"),
        ([], "Missing option '--country'"),
    ],
)
def test_institution_add_refuses_a_bad_country_and_writes_nothing(
    capsys, country_arguments, reason
):
    code, out, err = run(capsys, "institution", "add", "x", "--name", "X", *country_arguments)
    assert code != 0
    assert reason in err
    assert err.count("\n") == 1  # one line
    assert out == ""
    assert not Institution.objects.exists()


def test_bad_name_language_tag_is_one_line(capsys):
    code, _, err = run(
        capsys, "institution", "add", "x", "--name", "X", "--lang", "not a tag", "--country", "CN"
    )
    assert code == 1
    assert "not a valid BCP-47 language tag" in err
    assert not Institution.objects.exists()


def test_alliance_add_and_list_json_has_codes(capsys):
    assert (
        run(capsys, "institution", "add", "palace", "--name", "Palace Museum", "--country", "CN")[0]
        == 0
    )
    code, _, err = run(
        capsys,
        "alliance",
        "add",
        "silk",
        "--name",
        "Silk Road Alliance",
        "--name",
        "ru=Альянс музеев Шёлкового пути",
        "--acronym",
        "IAMS",
        "--founded",
        "2017-05-18",
        "--secretariat",
        "palace",
    )
    assert code == 0, err
    code, out, _ = run(capsys, "alliance", "list", "--json")
    listed = json.loads(out)
    assert isinstance(listed, list)
    assert [item["code"] for item in listed] == ["silk"]
    assert listed[0]["secretariat"] == "palace"
    assert listed[0]["founded"] == "2017-05-18"


def test_member_add_links_institution_and_alliance_with_a_role(capsys):
    run(capsys, "institution", "add", "palace", "--name", "Palace Museum", "--country", "CN")
    run(capsys, "alliance", "add", "silk", "--name", "Silk Road Alliance")
    code, out, err = run(
        capsys,
        "member",
        "add",
        "palace",
        "silk",
        "--role",
        "president",
        "--since",
        "2021-09-01",
        "--json",
    )
    assert code == 0, err
    assert json.loads(out)["role"] == "president"
    membership = Membership.objects.get()
    assert (membership.role, str(membership.start_date)) == ("president", "2021-09-01")
    code, _, err = run(capsys, "member", "add", "palace", "silk")
    assert code == 1
    assert "already has a current membership" in err
    code, _, err = run(capsys, "member", "add", "nowhere", "silk")
    assert code == 1
    assert "no institution with code 'nowhere'" in err
    code, out, _ = run(capsys, "alliance", "list", "--json")
    assert json.loads(out)[0]["members"] == 1


def test_member_add_refuses_an_unknown_role(capsys):
    code, _, err = run(capsys, "member", "add", "palace", "silk", "--role", "emperor")
    assert code == 2
    assert "'emperor' is not one of" in err
    assert not Alliance.objects.exists()


def test_objects_stats_counts_per_institution_and_language(capsys, make_institution, make_object):
    museum = make_institution("npm", country="TW")
    make_object(museum, "1", titles={"en": "Mirror", "zh-Hant": "銅鏡"})
    make_object(museum, "2", titles={"zh-Hant": "山水"})
    code, out, _ = run(capsys, "objects", "stats", "--json")
    assert code == 0
    assert json.loads(out) == {
        "total": 2,
        "withdrawn": 0,
        "by_institution": {"npm": 2},
        "by_title_language": {"zh-Hant": 2, "en": 1},
    }


def test_every_command_has_help(capsys):
    from caravan.cli.base import root

    def commands(group, path):
        for name, command in group.commands.items():
            yield [*path, name]
            if hasattr(command, "commands"):
                yield from commands(command, [*path, name])

    for path in commands(root, []):
        code, out, _ = run(capsys, *path, "--help")
        assert code == 0, path
        assert out.startswith("Usage: caravan " + " ".join(path)), path


def test_member_change_and_end_keep_the_history(capsys):
    run(capsys, "institution", "add", "palace", "--name", "Palace Museum", "--country", "CN")
    run(capsys, "alliance", "add", "silk", "--name", "Silk Road Alliance")
    run(capsys, "member", "add", "palace", "silk", "--since", "2019-05-01")
    code, _, err = run(
        capsys, "member", "change", "palace", "silk", "--role", "convener", "--on", "2023-01-01"
    )
    assert code == 0, err
    code, _, err = run(capsys, "member", "end", "palace", "silk", "--on", "2025-06-30")
    assert code == 0, err
    code, out, _ = run(capsys, "member", "list", "--history", "--json")
    periods = [
        (row["role"], row["status"], row["start_date"], row["end_date"]) for row in json.loads(out)
    ]
    assert periods == [
        ("member", "member", "2019-05-01", "2023-01-01"),
        ("convener", "member", "2023-01-01", "2025-06-30"),
        ("convener", "withdrawn", "2025-06-30", "2025-06-30"),
    ]
    code, _, err = run(capsys, "member", "change", "palace", "silk", "--role", "member")
    assert code == 1
    assert "no current membership" in err
    code, _, err = run(capsys, "member", "change", "palace", "silk")
    assert code == 1
    assert "give --role, --status or both" in err
