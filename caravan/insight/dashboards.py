"""A dashboard's figures: the collection's coverage turned into charts with readers' labels.

Each figure is built from `Coverage` (caravan.insight.collection) alone, so the page, its table
alternatives and its CSV downloads all show the same counts, and a test can recount each one
from the database.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate

from django.utils.translation import gettext as _
from django.utils.translation import override

from caravan.catalogue.quality import CRITERIA, TIER_LABELS, Criterion
from caravan.core.langmap import pick
from caravan.insight.charts import Figure
from caravan.insight.collection import Coverage, MemberFigures
from caravan.search.facets import Directory, directory, facet_label

# Beyond this span (a record from the Palaeolithic, say) empty centuries are left out.
MAX_TIMELINE_CENTURIES = 300
# The address of the records a row counts: the dashboard's search narrowed by these filters.
Linker = Callable[[Mapping[str, str]], str]


@dataclass(frozen=True)
class QualityRow:
    """One member's completeness: the share meeting each criterion and where the failures are."""

    code: str
    name: str
    total: int
    score: float
    tiers: tuple[int, ...]
    criteria: tuple[tuple[Criterion, int, float, str], ...]  # criterion, failing, % met, link


def member_score(member: MemberFigures) -> float:
    """The average share of criteria met by a member's records, 0–100."""
    if not member.total:
        return 0.0
    failures = sum(member.missing.get(each.code, 0) for each in CRITERIA)
    return round(100 * (1 - failures / (member.total * len(CRITERIA))), 1)


def share(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def dashboard_figures(coverage: Coverage, *, lang: str, link: Linker) -> dict[str, Figure]:
    """Every chart of a dashboard, keyed by figure key, labelled in `lang`."""
    places = directory()
    with override(lang):
        figures = [
            _members(coverage, lang, places, link),
            _facet("countries", _("Records by country of production"), _("Country"),
                   "country", coverage.countries, lang, places, link),
            _facet("object_types", _("Most frequent object types"), _("Object type"),
                   "object_type", coverage.object_types, lang, places, link),
            _facet("materials", _("Most frequent materials"), _("Material"),
                   "material", coverage.materials, lang, places, link),
            _facet("periods", _("Most frequent periods"), _("Period"),
                   "period", coverage.periods, lang, places, link),
            _timeline(coverage, lang, places, link),
            _images(coverage, lang, places),
            _licences(coverage, lang, places),
            _quality(coverage, lang, places),
            _completeness(coverage, link),
            _growth(coverage),
        ]  # fmt: skip
    return {figure.key: figure for figure in figures}


def quality_rows(coverage: Coverage, *, lang: str, link: Linker) -> list[QualityRow]:
    """The field-by-field completeness table: one row per member, largest first."""
    places = directory()
    rows = []
    for pk, member in _ranked(coverage.members):
        code = places.institution_codes.get(pk, str(pk))
        rows.append(
            QualityRow(
                code=code,
                name=_name(pk, lang, places),
                total=member.total,
                score=member_score(member),
                tiers=tuple(member.tiers.get(tier, 0) for tier in TIER_LABELS),
                criteria=tuple(
                    (
                        each,
                        member.missing.get(each.code, 0),
                        share(member.total - member.missing.get(each.code, 0), member.total),
                        link({"missing": each.code, "institution": code}),
                    )
                    for each in CRITERIA
                ),
            )
        )
    return rows


def _ranked(members: Mapping[int, MemberFigures]) -> list[tuple[int, MemberFigures]]:
    return sorted(members.items(), key=lambda item: (-item[1].total, item[0]))


def _name(pk: int, lang: str, places: Directory) -> str:
    chosen = pick(places.institution_names.get(pk), lang)
    return chosen.text if chosen else places.institution_codes.get(pk, str(pk))


def _members(coverage: Coverage, lang: str, places: Directory, link: Linker) -> Figure:
    ranked = _ranked(coverage.members)
    codes = [places.institution_codes.get(pk, str(pk)) for pk, _member in ranked]
    return Figure(
        key="members",
        title=_("Records by member"),
        columns=(_("Member"), _("Records"), _("Code")),
        rows=tuple(
            (_name(pk, lang, places), member.total, code)
            for (pk, member), code in zip(ranked, codes, strict=True)
        ),
        summary=_("%(total)s records from %(members)s members.")
        % {"total": f"{coverage.total:,}", "members": len(ranked)},
        links=tuple(link({"institution": code}) for code in codes),
    )


def _facet(
    key: str,
    title: str,
    heading: str,
    facet: str,
    counts: Mapping[str, int],
    lang: str,
    places: Directory,
    link: Linker,
) -> Figure:
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return Figure(
        key=key,
        title=title,
        columns=(heading, _("Records"), _("Key")),
        rows=tuple(
            (facet_label(facet, value, lang=lang, places=places), count, value)
            for value, count in ranked
        ),
        links=tuple(link({facet: value}) for value, _count in ranked),
    )


def _timeline(coverage: Coverage, lang: str, places: Directory, link: Linker) -> Figure:
    centuries = _every_century(coverage.centuries)
    return Figure(
        key="timeline",
        title=_("Timeline: records by century"),
        columns=(_("Century"), _("Records"), _("Century number")),
        rows=tuple(
            (facet_label("century", str(number), lang=lang, places=places), count, number)
            for number, count in centuries
        ),
        kind="columns",
        summary=_(
            "%(dated)s of %(total)s records are dated to a century; the others are undated "
            "or dated more loosely than six centuries."
        )
        % {"dated": f"{coverage.dated:,}", "total": f"{coverage.total:,}"},
        links=tuple(link({"century": str(number)}) for number, _count in centuries),
    )


def _every_century(counts: Mapping[int, int]) -> list[tuple[int, int]]:
    """The centuries from the earliest to the latest, empty ones included, so that the
    timeline's columns stand for equal spans of time (there is no century zero)."""
    if not counts or max(counts) - min(counts) > MAX_TIMELINE_CENTURIES:
        return sorted(counts.items())
    return [
        (century, counts.get(century, 0))
        for century in range(min(counts), max(counts) + 1)
        if century != 0
    ]


def _per_member_share(
    coverage: Coverage,
    lang: str,
    places: Directory,
    *,
    key: str,
    title: str,
    heading: str,
    part: Callable[[MemberFigures], int],
    whole_part: int,
) -> Figure:
    ranked = _ranked(coverage.members)
    return Figure(
        key=key,
        title=title,
        columns=(_("Member"), _("Share (%)"), heading, _("Records")),
        rows=tuple(
            (_name(pk, lang, places), share(part(member), member.total), part(member), member.total)
            for pk, member in ranked
        ),
        kind="shares",
        summary=_("%(share)s%% of all %(total)s records.")
        % {"share": share(whole_part, coverage.total), "total": f"{coverage.total:,}"},
    )


def _images(coverage: Coverage, lang: str, places: Directory) -> Figure:
    return _per_member_share(
        coverage,
        lang,
        places,
        key="images",
        title=_("Share of records with images"),
        heading=_("With images"),
        part=lambda member: member.with_image,
        whole_part=coverage.with_image,
    )


def _licences(coverage: Coverage, lang: str, places: Directory) -> Figure:
    return _per_member_share(
        coverage,
        lang,
        places,
        key="open_licences",
        title=_("Share of records openly licensed (CC0, Public Domain Mark, CC BY, CC BY-SA)"),
        heading=_("Openly licensed"),
        part=lambda member: member.openly_licensed,
        whole_part=coverage.openly_licensed,
    )


def _quality(coverage: Coverage, lang: str, places: Directory) -> Figure:
    ranked = _ranked(coverage.members)
    tier_headings = [_("Tier %(tier)s") % {"tier": label} for label in TIER_LABELS.values()]
    return Figure(
        key="quality",
        title=_("Metadata completeness by member (average share of the ten criteria met)"),
        columns=(_("Member"), _("Score (%)"), _("Records"), *tier_headings),
        rows=tuple(
            (
                _name(pk, lang, places),
                member_score(member),
                member.total,
                *(member.tiers.get(tier, 0) for tier in TIER_LABELS),
            )
            for pk, member in ranked
        ),
        kind="shares",
    )


def _completeness(coverage: Coverage, link: Linker) -> Figure:
    failing = {
        each.code: sum(member.missing.get(each.code, 0) for member in coverage.members.values())
        for each in CRITERIA
    }
    return Figure(
        key="completeness",
        title=_("Records meeting each completeness criterion"),
        columns=(_("Criterion"), _("Share (%)"), _("Records failing"), _("Code")),
        rows=tuple(
            (
                str(each.label),
                share(coverage.total - failing[each.code], coverage.total),
                failing[each.code],
                each.code,
            )
            for each in CRITERIA
        ),
        kind="shares",
        links=tuple(link({"missing": each.code}) for each in CRITERIA),
    )


def _growth(coverage: Coverage) -> Figure:
    months: Sequence[tuple[object, int]] = list(coverage.added_by_month.items())
    totals = list(accumulate(count for _month, count in months))
    return Figure(
        key="growth",
        title=_("Growth: records in the catalogue, by month added"),
        columns=(_("Month"), _("Records in total"), _("Added that month")),
        rows=tuple(
            (f"{month:%Y-%m}", total, count)
            for (month, count), total in zip(months, totals, strict=True)
        ),
        kind="line",
    )
