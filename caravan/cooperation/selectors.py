"""Reads for agreements, programmes, events and shared resources, through the permission rules.

- Agreements: public ones for everyone; members-only ones for staff of current members of the
  agreement's alliance (or of an alliance that is a party); private ones for the parties' staff
  (an alliance party through its secretariat institution); everything for the secretariat.
- Shared resources: every resource's description is listed (it is the offer); downloading a
  members-only resource needs a current membership of its alliance, an on-request one a granted
  request; the offering institution and the secretariat always may.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, F, Model, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from caravan.accounts.models import User
from caravan.accounts.permissions import institution_id_of, is_secretariat, member_alliance_ids
from caravan.cooperation.models import (
    Access,
    Agreement,
    AgreementParty,
    AgreementVisibility,
    DocumentVisibility,
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
from caravan.core.search import text_search
from caravan.institutions.models import Institution

Viewer = User | AnonymousUser

# --- Agreements ---------------------------------------------------------------------------------


def agreements_visible_to(user: Viewer) -> QuerySet[Agreement]:
    agreements = Agreement.objects.all()
    if is_secretariat(user):
        return agreements
    own = institution_id_of(user)
    public = Q(visibility=AgreementVisibility.PUBLIC)
    if own is None:
        return agreements.filter(public)
    alliances = member_alliance_ids(own)
    party_ids = AgreementParty.objects.filter(
        Q(institution_id=own) | Q(alliance__secretariat_id=own)
    ).values("agreement_id")
    member_ids = AgreementParty.objects.filter(alliance_id__in=alliances).values("agreement_id")
    members = Q(visibility=AgreementVisibility.MEMBERS) & (
        Q(alliance_id__in=alliances) | Q(pk__in=member_ids)
    )
    return agreements.filter(public | members | Q(pk__in=party_ids))


def agreement_list(
    *, user: Viewer, query: str = "", kind: str = "", institution: Institution | None = None
) -> QuerySet[Agreement]:
    agreements = agreements_visible_to(user)
    if kind:
        agreements = agreements.filter(kind=kind)
    if institution is not None:
        agreements = agreements.filter(parties__institution=institution)
    agreements = text_search(
        agreements, query, ["titles", "summary", "signed_at", "parties__institution__names"]
    )
    return agreements.prefetch_related(_parties()).order_by("-signed_on", "code")


def _parties() -> Prefetch[str]:
    return Prefetch(
        "parties", queryset=AgreementParty.objects.select_related("institution", "alliance")
    )


def agreement_detail(*, user: Viewer, code: str) -> Agreement | None:
    return (
        agreements_visible_to(user)
        .select_related("alliance", "signed_at_event")
        .prefetch_related(_parties(), "documents", "programmes__host")
        .filter(code=code)
        .first()
    )


def agreements_expiring(*, today: datetime.date, within_days: int = 90) -> QuerySet[Agreement]:
    """Agreements whose term ends in the coming days (the expiry reminders), soonest first."""
    return (
        Agreement.objects.filter(
            expires_on__gte=today, expires_on__lte=today + datetime.timedelta(days=within_days)
        )
        .prefetch_related(_parties())
        .order_by("expires_on", "code")
    )


# --- Programmes ---------------------------------------------------------------------------------


def programme_list(*, query: str = "", kind: str = "") -> QuerySet[Programme]:
    programmes = Programme.objects.select_related("host").prefetch_related("sending")
    if kind:
        programmes = programmes.filter(kind=kind)
    return text_search(programmes, query, ["titles", "topic", "host__names"])


def programme_detail(code: str) -> Programme | None:
    participants = ProgrammeParticipant.objects.select_related("person", "institution")
    return (
        Programme.objects.select_related("host", "alliance", "agreement")
        .prefetch_related("sending", Prefetch("participants", queryset=participants))
        .filter(code=code)
        .first()
    )


def institution_programmes(institution: Institution) -> QuerySet[Programme]:
    """An institution's history of exchanges and trainings, hosted or sent to."""
    return (
        Programme.objects.filter(Q(host=institution) | Q(sending=institution))
        .select_related("host")
        .distinct()
        .order_by("-starts_on")
    )


# --- Events -------------------------------------------------------------------------------------


def event_list(*, query: str = "", kind: str = "") -> QuerySet[Event]:
    events = Event.objects.select_related("host", "alliance")
    if kind:
        events = events.filter(kind=kind)
    return text_search(events, query, ["titles", "summary", "city", "venue"])


def event_detail(code: str) -> Event | None:
    return (
        Event.objects.select_related("host", "alliance")
        .prefetch_related(
            "organisers",
            Prefetch(
                "sessions", queryset=EventSession.objects.prefetch_related("speakers__affiliation")
            ),
            Prefetch(
                "participations", queryset=EventParticipation.objects.select_related("institution")
            ),
            Prefetch(
                "decisions",
                queryset=EventDecision.objects.select_related(
                    "decision", "document"
                ).prefetch_related(
                    "decision__applications__institution",
                    "decision__applications__membership",
                    "decision__office_terms__institution",
                ),
            ),
        )
        .filter(code=code)
        .first()
    )


def event_documents_for(user: Viewer, event: Event) -> list[EventDocument]:
    """The event's documents a user may read: members-only ones for the alliance's members."""
    documents = list(event.documents.all())
    if is_secretariat(user) or (
        event.alliance_id is not None
        and event.alliance_id in member_alliance_ids(institution_id_of(user))
    ):
        return documents
    return [d for d in documents if d.visibility == DocumentVisibility.PUBLIC]


# --- Shared resources ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AccessDecision:
    may_download: bool
    reason: str = ""
    may_request: bool = False
    pending_request: bool = False


def resource_access(user: Viewer, resource: SharedResource) -> AccessDecision:
    """May this user download the resource, and if not, why not and may they ask for it?"""
    own = institution_id_of(user)
    if resource.access == Access.PUBLIC or is_secretariat(user) or own == resource.offered_by_id:
        return AccessDecision(may_download=True)
    if resource.access == Access.MEMBERS:
        if resource.alliance_id in member_alliance_ids(own):
            return AccessDecision(may_download=True)
        return AccessDecision(
            may_download=False, reason=str(_("Shared with the current members of its alliance."))
        )
    requests = (
        resource.requests.filter(institution_id=own) if own else ResourceRequest.objects.none()
    )
    if requests.filter(status=RequestStatus.GRANTED).exists():
        return AccessDecision(may_download=True)
    pending = requests.filter(status=RequestStatus.PENDING).exists()
    return AccessDecision(
        may_download=False,
        reason=str(_("Available on request to the offering institution.")),
        may_request=own is not None and not pending,
        pending_request=pending,
    )


def resource_list(*, query: str = "", kind: str = "", access: str = "") -> QuerySet[SharedResource]:
    resources = SharedResource.objects.select_related("offered_by", "alliance").annotate(
        download_count=Count("downloads", distinct=True),
        request_count=Count("requests", distinct=True),
    )
    if kind:
        resources = resources.filter(kind=kind)
    if access:
        resources = resources.filter(access=access)
    return text_search(resources, query, ["titles", "description", "offered_by__names"]).order_by(
        "kind", "code"
    )


def resource_detail(code: str) -> SharedResource | None:
    return resource_list().filter(code=code).first()


def resource_requests_to_answer(
    user: Viewer, resource: SharedResource
) -> QuerySet[ResourceRequest]:
    """Pending requests, for the offering institution's staff and the secretariat only."""
    if not (is_secretariat(user) or institution_id_of(user) == resource.offered_by_id):
        return ResourceRequest.objects.none()
    return resource.requests.filter(status=RequestStatus.PENDING).select_related("institution")


@dataclass(frozen=True)
class LedgerLine:
    institution: Institution
    offered: int
    downloads_given: int  # downloads of its resources by other institutions
    downloads_taken: int  # its downloads of other institutions' resources
    requests_received: int
    requests_made: int

    @property
    def balance(self) -> int:
        return self.downloads_given - self.downloads_taken


def sharing_ledger() -> list[LedgerLine]:
    """Sharing and reciprocation: what each institution offers, gives and receives."""
    downloads = ResourceDownload.objects.exclude(institution__isnull=True).exclude(
        institution_id=F("resource__offered_by_id")
    )
    given = _count_by(downloads, "resource__offered_by_id")
    taken = _count_by(downloads, "institution_id")
    received = _count_by(ResourceRequest.objects.all(), "resource__offered_by_id")
    made = _count_by(ResourceRequest.objects.all(), "institution_id")
    offered = _count_by(SharedResource.objects.all(), "offered_by_id")
    involved = set(given) | set(taken) | set(received) | set(made) | set(offered)
    lines = [
        LedgerLine(
            institution=institution,
            offered=offered.get(institution.pk, 0),
            downloads_given=given.get(institution.pk, 0),
            downloads_taken=taken.get(institution.pk, 0),
            requests_received=received.get(institution.pk, 0),
            requests_made=made.get(institution.pk, 0),
        )
        for institution in Institution.objects.filter(pk__in=involved)
    ]
    return sorted(
        lines, key=lambda line: (-line.downloads_given, -line.offered, line.institution.code)
    )


def _count_by(rows: QuerySet[Model], key: str) -> dict[int, int]:
    return {row[key]: row["n"] for row in rows.values(key).annotate(n=Count("id")).order_by()}
