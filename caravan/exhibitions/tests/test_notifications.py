"""Every move tells the other side and the curators, in the inbox and by e-mail in each
reader's language; a refused move tells no one."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from caravan.exhibitions.errors import WrongSide
from caravan.exhibitions.models import Notification
from caravan.exhibitions.selectors import notification_unread_count, notifications_for
from caravan.exhibitions.services import (
    ObjectDecisionInput,
    facility_report_submit,
    loan_transition,
    notification_mark_read,
    notification_summary,
    notifications_mark_all_read,
)

pytestmark = pytest.mark.django_db


def recipients(mailoutbox):
    return sorted(address for mail in mailoutbox for address in mail.to)


def test_a_submitted_request_reaches_the_lenders_staff_in_their_language(
    loans, people, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        loan_transition(
            loan=loans["hermitage"],
            to="requested",
            actor=people.curator,
            comment={"en": "With thanks", "ru": "С благодарностью"},
        )
    # the Hermitage's staff; the curator who acted hears nothing of their own move
    assert recipients(mailoutbox) == ["registrar@hermitage.example"]
    (mail,) = mailoutbox
    assert mail.extra_headers["Content-Language"] == "ru"
    # the exhibition's title and the names are picked in Russian
    assert "Вдоль Шёлкового пути" in mail.subject
    assert "Эрмитаж" in mail.body and "С благодарностью" in mail.body
    note = Notification.objects.get(recipient=people.hermitage)
    assert (note.verb, note.target, note.actor) == (
        "loan.requested",
        loans["hermitage"],
        people.curator,
    )
    assert note.emailed_at is not None
    assert notification_unread_count(people.hermitage) == 1


def test_the_lenders_answer_reaches_the_curators_not_the_borrowers_other_staff(
    loans, people, mailoutbox, django_capture_on_commit_callbacks
):
    loan = loans["matenadaran"]
    loan_transition(loan=loan, to="requested", actor=people.curator)
    loan_transition(loan=loan, to="under_review", actor=people.yerevan)
    (only,) = loan.loan_objects.all()
    with django_capture_on_commit_callbacks(execute=True):
        loan_transition(
            loan=loan,
            to="approved",
            actor=people.yerevan,
            conditions="Courier to accompany.",
            decisions=[ObjectDecisionInput(only.pk, "approved")],
        )
    # a curator works for the borrower, so the borrower's other staff are not copied
    assert recipients(mailoutbox) == ["curator@palace.example"]
    (mail,) = mailoutbox
    # the curator prefers Simplified Chinese: the title is picked in Chinese
    assert mail.extra_headers["Content-Language"] == "zh-hans"
    assert "丝绸之路" in mail.subject
    assert "Courier to accompany." in mail.body
    assert not Notification.objects.filter(recipient=people.palace_registrar).exists()


def test_without_a_preferred_language_mail_is_in_english(
    loans, people, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        loan_transition(loan=loans["matenadaran"], to="requested", actor=people.curator)
    (mail,) = mailoutbox
    assert mail.to == ["registrar@matenadaran.example"]
    assert mail.extra_headers["Content-Language"] == "en"
    assert "Loan L" in mail.subject and "Along the Silk Roads" in mail.subject
    assert "is now requested" in mail.subject


def test_a_refused_move_notifies_no_one(
    loans, people, mailoutbox, django_capture_on_commit_callbacks
):
    loan_transition(loan=loans["hermitage"], to="requested", actor=people.curator)
    loan_transition(loan=loans["hermitage"], to="under_review", actor=people.hermitage)
    count = Notification.objects.count()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(WrongSide):
        loan_transition(loan=loans["hermitage"], to="approved", actor=people.curator)
    assert Notification.objects.count() == count
    assert mailoutbox == []


def test_drafts_are_not_announced_to_lenders(
    loans, people, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        loan_transition(loan=loans["hermitage"], to="cancelled", actor=people.curator)
    assert not Notification.objects.filter(recipient=people.hermitage).exists()
    assert mailoutbox == []


def test_facility_reports_reach_the_lenders_who_send_objects_there(
    show, loans, people, mailoutbox, django_capture_on_commit_callbacks
):
    loan_transition(loan=loans["hermitage"], to="requested", actor=people.curator)
    with django_capture_on_commit_callbacks(execute=True):
        facility_report_submit(venue=show.venue_home, actor=people.curator, cctv=True)
    assert recipients(mailoutbox) == ["registrar@hermitage.example"]  # not the draft's lender


def test_the_inbox_is_read_by_its_owner_only(loans, people):
    loan_transition(loan=loans["hermitage"], to="requested", actor=people.curator)
    loan_transition(loan=loans["hermitage"], to="under_review", actor=people.hermitage)
    loan_transition(loan=loans["matenadaran"], to="requested", actor=people.curator)
    (note,) = notifications_for(people.curator)
    assert notification_summary(note, "en") == (
        f"Loan {loans['hermitage'].reference} for “Along the Silk Roads” is now under review."
    )
    assert "丝绸之路" in notification_summary(note, "zh-Hans")
    with pytest.raises(PermissionDenied):
        notification_mark_read(notification=note, actor=people.hermitage)
    notification_mark_read(notification=note, actor=people.curator)
    assert notification_unread_count(people.curator) == 0
    assert list(notifications_for(people.curator, unread_only=True)) == []
    assert notifications_mark_all_read(actor=people.hermitage) == 1
    assert notification_unread_count(people.hermitage) == 0
