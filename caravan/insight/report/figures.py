"""The report's charts: Figures built from a WorkReportData, in the active language."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.utils import formats
from django.utils.translation import get_language, gettext

from caravan.cooperation.models import ProgrammeKind
from caravan.core.codes import country_name
from caravan.core.langmap import pick
from caravan.exhibitions.workflow import LoanStatus
from caravan.insight.charts import Figure
from caravan.insight.report.data import InstitutionRef, WorkReportData
from caravan.insight.report.quality import criterion_label
from caravan.institutions.models import DecisionKind


def text_of(language_map: Mapping[str, str] | None, fallback: str = "") -> str:
    """The reader's best text of a language map, as plain text (escaped where shown)."""
    chosen = pick(language_map, get_language() or "en")
    return chosen.text if chosen else fallback


def institution_name(ref: InstitutionRef) -> str:
    return text_of(ref.names, ref.code)


def choice_label(choices: type, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value  # type: ignore[attr-defined]


def report_figures(data: WorkReportData) -> list[Figure]:
    """Every chart of the report that has something to show, in the order of the sections."""
    candidates = [
        _members_by_country(data),
        _decisions_by_kind(data),
        _exhibition_attendance(data),
        _loans_by_status(data),
        _programmes_by_kind(data),
        _objects_by_month(data),
        _objects_by_member(data),
        _quality_by_member(data),
    ]
    return [figure for figure in candidates if figure.rows]


def _members_by_country(data: WorkReportData) -> Figure:
    language = get_language() or "en"
    return Figure(
        key="members-by-country",
        title=gettext("Members by country on 31 December"),
        columns=(gettext("Country"), gettext("Members")),
        rows=tuple((country_name(code, language), n) for code, n in data.membership.by_country),
        summary=gettext("%(count)s members in %(countries)s countries.")
        % {"count": data.membership.at_end, "countries": len(data.membership.by_country)},
    )


def _decisions_by_kind(data: WorkReportData) -> Figure:
    return Figure(
        key="decisions-by-kind",
        title=gettext("Council decisions by kind"),
        columns=(gettext("Kind"), gettext("Decisions")),
        rows=tuple(
            (choice_label(DecisionKind, kind), n) for kind, n in data.meetings.decisions_by_kind
        ),
    )


def _exhibition_attendance(data: WorkReportData) -> Figure:
    counted = [e for e in data.exhibitions if e.attendance]
    return Figure(
        key="exhibition-attendance",
        title=gettext("Visitors to the exhibitions shown during the year"),
        columns=(gettext("Exhibition"), gettext("Visitors"), gettext("Venues"), gettext("Objects")),
        rows=tuple((text_of(e.titles, e.code), e.attendance, e.venues, e.objects) for e in counted),
    )


def _loans_by_status(data: WorkReportData) -> Figure:
    return Figure(
        key="loans-by-status",
        title=gettext("Loan requests of the year by their present status"),
        columns=(gettext("Status"), gettext("Loan requests")),
        rows=tuple((choice_label(LoanStatus, s), n) for s, n in data.loans.by_status),
    )


def _programmes_by_kind(data: WorkReportData) -> Figure:
    counts: dict[str, list[int]] = {}
    for programme in data.programmes:
        row = counts.setdefault(programme.kind, [0, 0])
        row[0] += 1
        row[1] += programme.participants
    return Figure(
        key="programmes-by-kind",
        title=gettext("Exchanges and trainings"),
        columns=(gettext("Kind"), gettext("Programmes"), gettext("Participants")),
        rows=tuple(
            (choice_label(ProgrammeKind, kind), n, people)
            for kind, (n, people) in sorted(counts.items())
        ),
        kind="columns",
    )


def _objects_by_month(data: WorkReportData) -> Figure:
    if not data.catalogue.added:
        return Figure(key="objects-by-month", title="", columns=("", ""), rows=())
    months = [
        formats.date_format(datetime.date(data.year, month, 1), "M") for month in range(1, 13)
    ]
    return Figure(
        key="objects-by-month",
        title=gettext("Records added to the catalogue, month by month"),
        columns=(gettext("Month"), gettext("Records added")),
        rows=tuple(zip(months, data.catalogue.added_by_month, strict=True)),
        kind="columns",
        summary=gettext("%(count)s records added during the year.")
        % {"count": data.catalogue.added},
    )


def _objects_by_member(data: WorkReportData) -> Figure:
    rows = tuple(
        (institution_name(row.institution), row.added, row.total)
        for row in data.catalogue.by_member
        if row.added or row.total
    )
    return Figure(
        key="objects-by-member",
        title=gettext("Records added by each member"),
        columns=(gettext("Member"), gettext("Records added"), gettext("Records at year end")),
        rows=rows,
    )


def _quality_by_member(data: WorkReportData) -> Figure:
    criteria = data.catalogue.quality_criteria
    return Figure(
        key="quality-by-member",
        title=gettext("Completeness of each member's records"),
        columns=(
            gettext("Member"),
            gettext("Score (%)"),
            *(criterion_label(key) for key in criteria),
        ),
        rows=tuple(
            (institution_name(row.institution), row.score, *(share for _k, share in row.criteria))
            for row in data.catalogue.quality
        ),
        kind="shares",
        summary=gettext("The average share of records meeting each criterion."),
    )
