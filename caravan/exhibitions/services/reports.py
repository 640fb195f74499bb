"""Writes for the reports that go with a loan: venues' facility reports and the condition
reports of loaned objects, with their photographs.

Same rules as every service here: the acting user, permission checks before any write,
ValidationError for bad input, an audit entry in the same transaction.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image

from caravan.accounts.permissions import can_edit_institution_records
from caravan.audit.services import audit_record
from caravan.exhibitions.errors import IllegalTransition
from caravan.exhibitions.models import (
    CHECKPOINT_SIDES,
    Checkpoint,
    ConditionPhoto,
    ConditionReport,
    FacilityReport,
    LoanObject,
    LoanRequest,
    ObjectDecision,
    Venue,
)
from caravan.exhibitions.permissions import can_file_facility_report, loan_side
from caravan.exhibitions.services.common import (
    Actor,
    apply_changes,
    language_map,
    save_checked,
    user_or_none,
)
from caravan.exhibitions.services.loans import (
    _label,
    _locked,
    _locked_object,
    _require_side,
)
from caravan.exhibitions.workflow import LoanStatus, Side

MAX_PHOTO_BYTES = 50 * 1024 * 1024
FACILITY_TEXTS = ("notes",)
FACILITY_FIELDS = (
    "guards_24h",
    "intruder_alarm",
    "cctv",
    "cases_alarmed",
    "fire_detection",
    "fire_suppression",
    "temperature_min_c",
    "temperature_max_c",
    "humidity_min",
    "humidity_max",
    "climate_logged",
    "light_max_lux",
    "uv_filtered",
    "loading_dock",
    *FACILITY_TEXTS,
)

# When each checkpoint's report may be filed: while the objects are where it examines them.
CHECKPOINT_STATUSES: dict[str, frozenset[str]] = {
    Checkpoint.OUTGOING: frozenset({LoanStatus.APPROVED, LoanStatus.AGREEMENT_SIGNED}),
    Checkpoint.ARRIVAL: frozenset({LoanStatus.IN_TRANSIT, LoanStatus.ON_DISPLAY}),
    Checkpoint.DEPARTURE: frozenset({LoanStatus.ON_DISPLAY}),
    Checkpoint.RETURN: frozenset({LoanStatus.ON_DISPLAY, LoanStatus.RETURNED}),
}


# --- Facility reports ---------------------------------------------------------------------------


@transaction.atomic
def facility_report_submit(*, venue: Venue, actor: Actor, **fields: Any) -> FacilityReport:
    """File a venue's facility report (security, fire, climate, light): the curators or the
    venue institution's staff. Earlier reports stay; the newest is the current one. The lenders
    whose submitted loans travel to the venue are told."""
    if not can_file_facility_report(actor, venue):
        raise PermissionDenied(
            _("only the curators or the venue's own staff file its facility report")
        )
    report = FacilityReport(venue=venue, submitted_by=user_or_none(actor))
    apply_changes(report, fields, FACILITY_FIELDS, FACILITY_TEXTS)
    save_checked(report, actor=actor, action="exhibition.facility_report")
    from caravan.exhibitions.services.notifications import notify_facility_report

    notify_facility_report(report=report, actor=actor)
    return report


# --- Condition reports --------------------------------------------------------------------------


@transaction.atomic
def condition_report_add(
    *,
    loan_object: LoanObject,
    checkpoint: str,
    grade: str,
    actor: Actor,
    notes: Any = None,
    reported_on: datetime.date | None = None,
    venue: Venue | None = None,
    photos: Sequence[File[Any]] = (),
) -> ConditionReport:
    """Record an approved object's condition at a checkpoint, with photographs.

    The lender examines at outgoing and return, the borrower at arrival and departure (the
    staff of a venue's own institution may too, at their venue). Each checkpoint has its time:
    outgoing before dispatch, arrival while in transit or on display, departure while on
    display, return from the end of the display.
    """
    loan_object = _locked_object(loan_object)
    loan = loan_object.loan
    if checkpoint not in CHECKPOINT_SIDES:
        raise ValidationError({"checkpoint": _("outgoing, arrival, departure or return")})
    if not _may_examine(actor, loan, checkpoint, venue):
        _require_side(actor, loan, CHECKPOINT_SIDES[checkpoint], _("file this condition report"))
    if loan_object.decision != ObjectDecision.APPROVED:
        raise ValidationError(_("only approved objects travel, so only they are examined"))
    if loan.status not in CHECKPOINT_STATUSES[checkpoint]:
        raise IllegalTransition(
            _("a %(checkpoint)s report does not fit a loan that is %(status)s")
            % {
                "checkpoint": str(Checkpoint(checkpoint).label).lower(),
                "status": _label(loan.status),
            }
        )
    if venue is not None and venue.exhibition_id != loan.exhibition_id:
        raise ValidationError({"venue": _("the venue is not one of this exhibition's")})
    report = ConditionReport(
        loan_object=loan_object,
        checkpoint=checkpoint,
        grade=grade,
        venue=venue,
        notes=language_map(notes or {}, "notes"),
        reporter=user_or_none(actor),
        reported_on=reported_on or timezone.localdate(),
    )
    save_checked(
        report,
        actor=actor,
        action="loan.condition_report",
        details={"object": loan_object.object_id, "checkpoint": checkpoint, "grade": grade},
        audit_target=loan,
    )
    for photo in photos:
        _photo(report, photo, None)
    return report


def _may_examine(actor: Actor, loan: LoanRequest, checkpoint: str, venue: Venue | None) -> bool:
    side = loan_side(actor, loan)
    if side == CHECKPOINT_SIDES[checkpoint]:
        return True
    # The hosting institution's staff examine what arrives at and leaves their own venue.
    host = venue.institution_id if venue is not None else None
    if host is not None and CHECKPOINT_SIDES[checkpoint] == Side.BORROWER:
        return actor is not None and can_edit_institution_records(actor, host)
    return False


def _photo(report: ConditionReport, image: File[Any], caption: Any) -> ConditionPhoto:
    if image.size is not None and image.size > MAX_PHOTO_BYTES:
        raise ValidationError({"photos": _("a photograph may be at most 50 MB")})
    try:
        with Image.open(image) as opened:  # refuses decompression bombs too
            opened.verify()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(
            {"photos": _("this file is not an image Caravan can read")}
        ) from error
    image.seek(0)
    photo = ConditionPhoto(report=report, caption=language_map(caption or {}, "caption"))
    photo.image.save(
        image.name.rsplit("/", 1)[-1] if image.name else "photo.jpg", image, save=False
    )
    photo.full_clean()
    photo.save()
    return photo


@transaction.atomic
def condition_photo_add(
    *, report: ConditionReport, image: File[Any], actor: Actor, caption: Any = None
) -> ConditionPhoto:
    """Add a photograph to a condition report (its reporter's side, or the reporter)."""
    loan = _locked(report.loan_object.loan_id)
    reporter = user_or_none(actor)
    if not (
        (reporter is not None and reporter.pk == report.reporter_id)
        or _may_examine(actor, loan, report.checkpoint, report.venue)
    ):
        raise PermissionDenied(_("only the examiner's side adds photographs to a report"))
    photo = _photo(report, image, caption)
    audit_record(
        actor=actor, action="loan.condition_photo", target=loan, details={"report": report.pk}
    )
    return photo
