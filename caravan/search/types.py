"""What a search asks and what it answers: the one shape shared by the page, the CLI and the API."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

# Facets a reader can count and filter by, in the order pages show them.
FACETS: tuple[str, ...] = (
    "institution",
    "alliance",
    "country",
    "object_type",
    "material",
    "period",
    "century",
    "has_image",
    "rights",
    "missing",
)
SORTS: tuple[str, ...] = ("relevance", "date", "-date", "added")
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_QUERY_CHARS = 500


@dataclass(frozen=True)
class SearchRequest:
    """A search as a reader asked for it.

    `filters` maps a facet name to the values selected in it: institution and alliance codes,
    ISO country codes, type and material keys (as facet values return them), period ids,
    centuries (as strings: "-3" is the 3rd century BCE, "17" the 17th century CE), "true" or
    "false" for has_image, rights URIs, and the completeness criteria a record fails for
    `missing` (caravan.catalogue.quality). Values within one facet are alternatives (OR);
    facets combine with AND. Year bounds are inclusive, BCE negative.
    """

    q: str = ""
    lang: str = "en"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    year_from: int | None = None
    year_to: int | None = None
    sort: str = "relevance"
    facets: tuple[str, ...] = FACETS


@dataclass(frozen=True)
class FacetValue:
    key: str
    label: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class Match:
    """Why an object matched: its own words, or a concept or period the query named.

    `kind` is "text", "concept" or "period"; `label` is what a reader sees, e.g.
    "bronze mirror · 铜镜" for a concept matched through its Chinese label.
    """

    kind: str
    label: str
    term: str = ""
    concept_id: int | None = None
    period_id: str = ""


@dataclass(frozen=True)
class Hit:
    object_id: int
    institution_code: str
    institution_name: str
    local_identifier: str
    title: str
    title_lang: str
    snippet_html: str  # escaped text with <mark> around matched words; safe to render
    snippet_lang: str
    date_display: str
    thumbnail_url: str
    matched: tuple[Match, ...]
    score: float


@dataclass(frozen=True)
class SearchResult:
    request: SearchRequest
    count: int
    hits: tuple[Hit, ...]
    facets: Mapping[str, tuple[FacetValue, ...]]
    # Concepts and periods the query's words named, for "matched via concept" notes.
    expansions: tuple[Match, ...] = ()
    # A respelling of the query that would find something, offered when nothing matched.
    suggestion: str = ""
    # A reader's mistake in the query syntax, said plainly; the search ran on the words.
    notice: str = ""

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.request.page_size))
