"""What member institutions do through the API: push and withdraw their own records, read their
harvest and import runs. Writes need a bearer token (see caravan.api.auth)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from ninja import File, Form, Router, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.pagination import paginate

from caravan.accounts.permissions import (
    can_edit_institution_records,
    institution_id_of,
    is_secretariat,
)
from caravan.api.auth import TokenAuth
from caravan.api.errors import error_body
from caravan.api.pagination import Paging
from caravan.api.schemas import (
    ErrorOut,
    HostedImageOut,
    PushOut,
    PushRefusedOut,
    RunDetailOut,
    RunOut,
)
from caravan.api.services import PushOutcome, body_local_id, record_push, record_withdraw
from caravan.catalogue.media import media_upload
from caravan.catalogue.models import CatalogueObject
from caravan.ingest.models import HarvestRun
from caravan.institutions.models import Institution

router = Router(tags=["members"])

# A pushed record is one object; the largest real ones (with long inscriptions) are tens of KB.
MAX_RECORD_BYTES = 2 * 1024 * 1024
ISSUES_SHOWN = 500

WRITE_ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 413: ErrorOut}


# Registered before the record routes: their {path:local_id} would also match '…/images'.
@router.post(
    "/institutions/{code}/objects/{path:local_id}/images",
    auth=TokenAuth(),
    response={201: HostedImageOut, **WRITE_ERRORS},
    summary="Upload an image for Caravan to host (served by the IIIF Image API)",
)
def post_image(
    request: HttpRequest,
    code: str,
    local_id: str,
    image: File[UploadedFile],
    caption: Form[str] = "",
    caption_lang: Form[str] = "en",
    rights: Form[str] = "",
) -> Status:
    """For members without an image server: the image is checked (a real JPEG, PNG, TIFF or
    WebP within the size limits), hosted, and served through IIIF with the object's visibility."""
    institution = _institution(code)
    _may_edit_records(request, institution)
    obj = CatalogueObject.objects.filter(
        institution=institution, local_id=local_id, withdrawn_at__isnull=True
    ).first()
    if obj is None:
        raise HttpError(404, f"institution '{code}' has no record '{local_id}'")
    try:
        media = media_upload(
            obj=obj,
            file=image,
            caption={caption_lang: caption} if caption else None,
            rights=rights,
        )
    except ValidationError as error:
        raise HttpError(400, " ".join(error.messages)) from error
    service = request.build_absolute_uri(reverse("iiif:image_base", args=[media.hosted_id]))
    return Status(
        201,
        {
            "hosted_id": media.hosted_id,
            "width": media.width,
            "height": media.height,
            "iiif_service": service,
            "iiif_manifest": request.build_absolute_uri(reverse("iiif:manifest", args=[obj.pk])),
        },
    )


@router.put(
    "/institutions/{code}/objects/{path:local_id}",
    auth=TokenAuth(),
    response={200: PushOut, 201: PushOut, 422: PushRefusedOut, **WRITE_ERRORS},
    summary="Create or update one of the institution's records",
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "The record in Caravan's object record shape (docs/object-record.md).",
            "content": {"application/json": {"schema": {"type": "object"}}},
        }
    },
)
def put_object(request: HttpRequest, code: str, local_id: str) -> Status:
    """Stored through the same pipeline as an import, with the same checks and report.

    Sending the same record again changes nothing (`unchanged`). A refused record answers 422
    with the problems, and is kept in the run's report with its raw text.
    """
    institution = _institution(code)
    body = request.body
    if len(body) > MAX_RECORD_BYTES:
        raise HttpError(413, f"a record may be at most {MAX_RECORD_BYTES} bytes")
    named = body_local_id(body)
    if named is not None and named != local_id:
        raise HttpError(400, f"the record's local_id '{named}' is not the one in the URL")
    outcome = record_push(
        user=request.user,  # type: ignore[arg-type]
        institution=institution,
        local_id=local_id,
        body=body,
    )
    if outcome.outcome == "rejected":
        reasons = "; ".join(p["problem"] for p in outcome.problems if p["severity"] == "error")
        refused = error_body(422, f"the record was refused: {reasons}")
        return Status(422, {**refused, "code": "rejected", **_pushed(outcome)})
    return Status(201 if outcome.outcome == "created" else 200, _pushed(outcome))


@router.delete(
    "/institutions/{code}/objects/{path:local_id}",
    auth=TokenAuth(),
    response={200: PushOut, **WRITE_ERRORS},
    summary="Withdraw one of the institution's records",
)
def delete_object(request: HttpRequest, code: str, local_id: str) -> dict[str, Any]:
    """The object leaves every public surface (OAI-PMH lists it as deleted); its history stays."""
    institution = _institution(code)
    outcome = record_withdraw(
        user=request.user,  # type: ignore[arg-type]
        institution=institution,
        local_id=local_id,
    )
    if outcome.outcome == "not_found":
        raise HttpError(404, f"institution '{code}' has no record '{local_id}'")
    return _pushed(outcome)


def _may_edit_records(request: HttpRequest, institution: Institution) -> None:
    if not can_edit_institution_records(request.user, institution.pk):
        raise HttpError(
            403, f"this token may not change the records of institution '{institution.code}'"
        )


def _institution(code: str) -> Institution:
    institution = Institution.objects.filter(code=code).first()
    if institution is None:
        raise HttpError(404, f"no institution '{code}'")
    return institution


def _pushed(outcome: PushOutcome) -> dict[str, Any]:
    return {
        "outcome": outcome.outcome,
        "object_id": outcome.object_id,
        "run": outcome.run.pk,
        "problems": outcome.problems,
    }


# --------------------------------------------------------------------------------------------
# Runs
# --------------------------------------------------------------------------------------------


@router.get("/harvest-runs", response={200: list[RunOut], 401: ErrorOut})
@paginate(Paging)
def list_runs(request: HttpRequest, institution: str = "", kind: str = "") -> QuerySet[HarvestRun]:
    """Harvests, imports, re-maps and pushes of the caller's institution (secretariat: all)."""
    runs = _runs_for(request)
    if institution:
        runs = runs.filter(institution__code=institution)
    if kind:
        runs = runs.filter(kind=kind)
    return runs.order_by("-started_at", "-id")


@router.get(
    "/harvest-runs/{int:run_id}",
    response={200: RunDetailOut, 401: ErrorOut, 404: ErrorOut},
)
def get_run(request: HttpRequest, run_id: int) -> HarvestRun:
    """One run with its report lines (the first 500; the admin exports them all as CSV)."""
    run = _runs_for(request).annotate(issue_count=Count("issues")).filter(pk=run_id).first()
    if run is None:
        raise HttpError(404, f"no run {run_id} of the caller's institution")
    issues = run.issues.order_by("pk").values("identifier", "severity", "problem")
    run.shown_issues = list(issues[:ISSUES_SHOWN])  # type: ignore[attr-defined]
    return run


def _runs_for(request: HttpRequest) -> QuerySet[HarvestRun]:
    user = request.user
    if not user.is_authenticated:
        raise HttpError(401, "sign in, or send a member institution's API token")
    runs = HarvestRun.objects.select_related("institution", "source")
    if is_secretariat(user):
        return runs
    own = institution_id_of(user)
    return runs.none() if own is None else runs.filter(institution_id=own)
