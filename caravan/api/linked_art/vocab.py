"""The Getty AAT terms Linked Art asks for, and the languages Caravan records are written in.

Identifiers come from Linked Art's own vocabulary pages (linked.art/model/vocab/required,
…/recommended and …/recommended/languages); a term used here that is not on those pages is
marked where it is defined.
"""

from __future__ import annotations

from typing import Any

AAT = "http://vocab.getty.edu/aat/"
Entity = dict[str, Any]

# Meta-types: what sort of classification a classification is.
BRIEF_TEXT = ("300418049", "Brief Text")  # a statement type
TYPE_OF_WORK = ("300435443", "Type of Work")
# Not on the vocabulary pages: the term the Getty's own linkedart.js reads cultures by.
CULTURE = ("300055768", "Culture")

# Names and identifiers.
PRIMARY_NAME = ("300404670", "Primary Name")
ALTERNATE_NAME = ("300264273", "Alternate Name")
DISPLAY_NAME = ("300404669", "Display Name")
LOCAL_NUMBER = ("300404621", "Local Number")

# Statement types (each carries the Brief Text meta-type).
DESCRIPTION = ("300435416", "Description")
INSCRIPTION_STATEMENT = ("300435414", "Inscription Statement")
DIMENSIONS_STATEMENT = ("300435430", "Dimensions Statement")
MATERIALS_STATEMENT = ("300435429", "Materials Statement")
PRODUCTION_STATEMENT = ("300435436", "Production Statement")
CREDIT_LINE = ("300026687", "Credit Line")
RIGHTS_STATEMENT = ("300435434", "Rights Statement")
NOTE = ("300027200", "Note")

# Digital things.
WEB_PAGE = ("300264578", "Web Page")
DIGITAL_IMAGE = ("300215302", "Digital Image")
IIIF_PRESENTATION = "http://iiif.io/api/presentation/"
IIIF_IMAGE = "http://iiif.io/api/image"
IIIF_MANIFEST_FORMAT = (
    'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"'
)

# ISO 639-1 code → (AAT id, English name), from Linked Art's recommended language terms:
# the languages of the alliance's members and of the records they share, not every language.
LANGUAGES: dict[str, tuple[str, str]] = {
    "ar": ("300387843", "Arabic"),
    "az": ("300387903", "Azerbaijani"),
    "be": ("300387967", "Belarusian"),
    "bg": ("300388034", "Bulgarian"),
    "bo": ("300389410", "Tibetan"),
    "cs": ("300388191", "Czech"),
    "da": ("300388204", "Danish"),
    "de": ("300388344", "German"),
    "el": ("300388361", "Greek, Modern"),
    "en": ("300388277", "English"),
    "es": ("300389311", "Spanish"),
    "fa": ("300389087", "Persian"),
    "fi": ("300388299", "Finnish"),
    "fr": ("300388306", "French"),
    "he": ("300388401", "Hebrew"),
    "hi": ("300388412", "Hindi"),
    "hu": ("300388770", "Hungarian"),
    "hy": ("300387870", "Armenian"),
    "it": ("300388474", "Italian"),
    "ja": ("300388486", "Japanese"),
    "ka": ("300388343", "Georgian"),
    "kk": ("300388568", "Kazakh"),
    "ko": ("300388633", "Korean"),
    "ku": ("300388656", "Kurdish"),
    "ky": ("300388668", "Kyrgyz"),
    "la": ("300388693", "Latin"),
    "mn": ("300388900", "Mongolian"),
    "nl": ("300388301", "Dutch"),
    "no": ("300388992", "Norwegian"),
    "pl": ("300389109", "Polish"),
    "ps": ("300389070", "Pashto"),
    "pt": ("300389115", "Portuguese"),
    "ro": ("300389157", "Romanian"),
    "ru": ("300389168", "Russian"),
    "sa": ("300389205", "Sanskrit"),
    "sr": ("300389247", "Serbian"),
    "sv": ("300389336", "Swedish"),
    "tg": ("300389350", "Tajik"),
    "th": ("300389405", "Thai"),
    "tk": ("300389473", "Turkmen"),
    "tr": ("300389470", "Turkish"),
    "tt": ("300389381", "Tatar"),
    "ug": ("300389509", "Uighur"),
    "uk": ("300389489", "Ukrainian"),
    "ur": ("300389502", "Urdu"),
    "uz": ("300389510", "Uzbek"),
    "vi": ("300389525", "Vietnamese"),
    "zh": ("300388113", "Chinese"),
}


def aat_type(term: tuple[str, str], *, meta: tuple[str, str] | None = None) -> Entity:
    """A reference to an AAT concept, optionally with its meta-type."""
    entity: Entity = {"id": AAT + term[0], "type": "Type", "_label": term[1]}
    if meta is not None:
        entity["classified_as"] = [aat_type(meta)]
    return entity


def statement_type(term: tuple[str, str]) -> Entity:
    return aat_type(term, meta=BRIEF_TEXT)


def language_ref(tag: str) -> Entity | None:
    """The Linked Art Language for a BCP-47 tag (by its primary language), or None.

    A Language reference must have an id, so a language missing from the table is left out
    rather than given a label alone (the schema refuses a reference without an id).
    """
    known = LANGUAGES.get(tag.split("-", 1)[0].lower())
    if known is None:
        return None
    return {"id": AAT + known[0], "type": "Language", "_label": known[1]}
