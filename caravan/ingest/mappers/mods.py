"""MODS 3 (http://www.loc.gov/mods/v3), as libraries serve it over OAI-PMH (Harvard, LoC…).

An item often states its creator and date only on the collection it belongs to
(`relatedItem type="host"`); those are used when the item itself says nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, ClassVar

from lxml import etree

from caravan.catalogue.records import (
    AgentRecord,
    MediaRecord,
    ObjectRecord,
    RecordError,
    TermRecord,
)
from caravan.core.langmap import LanguageMap
from caravan.ingest.mappers.base import Mapped, MappingContext, RawRecord, SplitProblem
from caravan.ingest.mappers.common import (
    NS,
    XML_LANG,
    Notes,
    add_text,
    clean,
    clean_paragraphs,
    completed_years,
    concept_ref,
    display_years,
    element_path,
    is_url,
    language_tag,
    note_unread_date,
    parse_record,
    rights_uri,
    unique_terms,
    year_of,
)
from caravan.ingest.mappers.xml_split import split_records

MODS_RECORD = f"{{{NS['mods']}}}mods"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_GROUP_NAME_TYPES = frozenset({"corporate", "conference", "family"})


_path = element_path


_RECORD_IDS = _path("mods:recordInfo/mods:recordIdentifier")
_IDENTIFIERS = _path("mods:identifier")
_LANGUAGE_CODES = _path("mods:language/mods:languageTerm[@type='code']")
_TITLE_INFOS = _path("mods:titleInfo")
_NAMES = _path("mods:name")
_NAME_PARTS = _path("mods:namePart")
_ROLE_TERMS = _path("mods:role/mods:roleTerm[not(@type='code')]")
_TYPES = _path("mods:typeOfResource | mods:genre")
_ORIGIN_DATES = _path(
    "mods:originInfo/mods:dateCreated | mods:originInfo/mods:dateIssued"
    " | mods:originInfo/mods:copyrightDate"
)
_ORIGIN_PLACES = _path("mods:originInfo/mods:place/mods:placeTerm[not(@type='code')]")
_SUBJECTS = _path(
    "mods:subject/mods:topic | mods:subject/mods:geographic | mods:subject/mods:temporal"
    " | mods:subject/mods:name/mods:namePart"
)
_FORMS = _path("mods:physicalDescription/mods:form")
_EXTENTS = _path("mods:physicalDescription/mods:extent")
_ABSTRACTS = _path("mods:abstract")
_ACCESS_CONDITIONS = _path("mods:accessCondition")
_URLS = _path("mods:location/mods:url")
_HOST = _path("mods:relatedItem[@type='host']")


class ModsMapper:
    name: ClassVar[str] = "mods"
    label: ClassVar[str] = "MODS 3 XML"
    needs_mapping: ClassVar[bool] = False

    def split(
        self, stream: IO[bytes], context: MappingContext
    ) -> Iterator[RawRecord | SplitProblem]:
        return split_records(
            stream, record_tags=(MODS_RECORD,), identify=mods_identifier, label="MODS"
        )

    def map(self, raw: RawRecord, context: MappingContext) -> Mapped:
        root = parse_record(raw)
        if root.tag != MODS_RECORD:
            raise RecordError(
                f"record {raw.identifier} is a {etree.QName(root).localname} element, not mods"
            )
        return _ModsRecord(root, raw, context).mapped()


def mods_identifier(mods: etree._Element) -> str:
    """recordInfo/recordIdentifier, else the first identifier."""
    for node in (*_RECORD_IDS(mods), *_IDENTIFIERS(mods)):
        text = clean(node.text)
        if text:
            return text
    return ""


@dataclass
class _ModsRecord:
    root: etree._Element
    raw: RawRecord
    context: MappingContext
    notes: Notes = field(default_factory=Notes)
    language: str = "und"

    def mapped(self) -> Mapped:
        local_id = mods_identifier(self.root) or self.raw.identifier
        if not local_id:
            raise RecordError(f"record {self.raw.identifier}: it has no recordIdentifier")
        self.language = self._language()
        titles = self._titles()
        if not titles:
            raise RecordError(f"record {local_id}: it has no title in any language")
        host = next(iter(_HOST(self.root)), None)
        date_display, earliest, latest = self._origin_dates(self.root)
        if not date_display and earliest is None and host is not None:
            date_display, earliest, latest = self._origin_dates(host)
        agents = self._agents(self.root) or (self._agents(host) if host is not None else ())
        rights = self._rights()
        if not rights:
            self.notes.add("no rights statement that maps to a rights URI")
        web_page, media = self._links()
        record = ObjectRecord(
            local_id=local_id,
            language=self.language,
            titles=titles,
            descriptions=self._texts(_ABSTRACTS(self.root), joiner="\n\n", paragraphs=True),
            object_types=self._terms(_TYPES(self.root)),
            materials=self._terms(_FORMS(self.root)),
            subjects=self._terms(_SUBJECTS(self.root)),
            agents=agents,
            production_place=self._texts(_ORIGIN_PLACES(self.root)),
            date_display=date_display,
            earliest_year=earliest,
            latest_year=latest,
            dimensions=self._texts(_EXTENTS(self.root), joiner="; "),
            rights=rights,
            media=media,
            web_page=web_page,
            source_name=self.context.source_name,
            source_format="mods",
            raw=self.raw.data,
        )
        return Mapped(record=record, warnings=self.notes.all())

    def _lang(self, node: etree._Element) -> str:
        # MODS says the language with its own `lang` attribute (ISO 639-2), or with xml:lang.
        value = node.get("lang") or node.get(XML_LANG)
        return language_tag(value, self.language, self.notes) if value else self.language

    def _language(self) -> str:
        for node in _LANGUAGE_CODES(self.root):
            if clean(node.text):
                return language_tag(node.text, self.context.default_language, self.notes)
        return self.context.default_language

    def _texts(
        self, nodes: Iterable[etree._Element], *, joiner: str = "", paragraphs: bool = False
    ) -> LanguageMap:
        found: LanguageMap = {}
        for node in nodes:
            text = clean_paragraphs(node.text) if paragraphs else clean(node.text)
            add_text(found, self._lang(node), text, joiner=joiner)
        return found

    def _titles(self) -> LanguageMap:
        """Main titles first; alternative, translated or uniform ones fill missing languages."""
        main: LanguageMap = {}
        others: LanguageMap = {}
        for info in _TITLE_INFOS(self.root):
            text = _title_text(info)
            target = others if info.get("type") else main
            add_text(target, self._lang(info), text)
        for lang, text in others.items():
            main.setdefault(lang, text)
        return main

    def _terms(self, nodes: Iterable[etree._Element]) -> tuple[TermRecord, ...]:
        terms = []
        for node in nodes:
            text = clean(node.text)
            if not text:
                continue
            lang = self._lang(node)
            uri = clean(node.get("valueURI"))
            concept = (
                concept_ref(uri, {lang: text}, scheme=clean(node.get("authority")))
                if is_url(uri)
                else None
            )
            terms.append(TermRecord(text=text[:500], lang=lang, concept=concept))
        return unique_terms(terms)

    def _agents(self, item: etree._Element) -> tuple[AgentRecord, ...]:
        agents = []
        for name in _NAMES(item):
            text = _name_text(name)
            if not text:
                continue
            roles = [clean(term.text) for term in _ROLE_TERMS(name) if clean(term.text)]
            uri = clean(name.get("valueURI"))
            agents.append(
                AgentRecord(
                    names={self._lang(name): text},
                    kind="group" if name.get("type") in _GROUP_NAME_TYPES else "person",
                    role={"en": ", ".join(dict.fromkeys(roles))} if roles else {},
                    uri=uri if is_url(uri) else "",
                )
            )
        return tuple(agents)

    def _origin_dates(self, item: etree._Element) -> tuple[LanguageMap, int | None, int | None]:
        """The date as written, and its years: from point="start"/"end" when given."""
        display: LanguageMap = {}
        start = end = None
        for node in _ORIGIN_DATES(item):
            text = clean(node.text)
            point = node.get("point")
            if point == "start":
                start = start if start is not None else year_of(text)
            elif point == "end":
                end = end if end is not None else year_of(text)
            elif text:
                add_text(display, self._lang(node), text, joiner="; ")
        if start is None and end is None:
            start, end = display_years(display)
            if start is None and end is None:
                note_unread_date(display, self.notes)
        earliest, latest = completed_years(start, end, self.notes)
        return display, earliest, latest

    def _rights(self) -> str:
        for node in _ACCESS_CONDITIONS(self.root):
            for candidate in (node.get(_XLINK_HREF), node.text):
                uri = rights_uri(candidate)
                if uri:
                    return uri
        return ""

    def _links(self) -> tuple[str, tuple[MediaRecord, ...]]:
        """location/url: "object in context" is the web page; "raw object" and "preview" media."""
        web_page = image = thumbnail = ""
        for node in _URLS(self.root):
            url = clean(node.text)
            if not is_url(url):
                continue
            access = node.get("access", "")
            if access == "object in context":
                web_page = web_page or url
            elif access == "preview":
                thumbnail = thumbnail or url
            elif access == "raw object":
                image = image or url
        if not (image or thumbnail):
            return web_page, ()
        media = MediaRecord(image_url=image or thumbnail, thumbnail_url=thumbnail or image)
        return web_page, (media,)


def _title_text(info: etree._Element) -> str:
    """nonSort, title and subTitle as one line: "The " + "Herbal" + ": a treatise"."""

    def part(name: str) -> str:
        return clean(info.findtext(f"{{{NS['mods']}}}{name}"))

    title = part("title")
    if not title:
        return ""
    non_sort = part("nonSort")
    if non_sort:
        title = non_sort + ("" if non_sort.endswith(("'", "’")) else " ") + title
    sub_title = part("subTitle")
    return f"{title}: {sub_title}" if sub_title else title


def _name_text(name: etree._Element) -> str:
    """The name as catalogued: family, given and dates joined, or the single namePart."""
    parts: dict[str, list[str]] = {"": [], "family": [], "given": [], "date": []}
    for part in _NAME_PARTS(name):
        text = clean(part.text)
        if text:
            parts.setdefault(part.get("type", ""), []).append(text)
    personal = ", ".join(filter(None, [" ".join(parts["family"]), " ".join(parts["given"])]))
    names = [*parts[""], personal] if personal else parts[""]
    text = ", ".join(filter(None, names))
    if text and parts["date"]:
        text = f"{text}, {' '.join(parts['date'])}"
    return text
