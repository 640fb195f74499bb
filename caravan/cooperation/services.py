"""Writes for agreements, programmes, events and the shared resource library.

Every service takes the acting user (``None`` is the platform itself: the command line or the
demo loader), refuses what the permission rules refuse with PermissionDenied, validates before
writing, and leaves an audit entry in the same transaction.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from caravan.accounts.models import User
from caravan.accounts.permissions import institution_id_of, is_secretariat
from caravan.audit.services import audit_record
from caravan.cooperation.models import (
    Agreement,
    AgreementParty,
    Event,
    EventDecision,
    EventDocument,
    EventParticipation,
    EventSession,
    Programme,
    ProgrammeParticipant,
    RequestStatus,
    ResourceDownload,
    ResourceRequest,
    SharedResource,
)
from caravan.cooperation.selectors import resource_access
from caravan.core.langmap import LanguageMap, LanguageMapError, clean_language_map
from caravan.institutions.models import Alliance, CouncilDecision, Institution, Person

Actor = User | AnonymousUser | None


def _language_maps(values: dict[str, Any]) -> dict[str, Any]:
    cleaned = {}
    for name, value in values.items():
        if isinstance(value, dict):
            try:
                value = clean_language_map(value)
            except LanguageMapError as error:
                raise ValidationError({name: str(error)}) from error
        cleaned[name] = value
    return cleaned


def _require_secretariat(actor: Actor) -> None:
    if actor is not None and not is_secretariat(actor):
        raise PermissionDenied("only the secretariat may do this")


def _save(instance: Any, actor: Actor, action: str) -> Any:
    instance.full_clean()
    instance.save()
    audit_record(actor=actor, action=action, target=instance)
    return instance


# --- Agreements ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Party:
    institution: Institution | None = None
    alliance: Alliance | None = None
    signatory: LanguageMap = field(default_factory=dict)


@transaction.atomic
def agreement_create(
    *,
    code: str,
    kind: str,
    titles: LanguageMap,
    parties: Sequence[Party],
    actor: Actor,
    **details: Any,
) -> Agreement:
    """Record an agreement between two or more parties (institutions or alliances).

    The secretariat records any agreement; an institution's staff only one their institution is
    a party to.
    """
    if len(parties) < 2:
        raise ValidationError({"parties": "an agreement has at least two parties"})
    own = institution_id_of(actor) if actor is not None else None
    is_party = own is not None and any(p.institution and p.institution.pk == own for p in parties)
    if actor is not None and not is_secretariat(actor) and not (actor.is_staff and is_party):
        raise PermissionDenied("record only agreements your institution is a party to")
    agreement = Agreement(
        code=code, kind=kind, titles=clean_language_map(titles), **_language_maps(details)
    )
    if not agreement.titles:
        raise ValidationError({"titles": "a title is needed in at least one language"})
    _save(agreement, actor, "agreement.create")
    for party in parties:
        row = AgreementParty(
            agreement=agreement,
            institution=party.institution,
            alliance=party.alliance,
            signatory=clean_language_map(party.signatory),
        )
        row.full_clean()
        row.save()
    return agreement


# --- Programmes ---------------------------------------------------------------------------------


@transaction.atomic
def programme_create(
    *,
    code: str,
    kind: str,
    titles: LanguageMap,
    host: Institution,
    starts_on: datetime.date,
    sending: Sequence[Institution] = (),
    actor: Actor,
    **details: Any,
) -> Programme:
    """Record an exchange or training programme; the secretariat or the host's staff may."""
    if actor is not None and not is_secretariat(actor) and institution_id_of(actor) != host.pk:
        raise PermissionDenied("record only programmes your institution hosts")
    programme = Programme(
        code=code,
        kind=kind,
        titles=clean_language_map(titles),
        host=host,
        starts_on=starts_on,
        **_language_maps(details),
    )
    _save(programme, actor, "programme.create")
    programme.sending.set(sending)
    return programme


def programme_participant_add(
    *, programme: Programme, person: Person, role: str, institution: Institution | None = None
) -> ProgrammeParticipant:
    participant = ProgrammeParticipant(
        programme=programme, person=person, role=role, institution=institution or person.affiliation
    )
    participant.full_clean()
    participant.save()
    return participant


# --- Events -------------------------------------------------------------------------------------


@transaction.atomic
def event_create(
    *,
    code: str,
    kind: str,
    titles: LanguageMap,
    starts_on: datetime.date,
    organisers: Sequence[Institution] = (),
    actor: Actor,
    **details: Any,
) -> Event:
    """Record a conference or meeting (secretariat)."""
    _require_secretariat(actor)
    event = Event(
        code=code,
        kind=kind,
        titles=clean_language_map(titles),
        starts_on=starts_on,
        **_language_maps(details),
    )
    _save(event, actor, "event.create")
    event.organisers.set(organisers)
    return event


def event_session_add(
    *, event: Event, kind: str, titles: LanguageMap, speakers: Sequence[Person] = (), **details: Any
) -> EventSession:
    session = EventSession(
        event=event, kind=kind, titles=clean_language_map(titles), **_language_maps(details)
    )
    session.full_clean()
    session.save()
    session.speakers.set(speakers)
    return session


def event_participation_add(
    *, event: Event, institution: Institution, delegates: int = 1
) -> EventParticipation:
    participation, _ = EventParticipation.objects.update_or_create(
        event=event, institution=institution, defaults={"delegates": delegates}
    )
    return participation


@transaction.atomic
def event_document_add(
    *, event: Event, kind: str, titles: LanguageMap, actor: Actor, **details: Any
) -> EventDocument:
    _require_secretariat(actor)
    document = EventDocument(
        event=event, kind=kind, titles=clean_language_map(titles), **_language_maps(details)
    )
    return _save(document, actor, "event.document_add")


@transaction.atomic
def event_decision_link(
    *, event: Event, decision: CouncilDecision, document: EventDocument | None = None, actor: Actor
) -> EventDecision:
    """Record that a council decision was taken at this event (and which document it adopted)."""
    _require_secretariat(actor)
    if event.alliance_id and decision.alliance_id != event.alliance_id:
        raise ValidationError("the decision belongs to another alliance than the event")
    link, _ = EventDecision.objects.get_or_create(
        event=event, decision=decision, defaults={"document": document}
    )
    audit_record(actor=actor, action="event.decision_link", target=link)
    return link


# --- Shared resources ---------------------------------------------------------------------------


@transaction.atomic
def resource_offer(
    *,
    code: str,
    kind: str,
    titles: LanguageMap,
    offered_by: Institution,
    access: str,
    actor: Actor,
    **details: Any,
) -> SharedResource:
    """Offer a resource to the library; the secretariat or the offering institution's staff."""
    if (
        actor is not None
        and not is_secretariat(actor)
        and institution_id_of(actor) != offered_by.pk
    ):
        raise PermissionDenied("offer only your own institution's resources")
    resource = SharedResource(
        code=code,
        kind=kind,
        titles=clean_language_map(titles),
        offered_by=offered_by,
        access=access,
        **_language_maps(details),
    )
    return _save(resource, actor, "resource.offer")


@transaction.atomic
def resource_request_create(
    *, resource: SharedResource, actor: User, message: LanguageMap | None = None
) -> ResourceRequest:
    """Ask the offering institution for an on-request resource, on behalf of one's institution.

    Refused for users without an institution, for one's own resources and while a request of the
    same institution is pending.
    """
    institution_id = institution_id_of(actor)
    if institution_id is None:
        raise PermissionDenied("requests are made on behalf of an institution")
    if institution_id == resource.offered_by_id:
        raise ValidationError("this is your institution's own resource")
    if resource.requests.filter(
        institution_id=institution_id, status=RequestStatus.PENDING
    ).exists():
        raise ValidationError("your institution's request is already waiting for an answer")
    request = ResourceRequest(
        resource=resource,
        institution_id=institution_id,
        requested_by=actor,
        message=clean_language_map(message),
    )
    return _save(request, actor, "resource.request")


@transaction.atomic
def resource_request_decide(
    *, request: ResourceRequest, grant: bool, actor: Actor
) -> ResourceRequest:
    """The offering institution (or the secretariat) grants or declines a pending request."""
    if actor is not None and not (
        is_secretariat(actor) or institution_id_of(actor) == request.resource.offered_by_id
    ):
        raise PermissionDenied("only the offering institution answers requests")
    if request.status != RequestStatus.PENDING:
        raise ValidationError("this request has already been answered")
    request.status = RequestStatus.GRANTED if grant else RequestStatus.DECLINED
    request.decided_by = actor if isinstance(actor, User) else None
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(actor=actor, action=f"resource.request_{request.status}", target=request)
    return request


@transaction.atomic
def resource_download_record(
    *, resource: SharedResource, actor: User | AnonymousUser
) -> ResourceDownload:
    """Count a download in the ledger, after the access rules allow it (else PermissionDenied).

    The download is counted for the user's institution, so the ledger can tell what each member
    gives and receives; anonymous downloads of public resources count for no institution.
    """
    decision = resource_access(actor, resource)
    if not decision.may_download:
        raise PermissionDenied(decision.reason)
    return ResourceDownload.objects.create(
        resource=resource,
        institution_id=institution_id_of(actor),
        user=actor if isinstance(actor, User) else None,
    )
