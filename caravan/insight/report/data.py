"""The year's figures of an alliance, as plain frozen dataclasses.

Everything here is a read. The report's texts, charts and tables are drawn from one
`WorkReportData`, and the tests check each number in it against a direct count, so nothing a
reader sees is computed twice. Language maps are kept whole: the renderer picks the reader's
language.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q

from caravan.institutions.models import Alliance, Institution

LanguageMap = dict[str, str]


@dataclass(frozen=True)
class YearSpan:
    """A calendar year: ``first`` to ``last`` inclusive; ``after`` is the next year's first day."""

    year: int

    @property
    def first(self) -> datetime.date:
        return datetime.date(self.year, 1, 1)

    @property
    def last(self) -> datetime.date:
        return datetime.date(self.year, 12, 31)

    @property
    def after(self) -> datetime.date:
        return datetime.date(self.year + 1, 1, 1)

    def moment(self, day: datetime.date) -> datetime.datetime:
        """Midnight at the start of a day in the platform's time zone."""
        from django.utils import timezone

        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))

    def timestamp_within(self, field: str) -> Q:
        """Rows whose timestamp `field` falls within the year."""
        return Q(**{f"{field}__gte": self.moment(self.first)}) & Q(
            **{f"{field}__lt": self.moment(self.after)}
        )

    def dates_overlap(self, start: str, end: str) -> Q:
        """Rows whose [start, end] date span (end may be empty: a single day) meets the year."""
        return Q(**{f"{start}__lte": self.last}) & (
            Q(**{f"{end}__gte": self.first})
            | Q(**{f"{end}__isnull": True, f"{start}__gte": self.first})
        )


@dataclass(frozen=True)
class InstitutionRef:
    pk: int
    code: str
    names: LanguageMap
    country: str

    @classmethod
    def of(cls, institution: Institution) -> InstitutionRef:
        return cls(
            pk=institution.pk,
            code=institution.code,
            names=dict(institution.names or {}),
            country=institution.country,
        )


@dataclass(frozen=True)
class ConvenerTerm:
    institution: InstitutionRef
    person: LanguageMap
    start: datetime.date
    end: datetime.date | None
    days_in_year: int


@dataclass(frozen=True)
class MemberEvent:
    """An institution joining (its first member period began) or leaving, and when."""

    institution: InstitutionRef
    on: datetime.date


@dataclass(frozen=True)
class MembershipFigures:
    at_start: int  # members on 1 January
    at_end: int  # members on 31 December
    during_year: int  # members on any day of the year
    joined: tuple[MemberEvent, ...]
    left: tuple[MemberEvent, ...]
    applications_received: int
    applications_accepted: int  # decided during the year
    applications_rejected: int
    by_country: tuple[tuple[str, int], ...]  # members on 31 December, largest first
    members: tuple[InstitutionRef, ...]  # members on any day of the year, by country and code


@dataclass(frozen=True)
class MeetingSummary:
    code: str
    kind: str
    titles: LanguageMap
    starts_on: datetime.date
    ends_on: datetime.date | None
    city: LanguageMap
    country: str
    host: InstitutionRef | None
    sessions: int
    institutions: int
    delegates: int


@dataclass(frozen=True)
class Declaration:
    titles: LanguageMap
    adopted_on: datetime.date | None
    meeting: LanguageMap


@dataclass(frozen=True)
class MeetingFigures:
    meetings: tuple[MeetingSummary, ...]
    sessions: int
    delegations: int  # distinct institutions at any meeting of the year
    delegates: int
    decisions_by_kind: tuple[tuple[str, int], ...]
    decisions: int
    declarations: tuple[Declaration, ...]


@dataclass(frozen=True)
class AgreementSummary:
    code: str
    kind: str
    titles: LanguageMap
    signed_on: datetime.date
    parties: tuple[LanguageMap, ...]
    scope: tuple[str, ...]


@dataclass(frozen=True)
class ExhibitionSummary:
    code: str
    titles: LanguageMap
    status: str
    lead: InstitutionRef
    venues: int  # venues open during the year
    countries: int
    attendance: int  # visitors at the venues open during the year (where counted)
    objects: int  # checklist objects


@dataclass(frozen=True)
class LenderCount:
    institution: InstitutionRef
    objects: int


@dataclass(frozen=True)
class LoanFigures:
    requests: int  # submitted during the year
    by_status: tuple[tuple[str, int], ...]
    objects: int
    objects_approved: int
    international: int  # lender and borrower in different countries
    lenders: tuple[LenderCount, ...]


@dataclass(frozen=True)
class ProgrammeSummary:
    code: str
    kind: str
    titles: LanguageMap
    host: InstitutionRef
    starts_on: datetime.date
    ends_on: datetime.date | None
    participants: int
    institutions: int


@dataclass(frozen=True)
class CatalogueRow:
    institution: InstitutionRef
    added: int
    withdrawn: int
    total: int  # at the end of the year


@dataclass(frozen=True)
class QualityRow:
    institution: InstitutionRef
    records: int
    score: float  # 0–100
    criteria: tuple[tuple[str, float], ...]  # criterion key, share 0–100


@dataclass(frozen=True)
class CatalogueFigures:
    added: int
    withdrawn: int
    total: int
    total_at_start: int
    by_member: tuple[CatalogueRow, ...]  # most added first
    added_by_month: tuple[int, ...]  # twelve numbers
    quality: tuple[QualityRow, ...]
    quality_criteria: tuple[str, ...]  # criterion keys, labelled when rendered


@dataclass(frozen=True)
class WorkReportData:
    alliance_code: str
    alliance_names: LanguageMap
    acronym: str
    year: int
    conveners: tuple[ConvenerTerm, ...]  # longest in the year first
    membership: MembershipFigures
    meetings: MeetingFigures
    agreements: tuple[AgreementSummary, ...]
    exhibitions: tuple[ExhibitionSummary, ...]
    loans: LoanFigures
    programmes: tuple[ProgrammeSummary, ...]
    catalogue: CatalogueFigures

    @property
    def convener(self) -> ConvenerTerm | None:
        return self.conveners[0] if self.conveners else None

    @property
    def exchanges(self) -> tuple[ProgrammeSummary, ...]:
        return tuple(p for p in self.programmes if p.kind != "training")

    @property
    def trainings(self) -> tuple[ProgrammeSummary, ...]:
        return tuple(p for p in self.programmes if p.kind == "training")


def alliance_ref(alliance: Alliance) -> tuple[str, LanguageMap, str]:
    return alliance.code, dict(alliance.names or {}), alliance.acronym
