"""Writes for institutions, alliances and memberships.

Every service validates the whole object before saving and raises django's ValidationError with
a message a secretariat officer can act on; nothing is written when validation fails.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from caravan.accounts.models import User
from caravan.accounts.permissions import can_manage_alliance
from caravan.audit.services import audit_record
from caravan.core.langmap import LanguageMap, LanguageMapError, clean_language_map
from caravan.institutions.models import (
    SINGLE_HOLDER_OFFICES,
    Alliance,
    ApplicationDocument,
    ApplicationStatus,
    CouncilDecision,
    Institution,
    InstitutionType,
    Membership,
    MembershipApplication,
    MembershipRole,
    MembershipStatus,
    Office,
    OfficeTerm,
    Person,
)

INSTITUTION_FIELDS = (
    "short_name",
    "type",
    "city",
    "latitude",
    "longitude",
    "isil",
    "wikidata",
    "website",
    "description",
)
ALLIANCE_FIELDS = ("acronym", "founded", "description", "is_sample")


def _language_map(value: Any, field: str) -> LanguageMap:
    try:
        return clean_language_map(value)
    except LanguageMapError as error:
        raise ValidationError({field: str(error)}) from error


def institution_create(
    *,
    code: str,
    names: LanguageMap,
    country: str,
    type: str = InstitutionType.OTHER,
    **details: Any,
) -> Institution:
    """Create an institution; refuses a taken code, an unknown country or type, a bad tag."""
    institution = Institution(
        code=code, names=_language_map(names, "names"), country=country, type=type
    )
    _apply(institution, details, INSTITUTION_FIELDS)
    _require_name(institution.names)
    institution.full_clean()
    institution.save()
    return institution


def institution_upsert(
    *, code: str, names: LanguageMap, country: str, **details: Any
) -> Institution:
    """Create the institution, or bring the existing one with this code up to date."""
    institution = Institution.objects.filter(code=code).first()
    if institution is None:
        return institution_create(code=code, names=names, country=country, **details)
    institution.names = _language_map(names, "names")
    institution.country = country
    _apply(institution, details, (*INSTITUTION_FIELDS, "type"))
    institution.full_clean()
    institution.save()
    return institution


def alliance_create(*, code: str, names: LanguageMap, **details: Any) -> Alliance:
    alliance = Alliance(code=code, names=_language_map(names, "names"))
    _apply(alliance, details, (*ALLIANCE_FIELDS, "secretariat"))
    _require_name(alliance.names)
    alliance.full_clean()
    alliance.save()
    return alliance


def alliance_upsert(*, code: str, names: LanguageMap, **details: Any) -> Alliance:
    alliance = Alliance.objects.filter(code=code).first()
    if alliance is None:
        return alliance_create(code=code, names=names, **details)
    alliance.names = _language_map(names, "names")
    _apply(alliance, details, (*ALLIANCE_FIELDS, "secretariat"))
    alliance.full_clean()
    alliance.save()
    return alliance


def _apply(instance: Any, details: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(details) - set(allowed)
    if unknown:
        raise TypeError(f"unexpected fields: {', '.join(sorted(unknown))}")
    for field, value in details.items():
        field_object = instance._meta.get_field(field)
        if field_object.get_internal_type() == "JSONField":
            value = _language_map(value, field)
        setattr(instance, field, value)


def _require_name(names: LanguageMap) -> None:
    if not names:
        raise ValidationError({"names": "a name is needed in at least one language"})


@transaction.atomic
def membership_add(
    *,
    institution: Institution,
    alliance: Alliance,
    role: str = MembershipRole.MEMBER,
    status: str = MembershipStatus.MEMBER,
    start_date: datetime.date | None = None,
    note: str = "",
) -> Membership:
    """Open a membership period. Refused while the institution already has a current one there."""
    if Membership.objects.filter(
        institution=institution, alliance=alliance, end_date__isnull=True
    ).exists():
        raise ValidationError(
            f"{institution.code} already has a current membership of {alliance.code}; "
            "change it instead of adding another"
        )
    return _open_period(
        institution=institution,
        alliance=alliance,
        role=role,
        status=status,
        start_date=start_date or timezone.localdate(),
        note=note,
    )


def _open_period(
    *,
    institution: Institution,
    alliance: Alliance,
    role: str,
    status: str,
    start_date: datetime.date,
    note: str,
) -> Membership:
    period = Membership(
        institution=institution,
        alliance=alliance,
        role=role,
        status=status,
        start_date=start_date,
        note=note,
    )
    period.full_clean(validate_constraints=False)
    period.save()
    return period


@transaction.atomic
def membership_change(
    *,
    membership: Membership,
    role: str | None = None,
    status: str | None = None,
    on: datetime.date | None = None,
    note: str = "",
) -> Membership:
    """Record a change of role or status from a date: the current period ends, a new one opens.

    The earlier period is kept unchanged apart from its end date, so the history stays whole.
    """
    if not membership.is_current:
        raise ValidationError("only the current membership period can change")
    effective = on or timezone.localdate()
    if effective < membership.start_date:
        raise ValidationError("a change cannot take effect before the current period began")
    membership.end_date = effective
    membership.save(update_fields=["end_date"])
    return _open_period(
        institution=membership.institution,
        alliance=membership.alliance,
        role=role or membership.role,
        status=status or membership.status,
        start_date=effective,
        note=note,
    )


@transaction.atomic
def membership_end(
    *, membership: Membership, on: datetime.date | None = None, note: str = ""
) -> Membership:
    """Withdraw: the current period ends and a closed 'withdrawn' period records the departure."""
    withdrawn = membership_change(
        membership=membership, status=MembershipStatus.WITHDRAWN, on=on, note=note
    )
    withdrawn.end_date = withdrawn.start_date
    withdrawn.save(update_fields=["end_date"])
    return withdrawn


# --- Admission and governance -------------------------------------------------------------------


def _require_manager(actor: User | AnonymousUser | None, alliance: Alliance) -> None:
    """``actor=None`` is the platform itself (the command line, the demo loader): trusted."""
    if actor is not None and not can_manage_alliance(actor, alliance):
        raise PermissionDenied("only the alliance's secretariat may do this")


@dataclass(frozen=True)
class SupportingDocument:
    title: LanguageMap
    file: File[Any]


@transaction.atomic
def application_submit(
    *,
    alliance: Alliance,
    institution_code: str,
    institution_names: LanguageMap,
    country: str,
    contact_name: str,
    contact_email: str,
    institution_type: str = InstitutionType.OTHER,
    city: LanguageMap | None = None,
    website: str = "",
    motivation: LanguageMap | None = None,
    documents: Sequence[SupportingDocument] = (),
    actor: User | AnonymousUser | None = None,
) -> MembershipApplication:
    """Record an application to join an alliance (the public form; no account is needed).

    Refused when the institution is already a current member, or when an application for the
    same institution is still open. A registered institution with the proposed code is linked.
    """
    existing = Institution.objects.filter(code=institution_code).first()
    if (
        existing
        and Membership.objects.filter(
            institution=existing, alliance=alliance, end_date__isnull=True, status="member"
        ).exists()
    ):
        raise ValidationError({"institution_code": _("This institution is already a member.")})
    if MembershipApplication.objects.filter(
        alliance=alliance,
        institution_code=institution_code,
        status__in=[ApplicationStatus.SUBMITTED, ApplicationStatus.REVIEWED],
    ).exists():
        raise ValidationError(
            {"institution_code": _("An application for this institution is already open.")}
        )
    application = MembershipApplication(
        alliance=alliance,
        institution=existing,
        institution_code=institution_code,
        institution_names=_language_map(institution_names, "institution_names"),
        country=country,
        institution_type=institution_type,
        city=_language_map(city, "city"),
        website=website,
        contact_name=contact_name.strip(),
        contact_email=contact_email.strip(),
        motivation=_language_map(motivation, "motivation"),
        submitted_by=actor if isinstance(actor, User) else None,
    )
    if not application.institution_names:
        raise ValidationError({"institution_names": "a name is needed in at least one language"})
    application.full_clean()
    application.save()
    for document in documents:
        attachment = ApplicationDocument(
            application=application, title=_language_map(document.title, "title")
        )
        attachment.file.save(Path(document.file.name or "document").name, document.file)
    audit_record(
        actor=actor,
        action="application.submit",
        target=application,
        details={"alliance": alliance.code},
    )
    return application


@transaction.atomic
def application_review(
    *, application: MembershipApplication, note: LanguageMap, actor: User | AnonymousUser | None
) -> MembershipApplication:
    """The secretariat's review: a note for the council; the application waits for its decision."""
    _require_manager(actor, application.alliance)
    if not application.is_open:
        raise ValidationError("this application has already been decided")
    application.review_note = _language_map(note, "review_note")
    application.status = ApplicationStatus.REVIEWED
    application.reviewed_by = actor if isinstance(actor, User) else None
    application.reviewed_at = timezone.now()
    application.save(update_fields=["review_note", "status", "reviewed_by", "reviewed_at"])
    audit_record(actor=actor, action="application.review", target=application)
    return application


@transaction.atomic
def council_decision_record(
    *,
    alliance: Alliance,
    kind: str,
    decided_on: datetime.date,
    text: LanguageMap,
    meeting: LanguageMap | None = None,
    votes_for: int | None = None,
    votes_against: int | None = None,
    abstentions: int | None = None,
    actor: User | AnonymousUser | None,
) -> CouncilDecision:
    """Minute a council decision. What it decides is applied by the services that take it."""
    _require_manager(actor, alliance)
    decision = CouncilDecision(
        alliance=alliance,
        kind=kind,
        decided_on=decided_on,
        text=_language_map(text, "text"),
        meeting=_language_map(meeting, "meeting"),
        votes_for=votes_for,
        votes_against=votes_against,
        abstentions=abstentions,
        recorded_by=actor if isinstance(actor, User) else None,
    )
    decision.full_clean()
    decision.save()
    audit_record(actor=actor, action="decision.record", target=decision, details={"kind": kind})
    return decision


@transaction.atomic
def application_accept(
    *,
    application: MembershipApplication,
    decision: CouncilDecision,
    actor: User | AnonymousUser | None,
    start_date: datetime.date | None = None,
) -> Membership:
    """Admit the applicant by a council decision: the membership opens on ``start_date``
    (by default the day of the decision). The institution is registered from the application
    when it is not yet; an 'applicant' membership period, if any, becomes a 'member' one.
    """
    _require_manager(actor, application.alliance)
    _check_decision(application, decision)
    institution = application.institution or _institution_from_application(application)
    start = start_date or decision.decided_on
    current = Membership.objects.filter(
        institution=institution, alliance=application.alliance, end_date__isnull=True
    ).first()
    if current is None:
        membership = membership_add(
            institution=institution,
            alliance=application.alliance,
            start_date=start,
            note=f"admitted by the council on {decision.decided_on:%Y-%m-%d}",
        )
    elif current.status == MembershipStatus.APPLICANT:
        membership = membership_change(membership=current, status=MembershipStatus.MEMBER, on=start)
    else:
        raise ValidationError(f"{institution.code} is already a member")
    application.institution = institution
    application.membership = membership
    application.decision = decision
    application.status = ApplicationStatus.ACCEPTED
    application.save(update_fields=["institution", "membership", "decision", "status"])
    audit_record(
        actor=actor,
        action="application.accept",
        target=application,
        details={"membership": membership.pk, "decision": decision.pk, "from": start.isoformat()},
    )
    return membership


@transaction.atomic
def application_reject(
    *,
    application: MembershipApplication,
    decision: CouncilDecision,
    actor: User | AnonymousUser | None,
) -> MembershipApplication:
    """Record that the council did not accept the application. No membership is created."""
    _require_manager(actor, application.alliance)
    _check_decision(application, decision)
    application.decision = decision
    application.status = ApplicationStatus.REJECTED
    application.save(update_fields=["decision", "status"])
    audit_record(
        actor=actor,
        action="application.reject",
        target=application,
        details={"decision": decision.pk},
    )
    return application


def _check_decision(application: MembershipApplication, decision: CouncilDecision) -> None:
    if not application.is_open:
        raise ValidationError("this application has already been decided")
    if decision.alliance_id != application.alliance_id:
        raise ValidationError("the decision belongs to another alliance")


def _institution_from_application(application: MembershipApplication) -> Institution:
    existing = Institution.objects.filter(code=application.institution_code).first()
    if existing:
        return existing
    return institution_create(
        code=application.institution_code,
        names=application.institution_names,
        country=application.country,
        type=application.institution_type,
        city=application.city,
        website=application.website,
    )


@transaction.atomic
def office_term_add(
    *,
    alliance: Alliance,
    office: str,
    institution: Institution,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    person: Person | None = None,
    decision: CouncilDecision | None = None,
    note: LanguageMap | None = None,
    actor: User | AnonymousUser | None,
) -> OfficeTerm:
    """Record a term of office. Refused when the holder is not a current member, or when a
    single-holder office (president, secretary-general, convener) would have two holders at once.
    """
    _require_manager(actor, alliance)
    if not Membership.objects.filter(
        institution=institution,
        alliance=alliance,
        end_date__isnull=True,
        status=MembershipStatus.MEMBER,
    ).exists():
        raise ValidationError(f"{institution.code} is not a current member of {alliance.code}")
    term = OfficeTerm(
        alliance=alliance,
        office=office,
        institution=institution,
        person=person,
        start_date=start_date,
        end_date=end_date,
        decision=decision,
        note=_language_map(note, "note"),
    )
    term.full_clean()
    if office in SINGLE_HOLDER_OFFICES and _overlapping_terms(term).exists():
        raise ValidationError(f"the office of {term.get_office_display()} is held then already")
    term.save()
    audit_record(actor=actor, action="office.term_add", target=term)
    return term


def _overlapping_terms(term: OfficeTerm) -> Any:
    overlapping = OfficeTerm.objects.filter(alliance=term.alliance, office=term.office).filter(
        Q(end_date__isnull=True) | Q(end_date__gt=term.start_date)
    )
    if term.end_date is not None:
        overlapping = overlapping.filter(start_date__lt=term.end_date)
    return overlapping


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day some months later (the 31st becomes the month's last day)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@transaction.atomic
def convener_rotation_schedule(
    *,
    alliance: Alliance,
    institutions: Sequence[Institution],
    first_start: datetime.date,
    term_months: int = 12,
    decision: CouncilDecision | None = None,
    actor: User | AnonymousUser | None,
) -> list[OfficeTerm]:
    """Plan the rotating convenership: each institution in turn, for ``term_months`` each, the
    next taking over on the day the previous term ends. Nothing is written if one term fails.
    """
    if term_months < 1:
        raise ValidationError("a term lasts at least a month")
    terms = []
    start = first_start
    for institution in institutions:
        end = add_months(start, term_months)
        terms.append(
            office_term_add(
                alliance=alliance,
                office=Office.CONVENER,
                institution=institution,
                start_date=start,
                end_date=end,
                decision=decision,
                actor=actor,
            )
        )
        start = end
    return terms
