import pytest
from django.core.exceptions import ValidationError

from caravan.core.codes import country_name, is_rights_uri, rights_label, validate_country_code


@pytest.mark.parametrize("code", ["CN", "AM", "KZ", "IR", "RS"])
def test_assigned_country_codes_pass(code):
    validate_country_code(code)


@pytest.mark.parametrize("code", ["", "XX", "cn", "CHN", "C1", "ZZ"])
def test_unassigned_or_misspelt_country_codes_are_refused(code):
    with pytest.raises(ValidationError):
        validate_country_code(code)


def test_country_names_are_translated():
    assert country_name("CN") == "China"
    assert country_name("CN", "zh-hans") == "中国"
    assert country_name("AM", "ru") == "Армения"
    assert country_name("QQ") == "QQ"


@pytest.mark.parametrize(
    "uri",
    [
        "http://rightsstatements.org/vocab/InC/1.0/",
        "http://rightsstatements.org/vocab/CNE/1.0/",
        "http://creativecommons.org/publicdomain/zero/1.0/",
        "https://creativecommons.org/licenses/by-sa/4.0/",
        "http://creativecommons.org/licenses/by-nc-nd/3.0/nl/",
        "http://creativecommons.org/publicdomain/mark/1.0/",
    ],
)
def test_rights_uris(uri):
    assert is_rights_uri(uri)


@pytest.mark.parametrize(
    "uri",
    [
        "All rights reserved",
        "http://rightsstatements.org/vocab/XYZ/1.0/",
        "https://creativecommons.org/licenses/by/5.0/",
        "http://example.org/",
    ],
)
def test_not_rights_uris(uri):
    assert not is_rights_uri(uri)


@pytest.mark.parametrize(
    ("uri", "label"),
    [
        ("http://rightsstatements.org/vocab/CNE/1.0/", "Copyright Not Evaluated"),
        (
            "http://rightsstatements.org/vocab/InC-EDU/1.0/",
            "In Copyright – Educational Use Permitted",
        ),
        ("https://creativecommons.org/licenses/by-sa/4.0/", "CC BY-SA 4.0"),
        ("http://creativecommons.org/licenses/by-nc-nd/3.0/nl/", "CC BY-NC-ND 3.0 (NL)"),
        ("http://creativecommons.org/publicdomain/zero/1.0/", "CC0 1.0"),
        ("http://creativecommons.org/publicdomain/mark/1.0/", "Public Domain Mark 1.0"),
        ("http://example.org/x", "http://example.org/x"),
    ],
)
def test_rights_labels(uri, label):
    assert rights_label(uri) == label
