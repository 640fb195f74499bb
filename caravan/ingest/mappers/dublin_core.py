"""Simple Dublin Core (`oai_dc:dc`), as OAI-PMH repositories serve it to every harvester."""

from __future__ import annotations

from collections.abc import Iterator
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
    is_url,
    language_tag,
    looks_like_image,
    note_unread_date,
    ordered_years,
    parse_record,
    parsed_years,
    rights_uri,
    unique_terms,
)
from caravan.ingest.mappers.xml_split import split_records

OAI_DC = f"{{{NS['oai_dc']}}}dc"
_DC = f"{{{NS['dc']}}}"
_MIME_TYPE = "/"  # "image/jpeg", "video/mp4": a media type, not a physical description


class DublinCoreMapper:
    name: ClassVar[str] = "oai_dc"
    label: ClassVar[str] = "Dublin Core (oai_dc)"
    needs_mapping: ClassVar[bool] = False

    def split(
        self, stream: IO[bytes], context: MappingContext
    ) -> Iterator[RawRecord | SplitProblem]:
        return split_records(
            stream, record_tags=(OAI_DC,), identify=dc_identifier, label="Dublin Core"
        )

    def map(self, raw: RawRecord, context: MappingContext) -> Mapped:
        root = parse_record(raw)
        return _DcRecord(_read_elements(root), raw, context).mapped()


def dc_identifier(record: etree._Element) -> str:
    """The first dc:identifier: what a bare Dublin Core record is known by."""
    for node in record.iterchildren(_DC + "identifier"):
        text = clean(node.text)
        if text:
            return text
    return ""


def _read_elements(root: etree._Element) -> dict[str, list[etree._Element]]:
    """The record's Dublin Core elements by name ('title', 'creator'…), in document order."""
    elements: dict[str, list[etree._Element]] = {}
    for node in root.iterchildren(tag=etree.Element):
        tag = node.tag
        if isinstance(tag, str) and tag.startswith(_DC) and clean(node.text):
            elements.setdefault(tag[len(_DC) :], []).append(node)
    return elements


@dataclass
class _DcRecord:
    elements: dict[str, list[etree._Element]]
    raw: RawRecord
    context: MappingContext
    notes: Notes = field(default_factory=Notes)
    language: str = "und"

    def mapped(self) -> Mapped:
        local_id = self.raw.identifier or _first(self.elements, "identifier")
        if not local_id:
            raise RecordError("a Dublin Core record has neither an OAI-PMH nor a dc:identifier")
        self.language = language_tag(
            _first(self.elements, "language"), self.context.default_language, self.notes
        )
        titles = self._texts("title")
        if not titles:
            raise RecordError(f"record {local_id}: it has no title in any language")
        date_display = self._texts("date", joiner="; ")
        earliest, latest = self._years(date_display)
        place = {
            lang: text
            for lang, text in self._texts("coverage").items()
            if parsed_years(text, lang) == (None, None)
        }
        rights = self._rights()
        if not rights:
            self.notes.add("no rights statement that maps to a rights URI")
        web_page, media = self._links()
        record = ObjectRecord(
            local_id=local_id,
            language=self.language,
            titles=titles,
            descriptions=self._texts("description", joiner="\n\n", paragraphs=True),
            object_types=self._terms("type"),
            subjects=self._terms("subject"),
            agents=self._agents(),
            production_place=place,
            date_display=date_display,
            earliest_year=earliest,
            latest_year=latest,
            dimensions={
                lang: text
                for lang, text in self._texts("format", joiner="; ").items()
                if _MIME_TYPE not in text or " " in text
            },
            rights=rights,
            media=media,
            web_page=web_page,
            source_name=self.context.source_name,
            source_format="oai_dc",
            raw=self.raw.data,
        )
        return Mapped(record=record, warnings=self.notes.all())

    def _lang(self, node: etree._Element) -> str:
        value = node.get(XML_LANG)
        return language_tag(value, self.language, self.notes) if value else self.language

    def _texts(self, name: str, *, joiner: str = "", paragraphs: bool = False) -> LanguageMap:
        found: LanguageMap = {}
        for node in self.elements.get(name, ()):
            text = clean_paragraphs(node.text) if paragraphs else clean(node.text)
            add_text(found, self._lang(node), text, joiner=joiner)
        return found

    def _terms(self, name: str) -> tuple[TermRecord, ...]:
        return unique_terms(
            TermRecord(text=clean(node.text)[:500], lang=self._lang(node))
            for node in self.elements.get(name, ())
        )

    def _agents(self) -> tuple[AgentRecord, ...]:
        return tuple(
            AgentRecord(names={self._lang(node): clean(node.text)}, role={"en": "creator"})
            for node in self.elements.get("creator", ())
        )

    def _years(self, date_display: LanguageMap) -> tuple[int | None, int | None]:
        texts = list(date_display.items()) + list(self._texts("coverage").items())
        for lang, text in texts:
            for part in text.split("; "):
                earliest, latest = parsed_years(part, lang)
                if earliest is not None or latest is not None:
                    return ordered_years(earliest, latest, self.notes)
        note_unread_date(date_display, self.notes)
        return None, None

    def _rights(self) -> str:
        for node in self.elements.get("rights", ()):
            uri = rights_uri(node.text)
            if uri:
                return uri
        return ""

    def _links(self) -> tuple[str, tuple[MediaRecord, ...]]:
        """The first identifier URL that is a page, and every identifier or relation image."""
        web_page = ""
        images: list[str] = []
        for name in ("identifier", "relation"):
            for node in self.elements.get(name, ()):
                url = clean(node.text)
                if not is_url(url):
                    continue
                if looks_like_image(url):
                    images.append(url)
                elif name == "identifier" and not web_page:
                    web_page = url
        media = tuple(
            MediaRecord(image_url=url, thumbnail_url=url) for url in dict.fromkeys(images)
        )
        return web_page, media


def _first(elements: dict[str, list[etree._Element]], name: str) -> str:
    nodes = elements.get(name)
    return clean(nodes[0].text) if nodes else ""
