"""Writes for exhibition projects: the project, its team, its venues and its checklist.

Every service takes the acting user (``None`` is the platform: the command line or the demo
loader), refuses what the permission rules refuse with PermissionDenied and bad input with
ValidationError before writing anything, and leaves an audit entry in the same transaction.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from caravan.accounts.models import User
from caravan.accounts.permissions import can_edit_institution_records, is_secretariat
from caravan.audit.services import audit_record
from caravan.catalogue.models import CatalogueObject
from caravan.catalogue.selectors import objects_visible_to
from caravan.exhibitions.errors import IllegalTransition, RequirementMissing
from caravan.exhibitions.models import (
    ChecklistItem,
    Exhibition,
    LoanObject,
    Venue,
)
from caravan.exhibitions.permissions import can_edit_exhibition, can_file_facility_report
from caravan.exhibitions.requirements import exhibition_missing
from caravan.exhibitions.services.common import (
    Actor,
    apply_changes,
    language_map,
    save_checked,
    user_or_none,
)
from caravan.exhibitions.workflow import (
    EXHIBITION_REQUIREMENTS,
    EXHIBITION_TRANSITIONS,
    FINISHED_EXHIBITION_STATUSES,
    ExhibitionStatus,
    LoanStatus,
    status_labels,
)
from caravan.institutions.models import Alliance, Institution, Person

EXHIBITION_TEXTS = ("titles", "subtitles", "description", "theme", "budget_notes")
VENUE_TEXTS = ("place_name", "city")
VENUE_FIELDS = ("institution", "opens_on", "closes_on", "country", *VENUE_TEXTS)
CHECKLIST_TEXTS = ("section", "label", "mount", "display_notes")
CHECKLIST_FIELDS = (
    "position",
    "catalogue_number",
    "light_max_lux",
    "temperature_min_c",
    "temperature_max_c",
    "humidity_min",
    "humidity_max",
    *CHECKLIST_TEXTS,
)


def _require_editor(actor: Actor, exhibition: Exhibition) -> None:
    if not can_edit_exhibition(actor, exhibition):
        raise PermissionDenied(
            _("only the curators of “%(exhibition)s” (its organisers' staff) may change it")
            % {"exhibition": exhibition}
        )


def _require_not_finished(exhibition: Exhibition) -> None:
    # As stored: the caller's copy may predate a status change.
    exhibition.status = Exhibition.objects.values_list("status", flat=True).get(pk=exhibition.pk)
    if exhibition.status in FINISHED_EXHIBITION_STATUSES:
        raise ValidationError(
            _("the exhibition is %(status)s: its venues and checklist no longer change")
            % {"status": exhibition.get_status_display().lower()}
        )


# --- The project --------------------------------------------------------------------------------


@transaction.atomic
def exhibition_create(
    *,
    code: str,
    titles: Any,
    lead_organiser: Institution,
    actor: Actor,
    co_organisers: Sequence[Institution] = (),
    curators: Sequence[User] = (),
    curator_people: Sequence[Person] = (),
    alliance: Alliance | None = None,
    **texts: Any,
) -> Exhibition:
    """Start an exhibition project (status "idea") led by ``lead_organiser``, the borrower of
    all its loans.

    The secretariat may start any; an institution's staff only one their institution leads.
    ``texts`` are the language maps ``subtitles``, ``description``, ``theme``, ``budget_notes``.
    Refused: a taken code, no title, the lead among the co-organisers.
    """
    if not (
        actor is None
        or is_secretariat(actor)
        or can_edit_institution_records(actor, lead_organiser.pk)
    ):
        raise PermissionDenied(_("start only exhibitions your own institution leads"))
    exhibition = Exhibition(code=code, lead_organiser=lead_organiser, alliance=alliance)
    apply_changes(exhibition, {"titles": titles, **texts}, EXHIBITION_TEXTS, EXHIBITION_TEXTS)
    if not exhibition.titles:
        raise ValidationError({"titles": _("a title is needed in at least one language")})
    _check_co_organisers(lead_organiser, co_organisers)
    save_checked(exhibition, actor=actor, action="exhibition.create")
    exhibition.co_organisers.set(co_organisers)
    exhibition.curators.set(curators)
    exhibition.curator_people.set(curator_people)
    return exhibition


def _check_co_organisers(lead: Institution, co_organisers: Sequence[Institution]) -> None:
    if any(institution.pk == lead.pk for institution in co_organisers):
        raise ValidationError({"co_organisers": _("the lead organiser is not also a co-organiser")})


@transaction.atomic
def exhibition_update(*, exhibition: Exhibition, actor: Actor, **changes: Any) -> Exhibition:
    """Change the texts (``titles``, ``subtitles``, ``description``, ``theme``,
    ``budget_notes``) or the ``alliance``. Code, lead organiser and status do not change here."""
    exhibition = Exhibition.objects.get(
        pk=exhibition.pk
    )  # a refused change leaves the caller's copy
    _require_editor(actor, exhibition)
    changed = apply_changes(exhibition, changes, (*EXHIBITION_TEXTS, "alliance"), EXHIBITION_TEXTS)
    if not exhibition.titles:
        raise ValidationError({"titles": _("a title is needed in at least one language")})
    if changed:
        save_checked(
            exhibition, actor=actor, action="exhibition.update", details={"fields": changed}
        )
    return exhibition


@transaction.atomic
def exhibition_team_set(
    *,
    exhibition: Exhibition,
    actor: Actor,
    co_organisers: Sequence[Institution] | None = None,
    curators: Sequence[User] | None = None,
    curator_people: Sequence[Person] | None = None,
) -> Exhibition:
    """Replace the co-organisers, curator users and/or curator people (None keeps a list)."""
    _require_editor(actor, exhibition)
    details: dict[str, list[int]] = {}
    if co_organisers is not None:
        _check_co_organisers(exhibition.lead_organiser, co_organisers)
        exhibition.co_organisers.set(co_organisers)
        details["co_organisers"] = [i.pk for i in co_organisers]
    if curators is not None:
        exhibition.curators.set(curators)
        details["curators"] = [u.pk for u in curators]
    if curator_people is not None:
        exhibition.curator_people.set(curator_people)
        details["curator_people"] = [p.pk for p in curator_people]
    audit_record(actor=actor, action="exhibition.team", target=exhibition, details=details)
    return exhibition


@transaction.atomic
def exhibition_status_change(
    *, exhibition: Exhibition, to: str, actor: Actor, comment: str = ""
) -> Exhibition:
    """Move the exhibition along idea → planning → confirmed → open → closed, or cancel it from
    any state before closed (workflow.EXHIBITION_TRANSITIONS).

    Confirming and opening need a venue. Cancelling also cancels its loans whose objects have
    not left their lenders (those already travelling come home through their own steps).
    Refused moves raise IllegalTransition and change nothing.
    """
    _require_editor(actor, exhibition)
    caller_copy, exhibition = (
        exhibition,
        Exhibition.objects.select_for_update().get(pk=exhibition.pk),
    )
    current = exhibition.status
    allowed = EXHIBITION_TRANSITIONS.get(current, ())
    if to not in allowed:
        nexts = status_labels(allowed, ExhibitionStatus) or _("nothing: it is finished")
        raise IllegalTransition(
            _("the exhibition is %(current)s and cannot become %(to)s; next: %(next)s")
            % {"current": _label(current), "to": _label(to), "next": nexts}
        )
    missing = exhibition_missing(exhibition, EXHIBITION_REQUIREMENTS.get(to, ()))
    if missing:
        raise RequirementMissing(
            _("the exhibition cannot become %(to)s yet: %(missing)s")
            % {"to": _label(to), "missing": "; ".join(missing)}
        )
    exhibition.status = to
    exhibition.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action=f"exhibition.{to}",
        target=exhibition,
        details={"from": current, "to": to, "comment": comment},
    )
    if to == ExhibitionStatus.CANCELLED:
        from caravan.exhibitions.services.loans import loans_cancel_with_exhibition

        loans_cancel_with_exhibition(exhibition=exhibition, actor=actor)
    caller_copy.status = to
    return exhibition


def _label(status: str) -> str:
    if status in ExhibitionStatus.values:
        return str(ExhibitionStatus(status).label).lower()
    return status


# --- Venues -------------------------------------------------------------------------------------


@transaction.atomic
def venue_add(
    *,
    exhibition: Exhibition,
    opens_on: datetime.date,
    closes_on: datetime.date,
    actor: Actor,
    institution: Institution | None = None,
    place_name: Any = None,
    city: Any = None,
    country: str = "",
) -> Venue:
    """Add a stop to the itinerary: a member institution (its city and country are taken when
    not given) or a named place. Refused: closing before opening, dates overlapping another
    venue of the exhibition, a finished exhibition. The lender's draft loans follow the whole
    itinerary, so a new venue joins them; submitted loans keep the venues they were asked for.
    """
    _require_editor(actor, exhibition)
    _require_not_finished(exhibition)
    venue = Venue(
        exhibition=exhibition,
        institution=institution,
        place_name=language_map(place_name, "place_name"),
        city=language_map(city, "city"),
        country=country,
        opens_on=opens_on,
        closes_on=closes_on,
    )
    _fill_from_institution(venue)
    _check_venue(venue)
    save_checked(venue, actor=actor, action="exhibition.venue_add")
    for loan in exhibition.loans.filter(status=LoanStatus.DRAFT):
        loan.venues.add(venue)
    return venue


def _fill_from_institution(venue: Venue) -> None:
    if venue.institution is not None:
        venue.city = venue.city or dict(venue.institution.city)
        venue.country = venue.country or venue.institution.country


def _check_venue(venue: Venue) -> None:
    venue.full_clean()  # closes_on before opens_on, a place, a country code
    clash = (
        Venue.objects.filter(
            exhibition_id=venue.exhibition_id,
            opens_on__lte=venue.closes_on,
            closes_on__gte=venue.opens_on,
        )
        .exclude(pk=venue.pk)
        .first()
    )
    if clash is not None:
        raise ValidationError(
            {
                "opens_on": _(
                    "the dates overlap another venue of this exhibition (%(venue)s): "
                    "a travelling exhibition is in one place at a time"
                )
                % {"venue": clash}
            }
        )


@transaction.atomic
def venue_update(*, venue: Venue, actor: Actor, **changes: Any) -> Venue:
    """Change a venue's place or dates, with the checks of ``venue_add``."""
    # Changed on a fresh copy: a refused change leaves the caller's instance untouched.
    venue = Venue.objects.get(pk=venue.pk)
    _require_editor(actor, venue.exhibition)
    _require_not_finished(venue.exhibition)
    changed = apply_changes(venue, changes, VENUE_FIELDS, VENUE_TEXTS)
    if changed:
        _fill_from_institution(venue)
        _check_venue(venue)
        save_checked(
            venue, actor=actor, action="exhibition.venue_update", details={"fields": changed}
        )
    return venue


@transaction.atomic
def venue_remove(*, venue: Venue, actor: Actor) -> None:
    """Remove a venue; refused while a submitted loan (not declined or cancelled) names it."""
    _require_editor(actor, venue.exhibition)
    _require_not_finished(venue.exhibition)
    bound = venue.loans.filter(submitted_at__isnull=False).exclude(
        status__in=(LoanStatus.DECLINED, LoanStatus.CANCELLED)
    )
    if bound.exists():
        raise ValidationError(
            _("loans already asked for this venue (%(loans)s); withdraw them first")
            % {"loans": ", ".join(loan.reference for loan in bound)}
        )
    audit_record(
        actor=actor,
        action="exhibition.venue_remove",
        target=venue.exhibition,
        details={"venue": str(venue)},
    )
    venue.delete()


@transaction.atomic
def venue_attendance_record(
    *, venue: Venue, attendance: int, actor: Actor, today: datetime.date | None = None
) -> Venue:
    """Record how many visitors a venue had, from the day after it closed.

    The exhibition's curators or the venue institution's own staff may.
    """
    if not can_file_facility_report(actor, venue):
        raise PermissionDenied(_("only the curators or the venue's own staff record attendance"))
    today = today or timezone.localdate()
    if today <= venue.closes_on:
        raise ValidationError(
            {
                "attendance": _(
                    "attendance is recorded after the venue closes (it closes on %(date)s)"
                )
                % {"date": venue.closes_on.isoformat()}
            }
        )
    if attendance < 0:
        raise ValidationError({"attendance": _("attendance cannot be negative")})
    venue.attendance = attendance
    save_checked(venue, actor=actor, action="exhibition.attendance", details={"count": attendance})
    return venue


# --- Checklist ----------------------------------------------------------------------------------


def _objects_for(actor: Actor) -> QuerySet[CatalogueObject]:
    if actor is None:
        return CatalogueObject.objects.filter(withdrawn_at__isnull=True)
    return objects_visible_to(actor)


@transaction.atomic
def checklist_item_add(
    *,
    exhibition: Exhibition,
    obj: CatalogueObject,
    actor: Actor,
    position: int | None = None,
    **details: Any,
) -> ChecklistItem:
    """Put an object from any member's collection on the checklist.

    The curator must be allowed to see the object (catalogue.selectors.objects_visible_to: a
    private object of another institution cannot be added, nor a withdrawn one). ``details``
    are the checklist fields: ``section``, ``label``, ``mount``, ``display_notes`` (language
    maps), ``catalogue_number``, ``light_max_lux``, ``temperature_min_c``/``_max_c``,
    ``humidity_min``/``_max``. Without a position the item goes last. An object already
    promised elsewhere over the same dates is not refused: see selectors.checklist_conflicts.
    """
    _require_editor(actor, exhibition)
    _require_not_finished(exhibition)
    if not _objects_for(actor).filter(pk=obj.pk).exists():
        raise PermissionDenied(_("you may not see this object, so it cannot be added"))
    if exhibition.checklist.filter(object=obj).exists():
        raise ValidationError({"object": _("this object is already on the checklist")})
    if position is None:
        last = exhibition.checklist.aggregate(last=Max("position"))["last"]
        position = 0 if last is None else last + 1
    item = ChecklistItem(
        exhibition=exhibition, object=obj, position=position, added_by=user_or_none(actor)
    )
    apply_changes(item, details, CHECKLIST_FIELDS, CHECKLIST_TEXTS)
    return save_checked(
        item, actor=actor, action="exhibition.checklist_add", details={"object": obj.pk}
    )


@transaction.atomic
def checklist_item_update(*, item: ChecklistItem, actor: Actor, **changes: Any) -> ChecklistItem:
    """Change an item's section, order, number, label or display requirements."""
    # Changed on a fresh copy: a refused change leaves the caller's instance untouched.
    item = ChecklistItem.objects.get(pk=item.pk)
    _require_editor(actor, item.exhibition)
    _require_not_finished(item.exhibition)
    changed = apply_changes(item, changes, CHECKLIST_FIELDS, CHECKLIST_TEXTS)
    if changed:
        save_checked(
            item, actor=actor, action="exhibition.checklist_update", details={"fields": changed}
        )
    return item


@transaction.atomic
def checklist_reorder(
    *, exhibition: Exhibition, item_ids: Sequence[int], actor: Actor
) -> list[ChecklistItem]:
    """Number the items in the given order (0, 1, 2…); items not named keep their place after."""
    _require_editor(actor, exhibition)
    items = {item.pk: item for item in exhibition.checklist.all()}
    unknown = [pk for pk in item_ids if pk not in items]
    if unknown:
        raise ValidationError(_("not items of this checklist: %(ids)s") % {"ids": unknown})
    ordered = [items[pk] for pk in item_ids]
    rest = sorted(
        (item for pk, item in items.items() if pk not in set(item_ids)),
        key=lambda item: (item.position, item.pk),
    )
    for position, item in enumerate([*ordered, *rest]):
        item.position = position
    ChecklistItem.objects.bulk_update(ordered + rest, ["position"])
    audit_record(
        actor=actor,
        action="exhibition.checklist_reorder",
        target=exhibition,
        details={"order": [item.pk for item in ordered + rest]},
    )
    return ordered + rest


@transaction.atomic
def checklist_item_remove(*, item: ChecklistItem, actor: Actor) -> None:
    """Take an object off the checklist. It leaves the lender's draft loan with it; refused
    while a submitted loan still holds it (withdraw that loan, or let the lender decline)."""
    _require_editor(actor, item.exhibition)
    _require_not_finished(item.exhibition)
    held = LoanObject.objects.filter(item=item, loan__submitted_at__isnull=False).exclude(
        loan__status__in=(LoanStatus.DECLINED, LoanStatus.CANCELLED)
    )
    if held.exists():
        raise ValidationError(
            _("the object is in loan %(loan)s, already asked of its lender; withdraw it first")
            % {"loan": held.first().loan.reference}  # type: ignore[union-attr]
        )
    LoanObject.objects.filter(item=item, loan__status=LoanStatus.DRAFT).delete()
    audit_record(
        actor=actor,
        action="exhibition.checklist_remove",
        target=item.exhibition,
        details={"object": item.object_id},
    )
    item.delete()
