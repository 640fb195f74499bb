import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict

from caravan.core.forms import LanguageMapFormField, LanguageMapWidget


def post(**lists):
    data = QueryDict(mutable=True)
    for key, values in lists.items():
        data.setlist(key, values)
    return data


def test_rows_become_a_language_map():
    widget = LanguageMapWidget()
    value = widget.value_from_datadict(
        post(titles__tag=["en", "zh-hant", ""], titles__text=["Mirror", "銅鏡", ""]), {}, "titles"
    )
    assert LanguageMapFormField().clean(value) == {"en": "Mirror", "zh-Hant": "銅鏡"}


def test_text_without_a_language_is_refused():
    with pytest.raises(ValidationError, match="Give the language"):
        LanguageMapFormField().clean([("", "Mirror")])


def test_a_language_given_twice_is_refused():
    with pytest.raises(ValidationError, match="twice"):
        LanguageMapFormField().clean([("en", "Mirror"), ("EN", "Looking glass")])


def test_a_bad_tag_is_refused():
    with pytest.raises(ValidationError, match="BCP-47"):
        LanguageMapFormField().clean([("english please", "Mirror")])


def test_the_widget_shows_one_row_per_language_plus_an_empty_one():
    html = LanguageMapWidget().render("titles", {"en": "Mirror", "ar": "مرآة"})
    assert html.count('name="titles__tag"') == 3
    assert 'value="مرآة"' in html
    assert 'lang="ar"' in html


def test_unchanged_data_is_not_a_change():
    field = LanguageMapFormField()
    assert not field.has_changed({"en": "Mirror"}, [("en", "Mirror"), ("", "")])
    assert field.has_changed({"en": "Mirror"}, [("en", "Mirror"), ("fr", "Miroir")])
