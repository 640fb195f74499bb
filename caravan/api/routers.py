"""The endpoints of /api/v1/. Each asks the same selectors and services as the pages, so the
permission rules are the same: what a page hides, the API does not list."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponseRedirect
from django.http.response import HttpResponseBase
from ninja import Router
from ninja.errors import HttpError

from caravan.api.schemas import AgreementOut, AllianceOut, ErrorOut, EventOut, ResourceOut
from caravan.cooperation import selectors as cooperation
from caravan.cooperation.models import Agreement, AgreementParty, Event, SharedResource
from caravan.cooperation.services import resource_download_record
from caravan.institutions.models import Alliance
from caravan.institutions.selectors import alliances_with_member_counts

router = Router()


@router.get("/alliances", response=list[AllianceOut], tags=["alliances"])
def list_alliances(request: HttpRequest) -> list[dict[str, Any]]:
    alliances = alliances_with_member_counts().select_related("secretariat")
    return [alliance_as_json(alliance) for alliance in alliances]


def alliance_as_json(alliance: Alliance) -> dict[str, Any]:
    return {
        "code": alliance.code,
        "names": alliance.names,
        "acronym": alliance.acronym,
        "founded": alliance.founded,
        "secretariat": alliance.secretariat.code if alliance.secretariat else None,
        "member_count": getattr(alliance, "member_count", 0),
        "is_sample": alliance.is_sample,
    }


@router.get("/agreements", response=list[AgreementOut], tags=["agreements"])
def list_agreements(request: HttpRequest, q: str = "", kind: str = "") -> list[dict[str, Any]]:
    """Agreements the caller may see (public; members-only for members; private for parties)."""
    agreements = cooperation.agreement_list(user=request.user, query=q, kind=kind)
    return [_agreement(agreement) for agreement in agreements.select_related("alliance")]


def _agreement(agreement: Agreement) -> dict[str, Any]:
    return {
        "code": agreement.code,
        "kind": agreement.kind,
        "titles": agreement.titles,
        "summary": agreement.summary,
        "alliance": agreement.alliance.code if agreement.alliance else None,
        "signed_on": agreement.signed_on,
        "signed_at": agreement.signed_at,
        "starts_on": agreement.starts_on,
        "expires_on": agreement.expires_on,
        "scope": agreement.scope,
        "visibility": agreement.visibility,
        "parties": [_party(party) for party in agreement.parties.all()],
    }


def _party(party: AgreementParty) -> dict[str, Any]:
    target = party.party
    return {
        "kind": "institution" if party.institution_id else "alliance",
        "code": target.code,
        "names": target.names,
        "signatory": party.signatory,
    }


@router.get("/events", response=list[EventOut], tags=["events"])
def list_events(request: HttpRequest, q: str = "", kind: str = "") -> list[dict[str, Any]]:
    events = cooperation.event_list(query=q, kind=kind).prefetch_related(
        "sessions__speakers__affiliation"
    )
    return [_event(event) for event in events]


def _event(event: Event) -> dict[str, Any]:
    return {
        "code": event.code,
        "kind": event.kind,
        "titles": event.titles,
        "summary": event.summary,
        "alliance": event.alliance.code if event.alliance else None,
        "starts_on": event.starts_on,
        "ends_on": event.ends_on,
        "venue": event.venue,
        "city": event.city,
        "country": event.country,
        "host": event.host.code if event.host else None,
        "sessions": [
            {
                "kind": session.kind,
                "titles": session.titles,
                "topic": session.topic,
                "day": session.day,
                "starts_at": session.starts_at,
                "speakers": [
                    {
                        "names": person.names,
                        "affiliation": person.affiliation.code if person.affiliation else None,
                    }
                    for person in session.speakers.all()
                ],
            }
            for session in event.sessions.all()
        ],
    }


@router.get("/resources", response=list[ResourceOut], tags=["resources"])
def list_resources(
    request: HttpRequest, q: str = "", kind: str = "", access: str = ""
) -> list[dict[str, Any]]:
    """Every offered resource (the offer is public); ``may_download`` says what the caller may."""
    resources = cooperation.resource_list(query=q, kind=kind, access=access)
    return [_resource(request, resource) for resource in resources]


def _resource(request: HttpRequest, resource: SharedResource) -> dict[str, Any]:
    return {
        "id": resource.pk,
        "code": resource.code,
        "kind": resource.kind,
        "titles": resource.titles,
        "description": resource.description,
        "offered_by": resource.offered_by.code,
        "alliance": resource.alliance.code if resource.alliance else None,
        "languages": resource.languages,
        "licence": resource.licence,
        "terms": resource.terms,
        "access": resource.access,
        "may_download": cooperation.resource_access(request.user, resource).may_download,
        "download_count": getattr(resource, "download_count", 0),
        "request_count": getattr(resource, "request_count", 0),
    }


@router.get(
    "/resources/{resource_id}/download",
    response={302: None, 403: ErrorOut, 404: ErrorOut},
    tags=["resources"],
)
def download_resource(request: HttpRequest, resource_id: int) -> HttpResponseBase:
    """The file, or a redirect to where it is kept; counted in the sharing ledger.

    403 when the caller may not have it: members-only resources need a current membership of
    the resource's alliance, on-request ones a granted request.
    """
    resource = SharedResource.objects.filter(pk=resource_id).first()
    if resource is None:
        raise HttpError(404, "no such resource")
    try:
        resource_download_record(resource=resource, actor=request.user)
    except PermissionDenied as refusal:
        raise HttpError(403, str(refusal) or "not allowed") from refusal
    if resource.file:
        name = resource.file.name
        return FileResponse(
            resource.file.storage.open(name, "rb"),
            as_attachment=True,
            filename=name.rsplit("/", 1)[-1],
        )
    if resource.external_url:
        return HttpResponseRedirect(resource.external_url)
    raise HttpError(404, "this resource has no file or link yet")
