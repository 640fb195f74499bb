import pytest

from caravan.ingest.vocab.cit import chinese_script_tag, parse_dmp, read_cit, read_cit_file

SAMPLE = """SEQ 1
TYPE CIT
ID CIT100
TERM_ZH <CIT>
$
SEQ 2
TYPE CIT
BROADER CIT100
ID CIT101
KW_ZH 龙
; 神龍
; 神龙
TERM_PINYIN long
TERM_EN dragon
; loong
KW_EN serpent king
C CIT102
P CIT100
TERM_ZH 龍
$
SEQ 3
BROADER CIT999
ID CIT102
KW_ZH 气
TERM_EN qi
TERM_ZH 氣
$
"""


def test_parse_dmp_reads_fields_and_continuations():
    records = list(parse_dmp(SAMPLE.splitlines(keepends=True)))

    assert len(records) == 3
    assert records[1]["KW_ZH"] == ["龙", "神龍", "神龙"]
    assert records[1]["TERM_EN"] == ["dragon", "loong"]
    assert records[1]["ID"] == ["CIT101"]
    assert records[0]["TERM_ZH"] == ["<CIT>"]


def test_parse_dmp_keeps_a_last_record_without_its_end_mark():
    records = list(parse_dmp(["ID A1\n", "TERM_EN one\n", "$\n", "ID A2\n", "TERM_EN two\n"]))
    assert [record["ID"] for record in records] == [["A1"], ["A2"]]


def test_read_cit_maps_labels_synonyms_and_broader():
    vocabulary = read_cit(SAMPLE.splitlines())
    concepts = {concept.notation: concept for concept in vocabulary.concepts}

    assert vocabulary.code == "cit"
    dragon = concepts["CIT101"]
    assert dragon.pref_labels == {"zh-Hant": "龍", "zh-Latn-pinyin": "long", "en": "dragon"}
    assert dragon.alt_labels == {
        "en": ["loong", "serpent king"],
        "zh-Hans": ["龙", "神龙"],
        "zh-Hant": ["神龍"],
    }
    assert dragon.broader == ("CIT100",)
    assert concepts["CIT102"].alt_labels == {"zh-Hans": ["气"]}  # 气 beside 氣
    assert concepts["CIT102"].broader == ()  # CIT999 is not in the file


@pytest.mark.parametrize(
    ("text", "tag"),
    [("青铜", "zh-Hans"), ("青銅", "zh-Hant"), ("自然界", "zh"), ("万象", "zh"), ("Nature", "zh")],
)
def test_chinese_script_tag(text, tag):
    assert chinese_script_tag(text) == tag


def test_the_real_thesaurus(cit_thesaurus):
    vocabulary = read_cit_file(cit_thesaurus)
    concepts = {concept.notation: concept for concept in vocabulary.concepts}

    assert len(concepts) == 14844
    assert vocabulary.problems == ()
    nature = concepts["CIT286958"]
    assert nature.pref_labels == {
        "zh-Hant": "自然界",
        "zh-Latn-pinyin": "zi ran jie",
        "en": "Nature",
    }
    assert nature.alt_labels == {
        "zh-Hans": ["万汇", "万象", "万有"],
        "zh-Hant": ["萬匯", "萬象", "萬有"],
    }
    assert nature.broader == ("CIT284490",)
    dragon = concepts["CIT284420"]
    assert dragon.pref_labels == {"zh-Hant": "龍", "zh-Latn-pinyin": "long", "en": "dragon"}
    assert dragon.alt_labels == {"zh-Hans": ["龙", "神龙"], "zh-Hant": ["神龍"]}
    assert dragon.broader == ("CIT0359574",)
    hornless = concepts["CIT283674"]
    assert hornless.pref_labels["en"] == "hornless dragon"
    assert hornless.pref_labels["zh-Hant"] == "螭"
    assert hornless.alt_labels == {"en": ["wyverne"]}
    assert hornless.broader == ("CIT284420",)
    lords = concepts["CIT0360528"]  # two English terms: the first is preferred
    assert lords.pref_labels["en"] == "princes of the state"
    assert lords.alt_labels == {"en": ["feudal lords"], "zh-Hans": ["诸侯"]}
    qi = concepts["CIT0284391"]
    assert qi.alt_labels["zh-Hans"] == ["气"]
    assert qi.alt_labels["en"][:3] == ["effluvium", "breath", "vital breath"]
    assert concepts["CIT284490"].broader == ()  # the root
