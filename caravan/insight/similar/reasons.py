"""Why an object is suggested: reasons kept as data (concept ids, period ids, names, words),
cached as such, and put into words in the reader's language only when shown."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _

from caravan.core.codes import country_name
from caravan.core.langmap import pick
from caravan.ingest.normalise.periods import gazetteer
from caravan.search.expansion import ConceptLabels

ReasonItem = int | str | tuple[str, str]


class ReasonKind(StrEnum):
    SUBJECTS = "subjects"  # concepts both records are linked to (concept ids)
    BROADER = "broader"  # broader concepts their concepts share (concept ids)
    INFERRED = "inferred"  # concepts the learned model gives a record with no subjects (ids)
    WORDS = "words"  # a concept each names in its own words ((words here, words there))
    MAKER = "maker"  # maker names, as the suggested record writes them
    PERIOD = "period"  # a gazetteer period id
    DATES = "dates"  # (first year, last year) both ranges share
    PLACE = "place"  # places of production, as written
    COUNTRY = "country"  # an ISO country code
    SHARED_WORDS = "shared_words"  # analysed words both titles or descriptions have


@dataclass(frozen=True)
class Reason:
    kind: ReasonKind
    items: tuple[ReasonItem, ...]


@dataclass(frozen=True)
class ShownReason:
    """A reason as a reader sees it: a heading and the values, each in its own language."""

    kind: str
    heading: str
    values: tuple[tuple[str, str], ...]  # (text, BCP-47 tag or "")


def shown_reasons(
    reasons: tuple[Reason, ...], *, lang: str, labels: ConceptLabels
) -> list[ShownReason]:
    return [_shown(reason, lang, labels) for reason in reasons]


def _shown(reason: Reason, lang: str, labels: ConceptLabels) -> ShownReason:
    kind = reason.kind
    if kind in (ReasonKind.SUBJECTS, ReasonKind.BROADER, ReasonKind.INFERRED):
        heading = {
            ReasonKind.SUBJECTS: _("Shared subjects"),
            ReasonKind.BROADER: _("Related subjects"),
            ReasonKind.INFERRED: _("Inferred subjects"),
        }[kind]
        values = tuple(_concept(int(item), lang, labels) for item in reason.items)  # type: ignore[arg-type]
        return ShownReason(kind, heading, values)
    if kind == ReasonKind.WORDS:
        pairs = tuple(
            (f"{here} / {there}" if here and here != there else str(there or here), "")
            for here, there in (item for item in reason.items if isinstance(item, tuple))
        )
        return ShownReason(kind, _("Similar words"), pairs)
    if kind == ReasonKind.MAKER:
        return ShownReason(kind, _("Same maker"), tuple((str(name), "") for name in reason.items))
    if kind == ReasonKind.PERIOD:
        return ShownReason(kind, _("Same period"), (_period(str(reason.items[0]), lang),))
    if kind == ReasonKind.DATES:
        first, last = reason.items[0], reason.items[1]
        years = str(first) if first == last else f"{first} – {last}"
        return ShownReason(kind, _("Overlapping dates"), ((years, ""),))
    if kind == ReasonKind.PLACE:
        return ShownReason(kind, _("Same place"), tuple((str(item), "") for item in reason.items))
    if kind == ReasonKind.COUNTRY:
        code = str(reason.items[0])
        return ShownReason(kind, _("Same country"), ((country_name(code, lang) or code, ""),))
    return ShownReason(kind, _("Shared words"), tuple((str(item), "") for item in reason.items))


def _concept(concept_id: int, lang: str, labels: ConceptLabels) -> tuple[str, str]:
    chosen = pick(_without_pinyin(labels.pref_labels.get(concept_id, {})), lang)
    return (chosen.text, chosen.lang) if chosen else (str(concept_id), "")


def _without_pinyin(language_map: dict[str, str] | object) -> dict[str, str]:
    # Pinyin is a way to find a label, not one to show a reader in place of the Chinese.
    items = dict(language_map) if isinstance(language_map, dict) else {}
    return {tag: text for tag, text in items.items() if "Latn" not in tag} or items


def _period(period_id: str, lang: str) -> tuple[str, str]:
    period = gazetteer().get(period_id)
    if period is None:
        return (period_id, "")
    chosen = pick({tag: names[0] for tag, names in period.labels.items() if names}, lang)
    return (chosen.text, chosen.lang) if chosen else (period.label(), "en")


def reason_line(reason: ShownReason) -> str:
    """The reason as plain text ("Shared subjects: landscape, scholar"), for tests and CSV."""
    return f"{reason.heading}: {', '.join(text for text, _tag in reason.values)}"
