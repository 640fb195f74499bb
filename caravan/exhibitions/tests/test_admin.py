"""The admin shows exhibitions and loans to the secretariat and changes no loan."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from caravan.exhibitions.services import loan_transition

pytestmark = pytest.mark.django_db


def admin_client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_secretariat_looks_at_every_page(show, loans, people, make_user):
    loan = loans["hermitage"]
    loan_transition(loan=loan, to="requested", actor=people.curator)
    secretary = make_user("overseer", is_secretariat=True)
    client = admin_client(secretary)
    pages = [
        "/admin/exhibitions/exhibition/",
        f"/admin/exhibitions/exhibition/{show.pk}/change/",
        "/admin/exhibitions/loanrequest/",
        f"/admin/exhibitions/loanrequest/{loan.pk}/change/",
        "/admin/exhibitions/notification/",
        "/admin/exhibitions/facilityreport/",
        "/admin/exhibitions/conditionreport/",
    ]
    for page in pages:
        assert client.get(page).status_code == 200, page
    page = client.get(f"/admin/exhibitions/loanrequest/{loan.pk}/change/").content.decode()
    assert "Requested" in page and 'name="status"' not in page  # shown, not editable
    assert client.get("/admin/exhibitions/loanrequest/add/").status_code == 403


def test_an_institutions_staff_do_not_browse_loans_in_the_admin(loans, people):
    client = admin_client(people.hermitage)
    assert client.get("/admin/exhibitions/loanrequest/").status_code == 403
    assert client.get("/admin/exhibitions/exhibition/").status_code == 200  # a look, no change
