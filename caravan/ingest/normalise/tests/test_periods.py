import pytest

from caravan.ingest.normalise import gazetteer
from caravan.ingest.normalise.periods import LANGUAGES

PERIODS = gazetteer().all()


def test_gazetteer_has_enough_periods_with_unique_ids():
    ids = [period.id for period in PERIODS]
    assert len(ids) >= 60
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("period", PERIODS, ids=lambda period: period.id)
def test_every_period_is_labelled_in_all_seven_languages(period):
    for lang in LANGUAGES:
        labels = period.labels.get(lang, ())
        assert labels, f"{period.id} has no {lang} label"
        assert all(label.strip() == label and label for label in labels)


@pytest.mark.parametrize("period", PERIODS, ids=lambda period: period.id)
def test_years_are_ordered_and_children_lie_within_their_parent(period):
    assert period.earliest <= period.latest
    assert period.earliest != 0 and period.latest != 0  # there is no year zero
    assert period.region
    if period.parent:
        parent = gazetteer().get(period.parent)
        assert parent is not None, f"{period.id}: unknown parent {period.parent}"
        assert parent.contains(period.earliest, period.latest)


def test_required_periods_are_present():
    required = {
        "xia", "shang", "erligang", "shang-late", "western-zhou", "eastern-zhou",
        "spring-and-autumn", "warring-states", "qin", "western-han", "xin", "eastern-han",
        "cao-wei", "shu-han", "eastern-wu", "western-jin", "eastern-jin", "sixteen-kingdoms",
        "northern-wei", "eastern-wei", "western-wei", "northern-qi", "northern-zhou", "liu-song",
        "southern-qi", "liang", "chen", "sui", "tang", "five-dynasties", "liao",
        "northern-song", "southern-song", "jin-jurchen", "western-xia", "yuan", "ming", "qing",
        "republic-of-china", "hongwu", "yongle", "xuande", "chenghua", "hongzhi", "zhengde",
        "jiajing", "longqing", "wanli", "chongzhen", "shunzhi", "kangxi", "yongzheng",
        "qianlong", "jiaqing", "daoguang", "xianfeng", "tongzhi", "guangxu", "xuantong",
        "yangshao", "longshan", "liangzhu", "hongshan", "urartu", "median", "achaemenid",
        "seleucid", "parthian", "kushan", "sasanian", "sogdian", "umayyad", "abbasid",
        "samanid", "ghaznavid", "seljuk", "ilkhanid", "timurid", "safavid", "afsharid", "zand",
        "qajar", "pahlavi", "artaxiad", "arsacid-armenia", "bagratid-armenia",
        "cilician-armenia", "khwarazmian", "golden-horde", "kazakh-khanate", "mughal",
        "ottoman",
    }  # fmt: skip
    assert required <= {period.id for period in PERIODS}


@pytest.mark.parametrize(
    ("period_id", "earliest", "latest"),
    [
        ("qing", 1644, 1911),
        ("ming", 1368, 1644),
        ("tang", 618, 907),
        ("western-han", -206, 9),
        ("warring-states", -475, -221),
        ("achaemenid", -550, -330),
        ("sasanian", 224, 651),
        ("urartu", -860, -590),
        ("safavid", 1501, 1736),
        ("qianlong", 1736, 1795),
        ("kangxi", 1662, 1722),
        ("yongle", 1403, 1424),
    ],
)
def test_conventional_years(period_id, earliest, latest):
    period = gazetteer().get(period_id)
    assert (period.earliest, period.latest) == (earliest, latest)


@pytest.mark.parametrize(
    ("text", "lang", "period_id"),
    [
        ("Qing", None, "qing"),
        ("Qing dynasty", None, "qing"),
        ("QING DYNASTY", None, "qing"),
        ("  the Qing dynasty ", None, "qing"),
        ("Ch'ing", None, "qing"),
        ("Ch’ing period", None, "qing"),
        ("清代", None, "qing"),
        ("清朝", None, "qing"),
        ("大清", None, "qing"),
        ("Цин", "ru", "qing"),
        ("династия Цин", None, "qing"),
        ("دودمان چینگ", "fa", "qing"),
        ("سلالة تشينغ", "ar", "qing"),
        ("Ցին", "hy", "qing"),
        ("Ch'in dynasty", None, "qin"),
        ("Chin dynasty", None, "jin"),
        ("秦", None, "qin"),
        ("Achaemenid period", None, "achaemenid"),
        ("هخامنشیان", None, "achaemenid"),
        ("دوره هخامنشی", None, "achaemenid"),
        ("Ахемениды", None, "achaemenid"),
        ("الأخمينيون", None, "achaemenid"),
        ("الاخمينيون", None, "achaemenid"),  # hamza dropped
        ("Աքեմենյաններ", None, "achaemenid"),
        ("Sassanid", None, "sasanian"),
        ("ساسانيان", None, "sasanian"),  # Arabic yeh in a Persian word
        ("Qianlong reign", None, "qianlong"),
        ("Qianlong mark and period", None, "qianlong"),
        ("乾隆年間", None, "qianlong"),
        ("Yung-lo", None, "yongle"),
        ("یونگ له", None, "yongle"),  # a space for the zero-width non-joiner
        ("Kingdom of Van", None, "urartu"),
        ("Ванское царство", None, "urartu"),
        ("Cilician Armenia", None, "cilician-armenia"),
        ("Կիլիկիայի հայկական թագավորություն", None, "cilician-armenia"),
        ("Golden Horde", None, "golden-horde"),
        ("Золотая Орда", None, "golden-horde"),
        ("Ottoman Empire", None, "ottoman"),
        ("Spring and Autumn period", None, "spring-and-autumn"),
        ("春秋时期", None, "spring-and-autumn"),
    ],
)
def test_find_matches_whole_labels_in_any_language(text, lang, period_id):
    found = gazetteer().find(text, lang)
    assert found is not None and found.id == period_id


@pytest.mark.parametrize(
    "text", ["", "Jin", "Цзинь", "dynasty", "Qing porcelain", "Qingbai", "Ming vase", "China"]
)
def test_find_refuses_unknown_and_ambiguous_names(text):
    assert gazetteer().find(text) is None


def test_label_gives_the_preferred_name_per_language():
    qing = gazetteer().get("qing")
    assert qing.label("en") == "Qing dynasty"
    assert qing.label("zh-Hant") == "清朝"
    assert qing.label("fa") == "دودمان چینگ"
    assert qing.label("xx") == "Qing dynasty"


def test_ancestors_walk_up_the_hierarchy():
    yongle = gazetteer().get("yongle")
    assert yongle is not None
    assert [period.id for period in gazetteer().ancestors(yongle)] == ["ming"]
    northern_qi = gazetteer().get("northern-qi")
    assert northern_qi is not None
    assert [period.id for period in gazetteer().ancestors(northern_qi)] == [
        "northern-dynasties",
        "northern-and-southern-dynasties",
    ]
