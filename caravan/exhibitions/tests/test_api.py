"""/api/v1/exhibitions and /api/v1/loans: the same rules as the services, in HTTP terms —
401 for no one, 403 for the wrong side, 409 for the wrong moment, and nothing changed."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from caravan.api.services import token_create
from caravan.exhibitions.models import LoanRequest, LoanTransition
from caravan.exhibitions.services import exhibition_status_change, loan_transition

pytestmark = pytest.mark.django_db


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post_move(client: Client, loan: LoanRequest, body: dict[str, Any], **extra: Any) -> Any:
    return client.post(
        f"/api/v1/loans/{loan.pk}/transitions", body, content_type="application/json", **extra
    )


def test_anonymous_readers_see_only_open_exhibitions_with_their_venues(client, show, people):
    assert client.get("/api/v1/exhibitions").json() == []
    assert client.get("/api/v1/exhibitions/silk-roads").status_code == 404
    for status in ("planning", "confirmed", "open"):
        exhibition_status_change(exhibition=show, to=status, actor=people.curator)
    (listed,) = client.get("/api/v1/exhibitions").json()
    assert listed["code"] == "silk-roads" and listed["status"] == "open"
    assert [v["institution"]["code"] for v in listed["venues"]] == ["palace", "hermitage"]
    assert listed["opens_on"] == show.venue_home.opens_on.isoformat()
    assert "budget_notes" not in listed
    detail = client.get("/api/v1/exhibitions/silk-roads").json()
    assert sorted(item["local_id"] for item in detail["checklist"]) == [
        "hermitage-public",
        "matenadaran-public",
        "palace-public",
    ]
    assert detail["checklist_hidden"] == 1  # the Hermitage's members-only object
    assert detail["checklist"][0]["humidity_min"] == "45.0"


def test_organisers_see_their_exhibition_before_it_opens(show, people):
    (listed,) = signed_in(people.curator).get("/api/v1/exhibitions").json()
    assert listed["status"] == "idea"
    assert signed_in(people.louvre).get("/api/v1/exhibitions").json() == []


def test_loans_are_for_their_two_sides_only(client, loans, people):
    answer = client.get("/api/v1/loans")
    assert answer.status_code == 401 and answer.json()["code"] == "unauthorized"
    loan_transition(loan=loans["hermitage"], to="requested", actor=people.curator)
    outgoing = signed_in(people.curator).get("/api/v1/loans").json()
    assert {loan["lender"]["code"] for loan in outgoing} == {"hermitage", "matenadaran"}
    (incoming,) = signed_in(people.hermitage).get("/api/v1/loans").json()
    assert incoming["id"] == loans["hermitage"].pk
    assert (incoming["status"], incoming["borrower"]["code"]) == ("requested", "palace")
    assert sorted(o["local_id"] for o in incoming["objects"]) == [
        "hermitage-members",
        "hermitage-public",
    ]
    assert incoming["your_side"] == "lender"
    assert [step["to"] for step in incoming["next_steps"]] == ["under_review"]
    assert [(t["from_status"], t["to_status"]) for t in incoming["transitions"]] == [
        ("", "draft"),
        ("draft", "requested"),
    ]
    assert signed_in(people.yerevan).get("/api/v1/loans").json() == []  # its loan is a draft
    assert signed_in(people.louvre).get("/api/v1/loans").json() == []
    assert signed_in(people.louvre).get(f"/api/v1/loans/{loans['hermitage'].pk}").status_code == 404
    only_outgoing = signed_in(people.hermitage).get("/api/v1/loans?direction=outgoing").json()
    assert only_outgoing == []


def test_moves_over_the_api_with_the_lenders_decisions(loans, people):
    loan = loans["hermitage"]
    curator, lender = signed_in(people.curator), signed_in(people.hermitage)
    assert post_move(curator, loan, {"to": "requested", "comment": "Please"}).status_code == 200
    assert post_move(lender, loan, {"to": "under_review"}).status_code == 200
    objects = {
        o["local_id"]: o["id"] for o in lender.get(f"/api/v1/loans/{loan.pk}").json()["objects"]
    }
    answer = post_move(
        lender,
        loan,
        {
            "to": "approved",
            "conditions": "A courier travels with the object.",
            "decisions": [
                {"object": objects["hermitage-public"], "decision": "approved"},
                {
                    "object": objects["hermitage-members"],
                    "decision": "declined",
                    "reason": "Fragile",
                },
            ],
        },
    )
    assert answer.status_code == 200, answer.json()
    moved = answer.json()
    assert moved["status"] == "approved"
    assert moved["conditions"] == {"und": "A courier travels with the object."}
    assert {o["local_id"]: o["decision"] for o in moved["objects"]} == {
        "hermitage-public": "approved",
        "hermitage-members": "declined",
    }
    assert moved["transitions"][-1]["by"] == "hermitage-registrar"


def test_refusals_over_the_api_change_nothing(client, loans, people):
    loan = loans["hermitage"]
    loan_transition(loan=loan, to="requested", actor=people.curator)
    loan_transition(loan=loan, to="under_review", actor=people.hermitage)
    moves = LoanTransition.objects.count()

    anonymous = post_move(client, loan, {"to": "approved"})
    assert anonymous.status_code == 401
    own_approval = post_move(signed_in(people.curator), loan, {"to": "approved"})
    assert own_approval.status_code == 403
    assert own_approval.json() == {
        "detail": "the borrower cannot approve a loan; only the lender (Hermitage) can",
        "code": "forbidden",
        "errors": [],
    }
    on_display = post_move(signed_in(people.hermitage), loan, {"to": "on_display"})
    assert on_display.status_code == 403
    assert "only the borrower (Palace Museum)" in on_display.json()["detail"]
    skipped = post_move(signed_in(people.hermitage), loan, {"to": "closed"})
    assert skipped.status_code == 409 and skipped.json()["code"] == "conflict"
    assert "cannot move to closed" in skipped.json()["detail"]
    not_ready = post_move(signed_in(people.hermitage), loan, {"to": "approved"})
    assert (
        not_ready.status_code == 409
        and "neither approved nor declined" in not_ready.json()["detail"]
    )
    stranger = post_move(signed_in(people.louvre), loan, {"to": "declined"})
    assert stranger.status_code == 404
    overseer = post_move(signed_in(people.secretary), loan, {"to": "declined"})
    assert overseer.status_code == 403
    unknown = post_move(signed_in(people.hermitage), loan, {"to": "lost"})
    assert unknown.status_code == 422
    nul = post_move(signed_in(people.hermitage), loan, {"to": "declined", "comment": "a\u0000b"})
    assert nul.status_code == 422 and "NUL" in nul.json()["detail"]
    misplaced = post_move(signed_in(people.hermitage), loan, {"to": "declined", "conditions": "x"})
    assert misplaced.status_code == 422

    loan.refresh_from_db()
    assert loan.status == "under_review" and LoanTransition.objects.count() == moves


def test_a_session_needs_its_csrf_token_and_a_bearer_token_does_not(loans, people):
    loan = loans["hermitage"]
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(people.curator)
    forged = post_move(browser, loan, {"to": "requested"})
    assert forged.status_code == 403 and "CSRF" in forged.json()["detail"]
    loan.refresh_from_db()
    assert loan.status == "draft"

    _, secret = token_create(user=people.curator, name="collections system")
    system = Client(enforce_csrf_checks=True)
    answer = post_move(system, loan, {"to": "requested"}, HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert answer.status_code == 200 and answer.json()["status"] == "requested"


def test_nul_characters_in_parameters_are_harmless(client, show, people):
    # PostgreSQL refuses NUL in any query parameter; the selectors never pass one on.
    assert client.get("/api/v1/exhibitions?q=a%00b&status=%00").status_code == 200
    assert client.get("/api/v1/exhibitions/silk%00roads").status_code == 404
    curator = signed_in(people.curator)
    assert curator.get("/api/v1/loans?status=%00&exhibition=%00").status_code == 200
