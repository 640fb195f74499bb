import json

import pytest

from caravan.catalogue.models import Concept
from caravan.cli import main

from .conftest import FIXTURES

pytestmark = pytest.mark.django_db


def run(capsys, *args):
    try:
        main(list(args))
        code = 0
    except SystemExit as stopped:
        code = stopped.code or 0
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_import_prints_counts_and_is_idempotent(capsys):
    path = str(FIXTURES / "caravanserai.ttl")

    code, out, _ = run(capsys, "vocab", "import", path)
    assert code == 0
    assert out.strip() == "architecture: 4 concepts, 4 created, 0 updated, 0 unchanged"

    code, out, _ = run(capsys, "vocab", "import", path, "--json")
    assert code == 0
    assert json.loads(out) == {
        "scheme": "architecture",
        "concepts": 4,
        "created": 0,
        "updated": 0,
        "unchanged": 4,
        "problems": [],
    }


def test_import_rdf_xml_under_a_chosen_code_and_list(capsys):
    code, _, _ = run(
        capsys, "vocab", "import", str(FIXTURES / "metalwork.rdf"), "--scheme", "metal"
    )
    assert code == 0
    assert Concept.objects.get(scheme__code="metal", notation="MW.1").pref_labels["hy"] == "ձուլում"

    code, out, _ = run(capsys, "vocab", "list", "--json")
    assert code == 0
    assert json.loads(out) == [
        {
            "code": "metal",
            "uri": "https://example.org/vocab/metalwork",
            "titles": {"en": "Metalwork techniques", "hy": "Մետաղամշակման տեխնիկաներ"},
            "concepts": 3,
        }
    ]
    code, out, _ = run(capsys, "vocab", "list")
    assert out.split() == ["metal", "3", "https://example.org/vocab/metalwork"]


def test_import_a_cit_file_by_its_extension(capsys, tmp_path):
    path = tmp_path / "mini.dmp"
    path.write_text("ID CIT1\nTERM_ZH 龍\nTERM_EN dragon\n$\n", encoding="utf-8")

    code, out, _ = run(capsys, "vocab", "import", str(path), "--json")

    assert code == 0
    assert json.loads(out)["scheme"] == "cit"
    assert Concept.objects.get(scheme__code="cit", notation="CIT1").pref_labels == {
        "zh-Hant": "龍",
        "en": "dragon",
    }


def test_unsafe_and_unknown_files_end_with_one_line(capsys, tmp_path):
    unsafe = tmp_path / "unsafe.rdf"
    unsafe.write_text(
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>',
        encoding="utf-8",
    )
    code, _, err = run(capsys, "vocab", "import", str(unsafe))
    assert code == 1
    refusal = "refused: the document declares XML entities, which are not allowed"
    assert err == f"caravan: unsafe.rdf: {refusal}\n"

    unknown = tmp_path / "terms.csv"
    unknown.write_text("a,b\n", encoding="utf-8")
    code, _, err = run(capsys, "vocab", "import", str(unknown))
    assert code == 1
    assert "give --format" in err and err.count("\n") == 1
    assert not Concept.objects.exists()


def test_list_with_no_vocabularies(capsys):
    code, out, _ = run(capsys, "vocab", "list")
    assert code == 0
    assert "no vocabularies yet" in out
