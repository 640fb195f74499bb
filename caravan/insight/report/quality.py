"""Catalogue quality for the report: per member, the share of records meeting each of the ten
completeness criteria (caravan.catalogue.quality) — the same figures the dashboards show, counted
by the search index over every record the members hold now (the report is the secretariat's own
document, so members-only and private records count too)."""

from __future__ import annotations

from caravan.catalogue.quality import CRITERIA, CRITERION_CODES, criterion
from caravan.catalogue.selectors import VisibilityScope
from caravan.insight.collection import coverage
from caravan.insight.dashboards import member_score, share
from caravan.insight.report.data import InstitutionRef, QualityRow
from caravan.search.types import SearchRequest


def criterion_label(key: str) -> str:
    """The criterion's label in the active language."""
    found = criterion(key)
    return str(found.label) if found else key


def catalogue_quality(
    *, members: tuple[InstitutionRef, ...]
) -> tuple[tuple[str, ...], tuple[QualityRow, ...]]:
    """Criteria and one row per member holding records, best score first."""
    if not members:
        return CRITERION_CODES, ()
    request = SearchRequest(filters={"institution": tuple(member.code for member in members)})
    found = coverage(request, scope=VisibilityScope(everything=True))
    by_id = {member.pk: member for member in members}
    rows = []
    for pk, figures in found.members.items():
        if pk not in by_id or not figures.total:
            continue
        shares = tuple(
            (each.code, share(figures.total - figures.missing.get(each.code, 0), figures.total))
            for each in CRITERIA
        )
        rows.append(
            QualityRow(
                institution=by_id[pk],
                records=figures.total,
                score=member_score(figures),
                criteria=shares,
            )
        )
    rows.sort(key=lambda row: (-row.score, row.institution.code))
    return CRITERION_CODES, tuple(rows)
