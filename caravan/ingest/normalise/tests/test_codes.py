import pytest

from caravan.core.codes import is_rights_uri
from caravan.ingest.normalise import to_bcp47, to_country_code, to_rights_uri


@pytest.mark.parametrize(
    ("code", "tag"),
    [
        ("en", "en"),
        ("EN", "en"),
        ("eng", "en"),
        ("fre", "fr"),
        ("fra", "fr"),
        ("ger", "de"),
        ("chi", "zh"),
        ("zho", "zh"),
        ("arm", "hy"),
        ("hye", "hy"),
        ("per", "fa"),
        ("fas", "fa"),
        ("ice", "is"),
        ("rus", "ru"),
        ("ara", "ar"),
        ("zh_CN", "zh-CN"),
        ("zh-TW", "zh-TW"),
        ("ZH-hant", "zh-Hant"),
        ("zh-hans-cn", "zh-Hans-CN"),
        ("cmn-Hans", "zh-Hans"),
        ("en_gb", "en-GB"),
        (" ru ", "ru"),
        ("English", "en"),
        ("中文", "zh"),
    ],
)
def test_to_bcp47(code, tag):
    assert to_bcp47(code) == tag


@pytest.mark.parametrize("code", ["", " ", "garbage", "xx", "123", "e", "und", "zxx", "x-private"])
def test_to_bcp47_refuses_what_names_no_language(code):
    assert to_bcp47(code) is None


INC = "http://rightsstatements.org/vocab/InC/1.0/"


@pytest.mark.parametrize(
    ("value", "uri"),
    [
        (INC, INC),
        ("https://rightsstatements.org/vocab/InC/1.0/", INC),
        ("http://rightsstatements.org/vocab/InC/1.0", INC),
        ("http://rightsstatements.org/page/InC/1.0/?language=en", INC),
        ("rightsstatements.org/vocab/inc/1.0/", INC),
        (
            "http://rightsstatements.org/page/NoC-OKLR/1.0/?language=de",
            "http://rightsstatements.org/vocab/NoC-OKLR/1.0/",
        ),
        ("In Copyright", INC),
        ("InC", INC),
        ("InC-EDU", "http://rightsstatements.org/vocab/InC-EDU/1.0/"),
        ("Copyright Not Evaluated", "http://rightsstatements.org/vocab/CNE/1.0/"),
        ("No Copyright – United States", "http://rightsstatements.org/vocab/NoC-US/1.0/"),
        ("http://www.europeana.eu/rights/rr-f/", INC),
        ("http://www.europeana.eu/rights/rr-p/", INC),
        ("http://www.europeana.eu/rights/rr-r/", INC),
        ("rr-r", INC),
        ("http://www.europeana.eu/rights/unknown/", "http://rightsstatements.org/vocab/CNE/1.0/"),
        (
            "http://www.europeana.eu/rights/out-of-copyright-non-commercial/",
            "http://rightsstatements.org/vocab/NoC-NC/1.0/",
        ),
        ("CC0", "http://creativecommons.org/publicdomain/zero/1.0/"),
        ("CC0 1.0", "http://creativecommons.org/publicdomain/zero/1.0/"),
        (
            "http://creativecommons.org/publicdomain/zero/1.0/",
            "http://creativecommons.org/publicdomain/zero/1.0/",
        ),
        (
            "http://creativecommons.org/publicdomain/zero/1.0/deed.de",
            "http://creativecommons.org/publicdomain/zero/1.0/",
        ),
        ("Public Domain Mark", "http://creativecommons.org/publicdomain/mark/1.0/"),
        (
            "http://creativecommons.org/publicdomain/mark/1.0/",
            "http://creativecommons.org/publicdomain/mark/1.0/",
        ),
        ("CC BY 4.0", "http://creativecommons.org/licenses/by/4.0/"),
        ("CC-BY-SA-4.0", "http://creativecommons.org/licenses/by-sa/4.0/"),
        ("CC BY-NC-ND 3.0", "http://creativecommons.org/licenses/by-nc-nd/3.0/"),
        ("cc-by-nc-nd-3.0-nl", "http://creativecommons.org/licenses/by-nc-nd/3.0/nl/"),
        (
            "http://creativecommons.org/licenses/by-sa/3.0",
            "http://creativecommons.org/licenses/by-sa/3.0/",
        ),
        (
            "http://creativecommons.org/licenses/by-nc-nd/3.0/nl/",
            "http://creativecommons.org/licenses/by-nc-nd/3.0/nl/",
        ),
        (
            "http://creativecommons.org/licenses/by/4.0/legalcode",
            "http://creativecommons.org/licenses/by/4.0/",
        ),
    ],
)
def test_to_rights_uri(value, uri):
    assert to_rights_uri(value) == uri
    assert is_rights_uri(uri)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "All rights reserved",
        "CC BY",  # which version?
        "http://creativecommons.org/licenses/by/5.0/",
        "http://creativecommons.org/licenses/by-xx/4.0/",
        "http://rightsstatements.org/vocab/FOO/1.0/",
        "http://www.europeana.eu/rights/whatever/",
        "https://example.org/licence",
    ],
)
def test_to_rights_uri_refuses_unknown(value):
    assert to_rights_uri(value) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("CN", "CN"),
        ("cn", "CN"),
        ("CHN", "CN"),
        ("arm", "AM"),
        ("China", "CN"),
        ("People's Republic of China", "CN"),
        ("Iran", "IR"),
        ("Persia", "IR"),
        ("Russia", "RU"),
        ("Russian Federation", "RU"),
        ("South Korea", "KR"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("United Arab Emirates", "AE"),
        ("UAE", "AE"),
        ("UK", "GB"),
        ("Hungary", "HU"),  # pycountry's English names
        ("the Netherlands", "NL"),
        ("中国", "CN"),
        ("中國", "CN"),
        ("伊朗", "IR"),
        ("哈萨克斯坦", "KZ"),
        ("烏茲別克", "UZ"),
        ("Китай", "CN"),
        ("Казахстан", "KZ"),
        ("Армения", "AM"),
        ("الصين", "CN"),
        ("مصر", "EG"),
        ("المملكة العربية السعودية", "SA"),
        ("ایران", "IR"),
        ("ازبکستان", "UZ"),
        ("ارمنستان", "AM"),
        ("Հայաստան", "AM"),
        ("Չինաստան", "CN"),
        ("Վրաստան", "GE"),
        ("Шри-Ланка", "LK"),
        ("سری لانکا", "LK"),
    ],
)
def test_to_country_code(text, code):
    assert to_country_code(text) == code


@pytest.mark.parametrize("text", ["", "XX", "ZZZ", "Narnia", "Korea", "Silk Road", "Asia"])
def test_to_country_code_refuses_unknown(text):
    assert to_country_code(text) is None
