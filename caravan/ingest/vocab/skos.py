"""Read a SKOS concept scheme from RDF/XML or Turtle into a `Vocabulary`.

rdflib is only ever handed bytes already in memory, never a location, so it has nothing to
fetch; RDF/XML is first checked with Caravan's safe XML parser, which refuses entity
declarations and external DTDs before rdflib's own parser sees the document.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote
from xml.sax import SAXException

from lxml import etree
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.exceptions import ParserError
from rdflib.namespace import DC, DCTERMS, RDF, RDFS, SKOS
from rdflib.term import Node

from caravan.core.langmap import LanguageMap, LanguageMapError, normalize_tag
from caravan.ingest.safety import UnsafeInput, refuse_entity_declarations, xml_parser
from caravan.ingest.vocab import AltLabels, Vocabulary, VocabularyConcept, VocabularyError

# rdflib format names, by file extension; JSON-LD is left out because its contexts are fetched.
RDF_FORMATS = {".ttl": "turtle", ".nt": "turtle", ".rdf": "xml", ".xml": "xml", ".owl": "xml"}
MAX_VOCABULARY_BYTES = 200 * 1024 * 1024
# Concept.uri and Concept.notation column sizes.
MAX_URI_CHARS = 200
MAX_NOTATION_CHARS = 100
MAX_CODE_CHARS = 40
UNDETERMINED = "und"

SCHEME_TITLE_PREDICATES = (DCTERMS.title, DC.title, SKOS.prefLabel, RDFS.label)
SCHEME_CODE_PREDICATES = (DCTERMS.identifier, DC.identifier, SKOS.notation)


def read_skos_file(
    path: Path,
    *,
    rdf_format: str | None = None,
    code: str | None = None,
    scheme_uri: str | None = None,
) -> Vocabulary:
    """Read a SKOS file; the format is guessed from the extension when not given."""
    chosen_format = rdf_format or rdf_format_for(path)
    if path.stat().st_size > MAX_VOCABULARY_BYTES:
        raise VocabularyError(f"{path.name} is over the {MAX_VOCABULARY_BYTES:,} byte limit")
    return read_skos(
        path.read_bytes(),
        rdf_format=chosen_format,
        code=code,
        scheme_uri=scheme_uri,
        source_name=path.name,
    )


def rdf_format_for(path: Path) -> str:
    try:
        return RDF_FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(RDF_FORMATS))
        raise VocabularyError(
            f"cannot tell the RDF format of '{path.name}' (known extensions: {known})"
        ) from None


def read_skos(
    data: bytes,
    *,
    rdf_format: str,
    code: str | None = None,
    scheme_uri: str | None = None,
    source_name: str = "",
) -> Vocabulary:
    """The concept scheme a SKOS document describes.

    `rdf_format` is "turtle" or "xml". When the document holds several schemes, `scheme_uri`
    says which one to read. Labels keep every language (untagged ones become "und"); a second
    prefLabel in one language becomes an altLabel. Broader links are read from skos:broader and
    skos:narrower alike; links to concepts outside the document are dropped.
    """
    graph = _parse(data, rdf_format)
    schemes = _schemes(graph)
    scheme = _chosen_scheme(schemes, scheme_uri)
    reading = _SchemeReading(graph, scheme, only_members_of_scheme=len(schemes) > 1)
    concepts = reading.concepts()
    return Vocabulary(
        code=_scheme_code(graph, scheme, code, source_name),
        uri=_scheme_uri_text(scheme),
        titles=_scheme_titles(graph, scheme),
        concepts=concepts,
        problems=tuple(reading.problems),
    )


def _parse(data: bytes, rdf_format: str) -> Graph:
    if rdf_format not in ("turtle", "xml"):
        raise VocabularyError(f"unsupported RDF format '{rdf_format}': use turtle or xml")
    if len(data) > MAX_VOCABULARY_BYTES:
        raise VocabularyError(f"the vocabulary is over the {MAX_VOCABULARY_BYTES:,} byte limit")
    if rdf_format == "xml":
        refuse_unsafe_xml(data)
    graph = Graph()
    try:
        graph.parse(data=data, format=rdf_format)
    except (SyntaxError, ParserError, SAXException, ValueError) as error:
        reason = _first_line(error)
        raise VocabularyError(f"the {rdf_format} document cannot be read: {reason}") from error
    return graph


def refuse_unsafe_xml(data: bytes) -> None:
    """Raise VocabularyError for malformed XML or a DOCTYPE with entities or an external DTD."""
    try:
        tree = etree.parse(io.BytesIO(data), xml_parser())
    except etree.XMLSyntaxError as error:
        raise VocabularyError(f"the RDF/XML is not well-formed XML: {error}") from error
    try:
        refuse_entity_declarations(tree)
    except UnsafeInput as error:
        raise VocabularyError(f"refused: {error}") from error


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _schemes(graph: Graph) -> set[Node]:
    schemes = set(graph.subjects(RDF.type, SKOS.ConceptScheme))
    schemes |= set(graph.objects(None, SKOS.inScheme))
    schemes |= set(graph.objects(None, SKOS.topConceptOf))
    return schemes


def _chosen_scheme(schemes: set[Node], scheme_uri: str | None) -> Node | None:
    if scheme_uri is not None:
        wanted = URIRef(scheme_uri)
        if wanted not in schemes:
            raise VocabularyError(f"the document has no concept scheme <{scheme_uri}>")
        return wanted
    if len(schemes) > 1:
        names = ", ".join(sorted(f"<{scheme}>" for scheme in schemes))
        raise VocabularyError(f"the document holds several concept schemes ({names}); pick one")
    return next(iter(schemes), None)


@dataclass
class _SchemeReading:
    """The concepts of one scheme, with the problems met along the way."""

    graph: Graph
    scheme: Node | None
    only_members_of_scheme: bool
    problems: list[str] = field(default_factory=list)

    def concepts(self) -> tuple[VocabularyConcept, ...]:
        notations = self._notations()
        concepts = [self._concept(node, notations) for node in notations]
        return tuple(sorted(concepts, key=lambda concept: concept.notation))

    def _concept(self, node: Node, notations: dict[Node, str]) -> VocabularyConcept:
        pref_labels, alt_labels = self._labels(node)
        return VocabularyConcept(
            notation=notations[node],
            uri=self._uri(node),
            pref_labels=pref_labels,
            alt_labels=alt_labels,
            broader=self._broader(node, notations),
        )

    def _members(self) -> list[Node]:
        graph = self.graph
        members = set(graph.subjects(RDF.type, SKOS.Concept))
        members |= set(graph.subjects(SKOS.inScheme, self.scheme))
        members |= set(graph.subjects(SKOS.topConceptOf, self.scheme))
        members |= set(graph.objects(self.scheme, SKOS.hasTopConcept))
        if self.only_members_of_scheme:
            members = {node for node in members if self._in_scheme(node)}
        return sorted(members, key=str)

    def _in_scheme(self, node: Node) -> bool:
        graph = self.graph
        return (
            (node, SKOS.inScheme, self.scheme) in graph
            or (node, SKOS.topConceptOf, self.scheme) in graph
            or (self.scheme, SKOS.hasTopConcept, node) in graph
        )

    def _notations(self) -> dict[Node, str]:
        """Each member's notation; members without a usable and unique one are reported."""
        notations: dict[Node, str] = {}
        taken: set[str] = set()
        for node in self._members():
            notation = self._notation(node)
            if not notation:
                self.problems.append(f"a concept without URI or skos:notation was skipped: {node}")
            elif len(notation) > MAX_NOTATION_CHARS:
                self.problems.append(f"notation over {MAX_NOTATION_CHARS} characters: {notation}")
            elif notation in taken:
                self.problems.append(f"notation '{notation}' is used twice; <{node}> was skipped")
            else:
                notations[node] = notation
                taken.add(notation)
        return notations

    def _notation(self, node: Node) -> str:
        written = sorted(str(value).strip() for value in self.graph.objects(node, SKOS.notation))
        written = [value for value in written if value]
        if written:
            return written[0]
        if isinstance(node, BNode):
            return ""
        return notation_from_uri(str(node))

    def _uri(self, node: Node) -> str:
        if not isinstance(node, URIRef):
            return ""
        uri = str(node)
        if len(uri) > MAX_URI_CHARS:
            self.problems.append(f"URI over {MAX_URI_CHARS} characters not kept: {uri}")
            return ""
        return uri

    def _labels(self, node: Node) -> tuple[LanguageMap, AltLabels]:
        pref_labels: LanguageMap = {}
        alt_labels: AltLabels = {}
        for tag, text in self._tagged(self.graph.objects(node, SKOS.prefLabel)):
            if tag in pref_labels:
                alt_labels.setdefault(tag, []).append(text)
            else:
                pref_labels[tag] = text
        for tag, text in self._tagged(self.graph.objects(node, SKOS.altLabel)):
            alt_labels.setdefault(tag, []).append(text)
        return pref_labels, {
            tag: sorted(set(texts) - {pref_labels.get(tag)})
            for tag, texts in sorted(alt_labels.items())
            if set(texts) - {pref_labels.get(tag)}
        }

    def _tagged(self, values: Iterable[Node]) -> Iterator[tuple[str, str]]:
        """(BCP-47 tag, text) of each literal, in a stable order."""
        literals = [value for value in values if isinstance(value, Literal)]
        for literal in sorted(literals, key=lambda value: (value.language or "", str(value))):
            text = " ".join(str(literal).split())
            if text:
                yield self._tag(literal.language), text

    def _tag(self, language: str | None) -> str:
        if not language:
            return UNDETERMINED
        try:
            return normalize_tag(language)
        except LanguageMapError:
            self.problems.append(f"language tag '{language}' is not BCP-47; labelled 'und'")
            return UNDETERMINED

    def _broader(self, node: Node, notations: dict[Node, str]) -> tuple[str, ...]:
        broader = set(self.graph.objects(node, SKOS.broader))
        broader |= set(self.graph.subjects(SKOS.narrower, node))
        broader.discard(node)
        return tuple(sorted(notations[other] for other in broader if other in notations))


def notation_from_uri(uri: str) -> str:
    """The last segment of a URI: `…/vocab/types/bronze` → `bronze`, `…#Q42` → `Q42`."""
    trimmed = uri.rstrip("/#")
    segment = re.split(r"[/#:]", trimmed)[-1] if trimmed else ""
    return unquote(segment).strip()


def _scheme_uri_text(scheme: Node | None) -> str:
    if isinstance(scheme, URIRef) and len(str(scheme)) <= MAX_URI_CHARS:
        return str(scheme)
    return ""


def _scheme_titles(graph: Graph, scheme: Node | None) -> LanguageMap:
    if scheme is None:
        return {}
    for predicate in SCHEME_TITLE_PREDICATES:
        titles: LanguageMap = {}
        for value in sorted(graph.objects(scheme, predicate), key=str):
            if isinstance(value, Literal) and str(value).strip():
                tag = _tag_or_undetermined(value.language)
                titles.setdefault(tag, " ".join(str(value).split()))
        if titles:
            return titles
    return {}


def _tag_or_undetermined(language: str | None) -> str:
    try:
        return normalize_tag(language) if language else UNDETERMINED
    except LanguageMapError:
        return UNDETERMINED


def _scheme_code(graph: Graph, scheme: Node | None, code: str | None, source_name: str) -> str:
    """The code given, else the scheme's identifier, its URI's last segment, or the file name."""
    candidates: list[str] = [code or ""]
    if scheme is not None:
        for predicate in SCHEME_CODE_PREDICATES:
            candidates += sorted(str(value) for value in graph.objects(scheme, predicate))
        if isinstance(scheme, URIRef):
            candidates.append(notation_from_uri(str(scheme)))
    candidates.append(Path(source_name).stem)
    for candidate in candidates:
        slug = scheme_code_slug(candidate)
        if slug:
            return slug
    raise VocabularyError("the vocabulary has no code: give one")


def scheme_code_slug(text: str) -> str:
    """A scheme code: lower case letters, digits and hyphens, at most 40 characters."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:MAX_CODE_CHARS].rstrip("-")
