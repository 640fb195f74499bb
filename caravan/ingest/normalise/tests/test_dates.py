import pytest

from caravan.ingest.normalise import YearSpan, parse_date

ENGLISH = [
    ("1650", 1650, 1650, None),
    ("c. 1650", 1650, 1650, None),
    ("ca. 1650", 1650, 1650, None),
    ("ca 1650", 1650, 1650, None),
    ("circa 1650", 1650, 1650, None),
    ("about 1800", 1800, 1800, None),
    ("1650?", 1650, 1650, None),
    ("[1650]", 1650, 1650, None),
    ("1368-1644", 1368, 1644, None),
    ("1368–1644", 1368, 1644, None),
    ("1368 - 1644", 1368, 1644, None),
    ("1542-43", 1542, 1543, None),
    ("1911-12", 1911, 1912, None),
    ("1650 to 1700", 1650, 1700, None),
    ("between 1650 and 1700", 1650, 1700, None),
    ("3rd century BC", -300, -201, None),
    ("3rd century BCE", -300, -201, None),
    ("3rd–2nd century BC", -300, -101, None),
    ("1st century BC", -100, -1, None),
    ("1st century", 1, 99, None),
    ("18th century", 1700, 1799, None),
    ("18th-19th century", 1700, 1899, None),
    ("17th c.", 1600, 1699, None),
    ("early 17th century", 1600, 1633, None),
    ("mid-18th century", 1734, 1766, None),
    ("late 17th century", 1667, 1699, None),
    ("late 17th–early 18th century", 1667, 1733, None),
    ("first half of the 16th century", 1500, 1549, None),
    ("second half of the 16th century", 1550, 1599, None),
    ("first quarter of the 19th century", 1800, 1824, None),
    ("1650s", 1650, 1659, None),
    ("1600s", 1600, 1699, None),
    ("4th millennium BC", -4000, -3001, None),
    ("221 BC", -221, -221, None),
    ("206 B.C.", -206, -206, None),
    ("1 BC", -1, -1, None),
    ("AD 1", 1, 1, None),
    ("206 BC–AD 220", -206, 220, None),
    ("AD 618–907", 618, 907, None),
    ("300–200 BC", -300, -200, None),
    ("300 BC-200", -300, -200, None),
    ("206 BC-220", -206, 220, None),  # CIT: a BCE start and an unmarked CE end
    ("25-220", 25, 220, None),
    ("5th century BC-AD 1st century", -500, 99, None),
    ("1650-03-01", 1650, 1650, None),
    ("1650-03-01/1700-12-31", 1650, 1700, None),
    ("1650/1700", 1650, 1700, None),
    ("(1650-1700)", 1650, 1700, None),
    ("March 1650", 1650, 1650, None),
    ("1 March 1650", 1650, 1650, None),
    ("March 1, 1650", 1650, 1650, None),
    ("01.03.1650", 1650, 1650, None),
]

CHINESE = [
    ("公元前3世纪", -300, -201, None),
    ("公元前221年", -221, -221, None),
    ("公元前221—前206年", -221, -206, None),
    ("前3世纪", -300, -201, None),
    ("公元618—907年", 618, 907, None),
    ("约1650年", 1650, 1650, None),
    ("1650年左右", 1650, 1650, None),
    ("1650年", 1650, 1650, None),
    ("1650年3月1日", 1650, 1650, None),
    ("17世纪", 1600, 1699, None),
    ("十七世纪", 1600, 1699, None),
    ("17世紀", 1600, 1699, None),
    ("二十世纪", 1900, 1999, None),
    ("17—18世纪", 1600, 1799, None),
    ("18世纪中叶", 1734, 1766, None),
    ("17世纪初", 1600, 1633, None),
    ("19世纪下半叶", 1850, 1899, None),
    ("1650年代", 1650, 1659, None),
    ("公元前5千纪", -5000, -4001, None),
    ("清", 1644, 1911, "qing"),
    ("清代", 1644, 1911, "qing"),
    ("清朝", 1644, 1911, "qing"),
    ("大清", 1644, 1911, "qing"),
    ("明永乐", 1403, 1424, "yongle"),
    ("明永樂年間", 1403, 1424, "yongle"),
    ("乾隆年间", 1736, 1795, "qianlong"),
    ("清乾隆", 1736, 1795, "qianlong"),
    ("大清乾隆年制", 1736, 1795, "qianlong"),
    ("清代乾隆年间", 1736, 1795, "qianlong"),
    ("西周", -1046, -771, "western-zhou"),
    ("战国", -475, -221, "warring-states"),
    ("戰國時期", -475, -221, "warring-states"),
    ("北魏", 386, 534, "northern-wei"),
    ("唐代", 618, 907, "tang"),
    ("南宋", 1127, 1279, "southern-song"),
    ("商代晚期", -1300, -1046, "shang-late"),
    ("良渚文化", -3300, -2300, "liangzhu"),
    ("清初", 1644, 1733, "qing"),
    ("明晚期", 1553, 1644, "ming"),
    ("明末清初", 1553, 1733, None),
]

PERIODS_AND_OTHER_LANGUAGES = [
    ("Qing dynasty", 1644, 1911, "qing"),
    ("Ch'ing dynasty", 1644, 1911, "qing"),
    ("Ming dynasty, Yongle period (1403-1424)", 1403, 1424, "yongle"),
    ("Ming dynasty (1368–1644), Chenghua mark and period (1465–87)", 1465, 1487, "chenghua"),
    ("Tang dynasty (618–907)", 618, 907, "tang"),
    ("Han dynasty (206 B.C.–A.D. 220)", -206, 220, "han"),
    ("Shang dynasty, Anyang period", -1300, -1046, "shang-late"),
    ("Jin dynasty (1115–1234)", 1115, 1234, "jin-jurchen"),
    ("Achaemenid period", -550, -330, "achaemenid"),
    ("Sasanian", 224, 651, "sasanian"),
    ("Sasanian, 5th–6th century", 400, 599, "sasanian"),
    ("Qianlong mark and period", 1736, 1795, "qianlong"),
    ("late Ming", 1553, 1644, "ming"),
    ("Ming–Qing", 1368, 1911, None),
    ("Safavid, 17th century", 1600, 1699, "safavid"),
    ("XVII век", 1600, 1699, None),
    ("XVII в.", 1600, 1699, None),
    ("XVII–XVIII вв.", 1600, 1799, None),
    ("1650-е годы", 1650, 1659, None),
    ("середина XVIII века", 1734, 1766, None),
    ("III тысячелетие до н. э.", -3000, -2001, None),
    ("V в. до н. э.", -500, -401, None),
    ("1650 г.", 1650, 1650, None),
    ("династия Цин", 1644, 1911, "qing"),
    ("Ахемениды", -550, -330, "achaemenid"),
    ("هخامنشیان", -550, -330, "achaemenid"),
    ("دوره صفوی", 1501, 1736, "safavid"),
    ("سلالة تانغ", 618, 907, "tang"),
    ("العصر العباسي", 750, 1258, "abbasid"),
    ("Ուրարտու", -860, -590, "urartu"),
    ("um 1600", 1600, 1600, None),  # German, as in the DDB LIDO records
    ("211-244 n. Chr.", 211, 244, None),
    ("500-400 v. Chr.", -500, -400, None),
    ("2. Hälfte 20. Jahrhundert", 1950, 1999, None),
    ("15. Mai 2014", 2014, 2014, None),
    ("1869년 03월 10일", 1869, 1869, None),
    ("۱۶۵۰", 1650, 1650, None),
    ("١٦٥٠م", 1650, 1650, None),
]


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "period"), ENGLISH + CHINESE + PERIODS_AND_OTHER_LANGUAGES
)
def test_parse_date_reads_years_and_periods(text, earliest, latest, period):
    assert parse_date(text) == YearSpan(earliest, latest, period)


UNREADABLE = [
    "",
    "   ",
    "unknown",
    "n.d.",
    "undated",
    "19",
    "7",
    "1650-1640",  # ends before it starts
    "before 1650",
    "after 1650",
    "18th century or later",
    "Jin",  # two dynasties
    "Jin dynasty",
    "Цзинь",
    "Tang, Qianlong",  # periods that do not overlap
    "Tang dynasty (1736–1795)",  # years outside the period
    "-1921",  # an open range
    "1650-1700-1750",
    "17th",
    "Qing dynasty, made in Jingdezhen",
    "3000",  # in the future
    "12-15",
    "-31.12.1921",
    "190X",
    "17??",
]


@pytest.mark.parametrize("text", UNREADABLE)
def test_parse_date_returns_none_when_unsure(text):
    assert parse_date(text) is None


def test_language_hint_resolves_a_label_shared_between_languages():
    assert parse_date("清", lang="zh-Hant") == YearSpan(1644, 1911, "qing")
    assert parse_date("Yongle", lang="en") == YearSpan(1403, 1424, "yongle")


def test_year_span_is_a_tuple_of_years_and_period():
    span = parse_date("清乾隆")
    assert span is not None
    earliest, latest, period = span
    assert (earliest, latest, period) == (1736, 1795, "qianlong")
