"""Small helpers shared by the XML mappers: namespaces, text cleaning, language maps, concepts."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import cast
from urllib.parse import urlsplit

from lxml import etree

from caravan.catalogue.records import ConceptRef, RecordError, TermRecord
from caravan.core.codes import is_rights_uri
from caravan.core.langmap import LanguageMap
from caravan.ingest import normalise
from caravan.ingest.mappers.base import RawRecord
from caravan.ingest.safety import MAX_FIELD_CHARS, UnsafeInput, check_field_sizes, parse_xml

NS = {
    "lido": "http://www.lido-schema.org",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "edm": "http://www.europeana.eu/schemas/edm/",
    "ore": "http://www.openarchives.org/ore/terms/",
    "svcs": "http://rdfs.org/sioc/services#",
    "oai": "http://www.openarchives.org/OAI/2.0/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "mods": "http://www.loc.gov/mods/v3",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RDF_ABOUT = f"{{{NS['rdf']}}}about"
RDF_RESOURCE = f"{{{NS['rdf']}}}resource"

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# "Undetermined", "no linguistic content", "uncoded", "multiple": they name no one language.
_NO_LANGUAGE = frozenset({"und", "zxx", "mis", "mul"})
_IMAGE_SUFFIX = re.compile(r"\.(jpe?g|png|gif|tiff?|webp|jp2)$", re.IGNORECASE)
# {service}/{region}/{size}/{rotation}/{quality}.{format}, the IIIF Image API request.
_IIIF_IMAGE_REQUEST = re.compile(
    r"^(https?://.+?)/(?:full|square|\d+,\d+,\d+,\d+|pct:[\d.,]+)/(?:full|max|\^?!?[\d,]*|pct:[\d.]+)"
    r"/!?\d+(?:\.\d+)?/(?:default|color|gray|bitonal|native)\.\w+$"
)
_YEAR = re.compile(r"^\s*(-?)0*(\d{1,4})(?!\d)")


ElementPath = Callable[[etree._Element], list[etree._Element]]


def element_path(expression: str) -> ElementPath:
    """An XPath compiled once, that selects elements (typed as such for the type checker)."""
    return cast(ElementPath, etree.XPath(expression, namespaces=NS))


def clean(text: str | None) -> str:
    """Text with runs of white space (line breaks and indentation of the XML) made one space."""
    if not text:
        return ""
    stripped = text.strip()
    # Most values are clean already; only rebuild those with line breaks or runs of spaces.
    if "\n" in stripped or "  " in stripped or "\t" in stripped or "\r" in stripped:
        return " ".join(stripped.split())
    return stripped


def clean_paragraphs(text: str | None) -> str:
    """Like `clean`, but a blank line between paragraphs survives as one."""
    if not text:
        return ""
    paragraphs = (clean(part) for part in _PARAGRAPH_BREAK.split(text))
    return "\n\n".join(part for part in paragraphs if part)


def element_text(node: etree._Element | None) -> str:
    return clean(node.text) if node is not None else ""


def first_text(nodes: Iterable[etree._Element]) -> str:
    for node in nodes:
        text = clean(node.text)
        if text:
            return text
    return ""


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def iiif_service_of(url: str) -> str:
    """The IIIF Image API service a URL belongs to: its info.json's base, or an image request's."""
    if url.endswith("/info.json"):
        return url.removesuffix("/info.json")
    match = _IIIF_IMAGE_REQUEST.match(url)
    return match.group(1) if match else ""


def looks_like_image(url: str) -> bool:
    return bool(_IMAGE_SUFFIX.search(urlsplit(url).path))


class Notes:
    """The warnings of one record, each said once."""

    def __init__(self) -> None:
        self._seen: dict[str, None] = {}

    def add(self, warning: str) -> None:
        self._seen.setdefault(warning, None)

    def all(self) -> tuple[str, ...]:
        return tuple(self._seen)


@lru_cache(maxsize=4096)
def _resolve_language(value: str) -> str | None:
    """The BCP-47 tag of a code as written; "" when it names no language, None when unknown."""
    code = clean(value)
    if not code or code.lower() in _NO_LANGUAGE:
        return ""
    return normalise.to_bcp47(code)


def language_tag(value: str | None, fallback: str, notes: Notes) -> str:
    """A BCP-47 tag for a source's language code; an unknown code falls back with a warning."""
    if not value:
        return fallback
    tag = _resolve_language(value)
    if tag is None:
        notes.add(f"unknown language tag '{clean(value)}' (read as '{fallback}')")
        return fallback
    return tag or fallback


def add_text(language_map: LanguageMap, lang: str, text: str, *, joiner: str = "") -> None:
    """Put text under a tag: the first one wins, unless a joiner says to append."""
    if not text:
        return
    present = language_map.get(lang)
    if present is None:
        language_map[lang] = text
    elif joiner and text != present and text not in present.split(joiner):
        language_map[lang] = present + joiner + text


def unique_terms(terms: Iterable[TermRecord | None]) -> tuple[TermRecord, ...]:
    seen: set[tuple[str, str]] = set()
    kept = []
    for term in terms:
        if term is None:
            continue
        key = (term.text.casefold(), term.concept.uri if term.concept else "")
        if key not in seen:
            seen.add(key)
            kept.append(term)
    return tuple(kept)


def concept_ref(uri: str, labels: LanguageMap, scheme: str = "") -> ConceptRef:
    """A concept known by URI: its scheme is the source's name, else the URI's host."""
    host, notation = _host_and_notation(uri)
    return ConceptRef(scheme=scheme or host, notation=notation, labels=labels, uri=uri)


@lru_cache(maxsize=8192)
def _host_and_notation(uri: str) -> tuple[str, str]:
    """Cached: a collection names the same few hundred concepts over and over."""
    parts = urlsplit(uri)
    notation = parts.path.rstrip("/").rsplit("/", 1)[-1] or parts.fragment or uri
    if parts.fragment and not parts.path.rstrip("/"):
        notation = parts.fragment
    return parts.hostname or "", notation


def year_of(value: str | None) -> int | None:
    """The year of an ISO-like date ('1480', '-0300', '1510-05-17'); no year zero."""
    match = _YEAR.match(value or "")
    if not match:
        return None
    year = int(match.group(2))
    if match.group(1):
        return -year if year else -1
    return year or -1


@lru_cache(maxsize=8192)
def parsed_years(text: str, lang: str | None) -> tuple[int | None, int | None]:
    """Years of a display date, cached: a collection repeats its date phrases."""
    if not text:
        return None, None
    span = normalise.parse_date(text, lang=lang)
    if span is None:
        return None, None
    return span.earliest, span.latest


def display_years(display: LanguageMap) -> tuple[int | None, int | None]:
    """The years of the first display date (in any language) that reads as years."""
    for lang, text in display.items():
        earliest, latest = parsed_years(text, lang)
        if earliest is not None or latest is not None:
            return earliest, latest
    return None, None


def note_unread_date(display: LanguageMap, notes: Notes) -> None:
    """Warn that a display date gave no years (it is kept, as given, for display)."""
    if display:
        shown = next(iter(display.values()))
        notes.add(f"the date '{shown}' could not be read as years; it is kept as display only")


def completed_years(
    earliest: int | None, latest: int | None, notes: Notes
) -> tuple[int | None, int | None]:
    """One known end stands for both; ends in the wrong order are swapped (with a warning)."""
    earliest = earliest if earliest is not None else latest
    latest = latest if latest is not None else earliest
    return ordered_years(earliest, latest, notes)


def ordered_years(
    earliest: int | None, latest: int | None, notes: Notes
) -> tuple[int | None, int | None]:
    if earliest is not None and latest is not None and earliest > latest:
        notes.add(f"earliest year {earliest} is after latest year {latest}; the years were swapped")
        return latest, earliest
    return earliest, latest


def rights_uri(value: str | None) -> str | None:
    """The rights URI for a source's statement, only when Caravan accepts it."""
    text = clean(value)
    return _rights_uri(text) if text else None


@lru_cache(maxsize=4096)
def _rights_uri(text: str) -> str | None:
    uri = normalise.to_rights_uri(text)
    return uri if uri and is_rights_uri(uri) else None


def parse_record(raw: RawRecord) -> etree._Element:
    """Parse a kept record safely; any refusal becomes a RecordError naming the record."""
    try:
        root = parse_xml(raw.data)
        # No single value can be over the limit when the whole record is not: skip the walk.
        if len(raw.data) > MAX_FIELD_CHARS:
            check_field_sizes(map(str, root.itertext()), raw.identifier)
            check_field_sizes(_attribute_values(root), raw.identifier)
    except UnsafeInput as error:
        raise RecordError(f"record {raw.identifier}: {error}") from error
    except etree.XMLSyntaxError as error:
        raise RecordError(f"record {raw.identifier} is not well-formed XML: {error}") from error
    return root


def _attribute_values(root: etree._Element) -> Iterable[str]:
    for element in root.iter():
        yield from map(str, element.attrib.values())


def guard_texts(values: Iterable[str], identifier: str) -> None:
    try:
        check_field_sizes(values, identifier)
    except UnsafeInput as error:
        raise RecordError(f"record {identifier}: {error}") from error
