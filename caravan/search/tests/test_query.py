from caravan.search.query import Clause, parse_query


def texts(query: str) -> list[list[str]]:
    return [[clause.text for clause in group] for group in parse_query(query).groups]


def test_words_are_required_one_by_one() -> None:
    assert texts("bronze  mirror") == [["bronze"], ["mirror"]]


def test_quotes_make_a_phrase_and_an_unclosed_quote_runs_to_the_end() -> None:
    assert parse_query('"bronze mirror" tang').groups == [
        [Clause("bronze mirror", phrase=True)],
        [Clause("tang")],
    ]
    assert parse_query('"bronze mirror').groups == [[Clause("bronze mirror", phrase=True)]]


def test_or_joins_neighbours_into_alternatives() -> None:
    assert texts("mirror OR bell OR 镜 tang") == [["mirror", "bell", "镜"], ["tang"]]
    assert texts("OR mirror") == [["mirror"]]  # nothing before it to join
    assert texts("mirror or bell") == [["mirror"], ["or"], ["bell"]]  # only upper-case OR


def test_a_leading_minus_excludes() -> None:
    parsed = parse_query('mirror -rubbing -"later copy"')
    assert parsed.excluded == [Clause("rubbing"), Clause("later copy", phrase=True)]
    assert texts('mirror -rubbing -"later copy"') == [["mirror"]]


def test_scopes_narrow_to_a_role_and_unknown_ones_stay_text() -> None:
    assert parse_query('maker:"Wang Hui" type:scroll').groups == [
        [Clause("Wang Hui", scope="maker", phrase=True)],
        [Clause("scroll", scope="type")],
    ]
    assert texts("xi:an http://example.org") == [["xi:an"], ["http://example.org"]]


def test_year_ranges_with_bce_and_open_ends() -> None:
    assert parse_query("year:-1200..-1046").years == (-1200, -1046)
    assert parse_query("year:1650").years == (1650, 1650)
    assert parse_query("year:..-221").years == (None, -221)
    assert parse_query("year:1900..").years == (1900, None)
    assert parse_query("year:-1046..-1200").years == (-1200, -1046)
    assert texts("year:soon") == [["year:soon"]]


def test_an_empty_or_blank_query_has_nothing() -> None:
    assert parse_query("").is_empty
    assert parse_query('  "" ').is_empty
