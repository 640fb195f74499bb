"""Telling people what happened: the in-app inbox, and e-mail through Django's e-mail backend.

Every loan move notifies the other side and the exhibition's curators (never the person who
made it): the lender's staff, and on the borrower's side the curators — or, when no curator
works for the borrower, the borrower's staff. A lender hears of a loan only once it has been
submitted. Notifications are written in the move's transaction; e-mails leave after it commits
(a refused or rolled-back move sends nothing), each in its recipient's preferred language
(English when they have none), and a mail server that refuses them leaves the inbox intact.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage, get_connection
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from caravan.accounts.models import User
from caravan.core.langmap import pick
from caravan.exhibitions.models import (
    FacilityReport,
    LoanRequest,
    LoanTransition,
    Notification,
    ObjectDecision,
)
from caravan.exhibitions.services.common import Actor, user_or_none
from caravan.exhibitions.workflow import LoanStatus, Side

logger = logging.getLogger(__name__)


# --- Who hears ----------------------------------------------------------------------------------


def _staff(institution_id: int) -> list[User]:
    return list(User.objects.filter(institution_id=institution_id, is_active=True, is_staff=True))


def _borrower_side(loan: LoanRequest) -> list[User]:
    curators = list(loan.exhibition.curators.filter(is_active=True))
    if any(curator.institution_id == loan.borrower_id for curator in curators):
        return curators
    return [*curators, *_staff(loan.borrower_id)]


def loan_recipients(loan: LoanRequest, *, acting_side: str, actor: Actor) -> list[User]:
    """Who is told of a move by ``acting_side``: the other side and the curators, not the actor."""
    curators = list(loan.exhibition.curators.filter(is_active=True))
    lender = _staff(loan.lender_id) if loan.submitted_at is not None else []
    if acting_side == Side.LENDER:
        people = _borrower_side(loan)
    elif acting_side == Side.BORROWER:
        people = [*lender, *curators]
    else:
        people = [*lender, *_borrower_side(loan)]
    return _distinct(people, actor)


def _distinct(people: Iterable[User], actor: Actor) -> list[User]:
    acting = user_or_none(actor)
    seen: dict[int, User] = {}
    for person in people:
        if acting is None or person.pk != acting.pk:
            seen.setdefault(person.pk, person)
    return list(seen.values())


# --- Writing notifications ----------------------------------------------------------------------


def _notify(
    *,
    recipients: Sequence[User],
    actor: Actor,
    verb: str,
    target: models.Model,
    data: dict[str, Any],
) -> list[Notification]:
    target_type = ContentType.objects.get_for_model(target)
    made = Notification.objects.bulk_create(
        Notification(
            recipient=recipient,
            actor=user_or_none(actor),
            verb=verb,
            target_type=target_type,
            target_id=target.pk,
            data=data,
        )
        for recipient in recipients
    )
    ids = [notification.pk for notification in made if notification.recipient.email]
    if ids:
        transaction.on_commit(lambda: notifications_email(ids))
    return made


def notify_loan_transition(*, transition: LoanTransition, actor: Actor) -> list[Notification]:
    """Tell the other side and the curators of a loan's move (called by the loan services)."""
    loan = transition.loan
    return _notify(
        recipients=loan_recipients(loan, acting_side=transition.side, actor=actor),
        actor=actor,
        verb=f"loan.{transition.to_status}",
        target=loan,
        data={
            "loan": loan.reference,
            "exhibition": loan.exhibition.code,
            "from": transition.from_status,
            "to": transition.to_status,
            "side": transition.side,
            "by": transition.by_name,
            "comment": transition.comment,
            "transition": transition.pk,
        },
    )


def notify_facility_report(*, report: FacilityReport, actor: Actor) -> list[Notification]:
    """Tell the lenders whose submitted loans travel to the venue, and the curators."""
    venue = report.venue
    loans = venue.loans.filter(submitted_at__isnull=False).exclude(
        status__in=(LoanStatus.DECLINED, LoanStatus.CANCELLED, LoanStatus.CLOSED)
    )
    people = [user for lender in {loan.lender_id for loan in loans} for user in _staff(lender)]
    people += list(venue.exhibition.curators.filter(is_active=True))
    return _notify(
        recipients=_distinct(people, actor),
        actor=actor,
        verb="facility_report.submitted",
        target=venue.exhibition,
        data={"exhibition": venue.exhibition.code, "venue": venue.pk, "report": report.pk},
    )


# --- Reading them out ---------------------------------------------------------------------------


def notification_summary(notification: Notification, language: str) -> str:
    """One line saying what happened, in ``language`` where translations exist and with the
    record texts (titles, names) picked for that language."""
    with translation.override(language):
        return _summary(notification, language)


def _summary(notification: Notification, language: str) -> str:
    data = notification.data
    exhibition = _exhibition_title(data.get("exhibition", ""), language)
    if notification.verb == "facility_report.submitted":
        return _("A facility report was filed for “%(exhibition)s”.") % {"exhibition": exhibition}
    to = data.get("to", "")
    status = str(LoanStatus(to).label).lower() if to in LoanStatus.values else to
    return _("Loan %(loan)s for “%(exhibition)s” is now %(status)s.") % {
        "loan": data.get("loan", ""),
        "exhibition": exhibition,
        "status": status,
    }


def _exhibition_title(code: str, language: str) -> str:
    from caravan.exhibitions.models import Exhibition

    titles = Exhibition.objects.filter(code=code).values_list("titles", flat=True).first()
    chosen = pick(titles, language)
    return chosen.text if chosen else code


def _language(user: User) -> str:
    return user.preferred_language or settings.LANGUAGE_CODE


def _details(notification: Notification, language: str) -> list[str]:
    """The lines of an e-mail below its summary: the parties, who acted, the comment."""
    target = notification.target
    if not isinstance(target, LoanRequest):
        return []
    lines = [
        _("Lender: %(name)s") % {"name": _name_in(target.lender.names, language, target.lender)},
        _("Borrower: %(name)s")
        % {"name": _name_in(target.borrower.names, language, target.borrower)},
    ]
    by = notification.data.get("by")
    if by:
        lines.append(_("By: %(user)s") % {"user": by})
    if notification.data.get("to") == LoanStatus.APPROVED:
        decisions = target.loan_objects.values_list("decision", flat=True)
        lines.append(
            _("Objects approved: %(approved)d; declined: %(declined)d")
            % {
                "approved": sum(1 for d in decisions if d == ObjectDecision.APPROVED),
                "declined": sum(1 for d in decisions if d == ObjectDecision.DECLINED),
            }
        )
        conditions = pick(target.conditions, language)
        if conditions:
            lines.append(_("Conditions: %(text)s") % {"text": conditions.text})
    comment = pick(notification.data.get("comment") or {}, language)
    if comment:
        lines.append(_("Comment: %(text)s") % {"text": comment.text})
    return lines


def _name_in(names: dict[str, str], language: str, fallback: object) -> str:
    chosen = pick(names, language)
    return chosen.text if chosen else str(fallback)


def _message(notification: Notification) -> EmailMessage:
    recipient = notification.recipient
    language = _language(recipient)
    with translation.override(language):
        context = {
            "summary": _summary(notification, language),
            "lines": _details(notification, language),
            "site_name": settings.CARAVAN_SITE_NAME,
        }
        subject = render_to_string("exhibitions/email/notification_subject.txt", context)
        body = render_to_string("exhibitions/email/notification.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=[recipient.email],
        headers={"Content-Language": language},
    )


def notifications_email(ids: Sequence[int]) -> int:
    """Send the e-mails of these notifications (not sent before); returns how many left.

    A mail server that refuses is logged: the notifications stay in the inbox, unmarked.
    """
    pending = list(
        Notification.objects.filter(pk__in=ids, emailed_at__isnull=True)
        .exclude(recipient__email="")
        .select_related("recipient", "target_type")
    )
    if not pending:
        return 0
    messages = [_message(notification) for notification in pending]
    try:
        sent = get_connection().send_messages(messages) or 0
    except (OSError, smtplib.SMTPException):
        logger.warning("could not send %d notification e-mails", len(messages), exc_info=True)
        return 0
    Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=timezone.now())
    return sent


# --- The reader's side --------------------------------------------------------------------------


@transaction.atomic
def notification_mark_read(*, notification: Notification, actor: Actor) -> Notification:
    """Mark one of the actor's own notifications read (reading twice keeps the first time)."""
    reader = user_or_none(actor)
    if reader is None or reader.pk != notification.recipient_id:
        raise PermissionDenied(_("this notification is someone else's"))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, actor: Actor) -> int:
    """Mark all the actor's unread notifications read; returns how many."""
    reader = user_or_none(actor)
    if reader is None:
        return 0
    return Notification.objects.filter(recipient=reader, read_at__isnull=True).update(
        read_at=timezone.now()
    )
