"""Gather an alliance's year into a `WorkReportData`: who was a member, what they did together.

Scope: the institutions that were members of the alliance on any day of the year. Meetings,
decisions and declarations are the alliance's own; agreements, exhibitions, loans and
programmes count when made in the alliance or when a member takes part — a private agreement
only when the alliance itself made it or is a party, a loan only when a member lends or
borrows, so nothing private between outsiders reaches the report.
"""

from __future__ import annotations

import datetime

from django.db.models import Count, F, Min, Q, QuerySet, Sum

from caravan.catalogue.models import CatalogueObject
from caravan.cooperation.models import (
    Agreement,
    AgreementVisibility,
    DocumentKind,
    Event,
    EventDocument,
    EventParticipation,
    Programme,
)
from caravan.exhibitions.models import Exhibition, LoanObject, LoanRequest, ObjectDecision, Venue
from caravan.exhibitions.workflow import ExhibitionStatus
from caravan.insight.report.data import (
    AgreementSummary,
    CatalogueFigures,
    CatalogueRow,
    ConvenerTerm,
    Declaration,
    ExhibitionSummary,
    InstitutionRef,
    LenderCount,
    LoanFigures,
    MeetingFigures,
    MeetingSummary,
    MemberEvent,
    MembershipFigures,
    ProgrammeSummary,
    WorkReportData,
    YearSpan,
)
from caravan.insight.report.quality import catalogue_quality
from caravan.institutions.models import (
    Alliance,
    ApplicationStatus,
    CouncilDecision,
    Institution,
    Membership,
    MembershipApplication,
    MembershipStatus,
    Office,
    OfficeTerm,
)


def work_report_data(*, alliance: Alliance, year: int) -> WorkReportData:
    """Every figure of the alliance's work report for a calendar year."""
    span = YearSpan(year)
    members = members_during(alliance, span)
    member_ids = [ref.pk for ref in members]
    return WorkReportData(
        alliance_code=alliance.code,
        alliance_names=dict(alliance.names or {}),
        acronym=alliance.acronym,
        year=year,
        conveners=conveners_during(alliance, span),
        membership=membership_figures(alliance, span, members),
        meetings=meeting_figures(alliance, span),
        agreements=agreements_signed(alliance, span, member_ids),
        exhibitions=exhibitions_shown(alliance, span, member_ids),
        loans=loan_figures(span, member_ids),
        programmes=programmes_held(alliance, span, member_ids),
        catalogue=catalogue_figures(span, members),
    )


# --- Members and governance --------------------------------------------------------------------


def _member_periods(alliance: Alliance) -> QuerySet[Membership]:
    return Membership.objects.filter(alliance=alliance, status=MembershipStatus.MEMBER)


def _covering(day: datetime.date) -> Q:
    """A period runs from its start up to, not including, its end (the next period's start)."""
    return Q(start_date__lte=day) & (Q(end_date__isnull=True) | Q(end_date__gt=day))


def members_during(alliance: Alliance, span: YearSpan) -> tuple[InstitutionRef, ...]:
    """Institutions that were members on at least one day of the year."""
    ids = (
        _member_periods(alliance)
        .filter(start_date__lte=span.last)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=span.first))
        .values("institution_id")
    )
    institutions = Institution.objects.filter(pk__in=ids).order_by("country", "code")
    return tuple(InstitutionRef.of(institution) for institution in institutions)


def members_on(alliance: Alliance, day: datetime.date) -> QuerySet[Institution]:
    ids = _member_periods(alliance).filter(_covering(day)).values("institution_id")
    return Institution.objects.filter(pk__in=ids)


def membership_figures(
    alliance: Alliance, span: YearSpan, members: tuple[InstitutionRef, ...]
) -> MembershipFigures:
    at_end = members_on(alliance, span.last)
    firsts = (
        _member_periods(alliance)
        .values("institution_id")
        .annotate(first=Min("start_date"))
        .filter(first__gte=span.first, first__lte=span.last)
    )
    joined_on = {row["institution_id"]: row["first"] for row in firsts}
    left_rows = Membership.objects.filter(
        alliance=alliance,
        status=MembershipStatus.WITHDRAWN,
        start_date__gte=span.first,
        start_date__lte=span.last,
    ).select_related("institution")
    applications = MembershipApplication.objects.filter(alliance=alliance)
    decided = applications.filter(
        decision__decided_on__gte=span.first, decision__decided_on__lte=span.last
    )
    by_country = at_end.values("country").annotate(n=Count("id")).order_by("-n", "country")
    return MembershipFigures(
        at_start=members_on(alliance, span.first).count(),
        at_end=at_end.count(),
        during_year=len(members),
        joined=tuple(
            MemberEvent(institution=InstitutionRef.of(institution), on=joined_on[institution.pk])
            for institution in sorted(
                Institution.objects.filter(pk__in=joined_on),
                key=lambda i: (joined_on[i.pk], i.code),
            )
        ),
        left=tuple(
            MemberEvent(institution=InstitutionRef.of(row.institution), on=row.start_date)
            for row in left_rows.order_by("start_date", "institution__code")
        ),
        applications_received=applications.filter(span.timestamp_within("submitted_at")).count(),
        applications_accepted=decided.filter(status=ApplicationStatus.ACCEPTED).count(),
        applications_rejected=decided.filter(status=ApplicationStatus.REJECTED).count(),
        by_country=tuple((row["country"], row["n"]) for row in by_country),
        members=members,
    )


def conveners_during(alliance: Alliance, span: YearSpan) -> tuple[ConvenerTerm, ...]:
    """The rotating conveners whose terms fall in the year, the longest-serving first."""
    terms = (
        OfficeTerm.objects.filter(alliance=alliance, office=Office.CONVENER)
        .filter(start_date__lte=span.last)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=span.first))
        .select_related("institution", "person")
    )
    result = []
    for term in terms:
        first = max(term.start_date, span.first)
        last = (
            min(term.end_date - datetime.timedelta(days=1), span.last)
            if term.end_date
            else span.last
        )
        result.append(
            ConvenerTerm(
                institution=InstitutionRef.of(term.institution),
                person=dict(term.person.names or {}) if term.person else {},
                start=term.start_date,
                end=term.end_date,
                days_in_year=(last - first).days + 1,
            )
        )
    return tuple(sorted(result, key=lambda t: (-t.days_in_year, t.start)))


# --- Meetings, decisions, declarations -----------------------------------------------------------


def meeting_figures(alliance: Alliance, span: YearSpan) -> MeetingFigures:
    events = (
        Event.objects.filter(alliance=alliance, starts_on__gte=span.first, starts_on__lte=span.last)
        .select_related("host")
        .annotate(
            session_count=Count("sessions", distinct=True),
            institution_count=Count("participations", distinct=True),
        )
        .order_by("starts_on", "code")
    )
    meetings = tuple(
        MeetingSummary(
            code=event.code,
            kind=event.kind,
            titles=dict(event.titles or {}),
            starts_on=event.starts_on,
            ends_on=event.ends_on,
            city=dict(event.city or {}),
            country=event.country,
            host=InstitutionRef.of(event.host) if event.host else None,
            sessions=event.session_count,
            institutions=event.institution_count,
            delegates=_delegates(event),
        )
        for event in events
    )
    participations = EventParticipation.objects.filter(event__in=events.values("pk"))
    decisions = CouncilDecision.objects.filter(
        alliance=alliance, decided_on__gte=span.first, decided_on__lte=span.last
    )
    by_kind = decisions.values("kind").annotate(n=Count("id")).order_by("-n", "kind")
    return MeetingFigures(
        meetings=meetings,
        sessions=sum(m.sessions for m in meetings),
        delegations=participations.values("institution_id").distinct().count(),
        delegates=sum(m.delegates for m in meetings),
        decisions_by_kind=tuple((row["kind"], row["n"]) for row in by_kind),
        decisions=decisions.count(),
        declarations=declarations_adopted(alliance, span),
    )


def _delegates(event: Event) -> int:
    total = event.participations.aggregate(total=Sum("delegates"))["total"]
    return int(total or 0)


def declarations_adopted(alliance: Alliance, span: YearSpan) -> tuple[Declaration, ...]:
    """Declarations of the alliance's meetings adopted in the year (undated: the meeting's)."""
    documents = (
        EventDocument.objects.filter(event__alliance=alliance, kind=DocumentKind.DECLARATION)
        .filter(
            Q(adopted_on__gte=span.first, adopted_on__lte=span.last)
            | Q(
                adopted_on__isnull=True,
                event__starts_on__gte=span.first,
                event__starts_on__lte=span.last,
            )
        )
        .select_related("event")
        .order_by("adopted_on", "id")
    )
    return tuple(
        Declaration(
            titles=dict(document.titles or {}),
            adopted_on=document.adopted_on or document.event.starts_on,
            meeting=dict(document.event.titles or {}),
        )
        for document in documents
    )


# --- Agreements, exhibitions, loans, programmes ------------------------------------------------


def agreements_in_scope(alliance: Alliance, member_ids: list[int]) -> QuerySet[Agreement]:
    ours = Q(alliance=alliance) | Q(parties__alliance=alliance)
    members = Q(parties__institution_id__in=member_ids) & ~Q(visibility=AgreementVisibility.PRIVATE)
    ids = Agreement.objects.filter(ours | members).values("pk")
    return Agreement.objects.filter(pk__in=ids)


def agreements_signed(
    alliance: Alliance, span: YearSpan, member_ids: list[int]
) -> tuple[AgreementSummary, ...]:
    agreements = (
        agreements_in_scope(alliance, member_ids)
        .filter(signed_on__gte=span.first, signed_on__lte=span.last)
        .prefetch_related("parties__institution", "parties__alliance")
        .order_by("signed_on", "code")
    )
    return tuple(
        AgreementSummary(
            code=agreement.code,
            kind=agreement.kind,
            titles=dict(agreement.titles or {}),
            signed_on=agreement.signed_on,  # type: ignore[arg-type]  # filtered on above
            parties=tuple(dict(party.party.names or {}) for party in agreement.parties.all()),
            scope=tuple(agreement.scope or ()),
        )
        for agreement in agreements
    )


def exhibitions_in_scope(alliance: Alliance, member_ids: list[int]) -> QuerySet[Exhibition]:
    ids = Exhibition.objects.filter(
        Q(alliance=alliance) | Q(lead_organiser_id__in=member_ids) | Q(co_organisers__in=member_ids)
    ).values("pk")
    return Exhibition.objects.filter(pk__in=ids).exclude(status=ExhibitionStatus.CANCELLED)


def exhibitions_shown(
    alliance: Alliance, span: YearSpan, member_ids: list[int]
) -> tuple[ExhibitionSummary, ...]:
    """Exhibitions open at some venue during the year, the most visited first."""
    in_year = Venue.objects.filter(span.dates_overlap("opens_on", "closes_on"))
    exhibitions = (
        exhibitions_in_scope(alliance, member_ids)
        .filter(pk__in=in_year.values("exhibition_id"))
        .select_related("lead_organiser")
    )
    summaries = []
    for exhibition in exhibitions:
        venues = in_year.filter(exhibition=exhibition)
        summaries.append(
            ExhibitionSummary(
                code=exhibition.code,
                titles=dict(exhibition.titles or {}),
                status=exhibition.status,
                lead=InstitutionRef.of(exhibition.lead_organiser),
                venues=venues.count(),
                countries=venues.exclude(country="").values("country").distinct().count(),
                attendance=int(venues.aggregate(total=Sum("attendance"))["total"] or 0),
                objects=exhibition.checklist.count(),
            )
        )
    return tuple(sorted(summaries, key=lambda e: (-e.attendance, -e.objects, e.code)))


def loans_in_scope(span: YearSpan, member_ids: list[int]) -> QuerySet[LoanRequest]:
    """Loan requests submitted during the year in which a member lends or borrows."""
    return LoanRequest.objects.filter(
        Q(lender_id__in=member_ids) | Q(borrower_id__in=member_ids)
    ).filter(span.timestamp_within("submitted_at"))


def loan_figures(span: YearSpan, member_ids: list[int]) -> LoanFigures:
    loans = loans_in_scope(span, member_ids)
    objects = LoanObject.objects.filter(loan__in=loans.values("pk"))
    by_status = loans.values("status").annotate(n=Count("id")).order_by("-n", "status")
    lenders = (
        objects.values("loan__lender_id").annotate(n=Count("id")).order_by("-n", "loan__lender_id")
    )
    lender_refs = Institution.objects.in_bulk([row["loan__lender_id"] for row in lenders])
    return LoanFigures(
        requests=loans.count(),
        by_status=tuple((row["status"], row["n"]) for row in by_status),
        objects=objects.count(),
        objects_approved=objects.filter(decision=ObjectDecision.APPROVED).count(),
        international=loans.exclude(lender__country=F("borrower__country")).count(),
        lenders=tuple(
            LenderCount(
                institution=InstitutionRef.of(lender_refs[row["loan__lender_id"]]),
                objects=row["n"],
            )
            for row in lenders
        ),
    )


def programmes_held(
    alliance: Alliance, span: YearSpan, member_ids: list[int]
) -> tuple[ProgrammeSummary, ...]:
    """Exchanges, trainings and residencies running on some day of the year."""
    programmes = (
        Programme.objects.filter(Q(alliance=alliance) | Q(host_id__in=member_ids))
        .filter(span.dates_overlap("starts_on", "ends_on"))
        .select_related("host")
        .prefetch_related("sending")
        .annotate(participant_count=Count("participants", distinct=True))
        .order_by("starts_on", "code")
    )
    return tuple(
        ProgrammeSummary(
            code=programme.code,
            kind=programme.kind,
            titles=dict(programme.titles or {}),
            host=InstitutionRef.of(programme.host),
            starts_on=programme.starts_on,
            ends_on=programme.ends_on,
            participants=programme.participant_count,
            institutions=len({programme.host_id, *(i.pk for i in programme.sending.all())}),
        )
        for programme in programmes
    )


# --- Catalogue -----------------------------------------------------------------------------------


def catalogue_figures(span: YearSpan, members: tuple[InstitutionRef, ...]) -> CatalogueFigures:
    """Objects the members added and withdrew during the year, and their totals at its end."""
    start, end = span.moment(span.first), span.moment(span.after)
    objects = CatalogueObject.objects.filter(institution_id__in=[m.pk for m in members])
    added = Q(created_at__gte=start, created_at__lt=end)
    withdrawn = Q(withdrawn_at__gte=start, withdrawn_at__lt=end)

    def held_on(moment: datetime.datetime) -> Q:
        return Q(created_at__lt=moment) & (
            Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gte=moment)
        )

    rows = objects.values("institution_id").annotate(
        added=Count("id", filter=added),
        withdrawn=Count("id", filter=withdrawn),
        total=Count("id", filter=held_on(end)),
        total_at_start=Count("id", filter=held_on(start)),
    )
    counted = {row["institution_id"]: row for row in rows}
    by_member = sorted(
        (
            CatalogueRow(
                institution=member,
                added=counted.get(member.pk, {}).get("added", 0),
                withdrawn=counted.get(member.pk, {}).get("withdrawn", 0),
                total=counted.get(member.pk, {}).get("total", 0),
            )
            for member in members
        ),
        key=lambda row: (-row.added, -row.total, row.institution.code),
    )
    months = objects.aggregate(
        **{f"m{month}": Count("id", filter=_month(span, month)) for month in range(1, 13)}
    )
    criteria, quality = catalogue_quality(members=members)
    return CatalogueFigures(
        added=sum(row.added for row in by_member),
        withdrawn=sum(row.withdrawn for row in by_member),
        total=sum(row.total for row in by_member),
        total_at_start=sum(row["total_at_start"] for row in counted.values()),
        by_member=tuple(by_member),
        added_by_month=tuple(int(months[f"m{month}"]) for month in range(1, 13)),
        quality=quality,
        quality_criteria=criteria,
    )


def _month(span: YearSpan, month: int) -> Q:
    first = datetime.date(span.year, month, 1)
    after = datetime.date(span.year + (month == 12), month % 12 + 1, 1)
    return Q(created_at__gte=span.moment(first), created_at__lt=span.moment(after))
