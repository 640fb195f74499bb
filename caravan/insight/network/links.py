"""Every cooperation a reader may see, as dated pairs of institutions.

What counts as a tie between two institutions, per kind:

- *agreement*: any two institution parties of one agreement. When an alliance is a party, its
  secretariat institution stands for it (it signs for the alliance, and the agreements'
  visibility rule treats it as the party too); an alliance without a secretariat adds no tie.
  Dated by the signing, else the entry into force, else the day it was recorded.
- *loan*: the lender and the borrower of a loan request that was submitted and not declined
  or cancelled (a draft is the borrower's alone; a refused loan is no cooperation). Dated by
  its submission.
- *exhibition*: any two of a joint exhibition's lead organiser, co-organisers and the member
  institutions it travels to, unless it was cancelled. Dated by its first opening, else the
  day it was recorded.
- *programme*: an exchange or training programme's host with each sending institution and
  each institution a participant came from. Dated by its start.

Each record ties a pair at most once. Which records a reader may see is decided by the
domains' own selectors (``agreements_visible_to``, ``loans_visible_to``,
``exhibitions_visible_to``; programmes are public), never here.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations

from django.db import models
from django.utils.translation import gettext_lazy as _

from caravan.cooperation.models import AgreementParty, Programme, ProgrammeParticipant
from caravan.cooperation.selectors import Viewer, agreements_visible_to, programme_list
from caravan.exhibitions.models import Exhibition, Venue
from caravan.exhibitions.selectors import exhibitions_visible_to, loans_visible_to
from caravan.exhibitions.workflow import ExhibitionStatus, LoanStatus


class Kind(models.TextChoices):
    AGREEMENT = "agreement", _("Agreements")
    LOAN = "loan", _("Loans")
    EXHIBITION = "exhibition", _("Joint exhibitions")
    PROGRAMME = "programme", _("Exchanges and trainings")


# Loans that never became cooperation: the borrower's draft, a refusal, a withdrawal.
NOT_COOPERATION_LOAN_STATUSES = (LoanStatus.DRAFT, LoanStatus.DECLINED, LoanStatus.CANCELLED)


@dataclass(frozen=True, order=True)
class Link:
    """One record tying two institutions (``a < b``, by primary key) on a date."""

    a: int
    b: int
    kind: str
    on: datetime.date
    record: str  # the record's code or reference, for the table and the tests


def cooperation_links(user: Viewer) -> list[Link]:
    """Every tie the user may see, of every kind, sorted (so equal data gives equal lists)."""
    links = [
        *_agreement_links(user),
        *_loan_links(user),
        *_exhibition_links(user),
        *_programme_links(),
    ]
    return sorted(links)


def _pairs(ids: Iterable[int], kind: Kind, on: datetime.date, record: str) -> Iterator[Link]:
    for a, b in combinations(sorted(set(ids)), 2):
        yield Link(a=a, b=b, kind=kind.value, on=on, record=record)


def _agreement_links(user: Viewer) -> Iterator[Link]:
    rows = AgreementParty.objects.filter(
        agreement__in=agreements_visible_to(user).values("pk")
    ).values_list(
        "agreement__code",
        "institution_id",
        "alliance__secretariat_id",
        "agreement__signed_on",
        "agreement__starts_on",
        "agreement__created_at",
    )
    parties: dict[str, set[int]] = defaultdict(set)
    dates: dict[str, datetime.date] = {}
    for code, institution, secretariat, signed, starts, created in rows:
        party = institution or secretariat
        if party is not None:
            parties[code].add(party)
        dates[code] = signed or starts or created.date()
    for code, ids in parties.items():
        yield from _pairs(ids, Kind.AGREEMENT, dates[code], code)


def _loan_links(user: Viewer) -> Iterator[Link]:
    loans = (
        loans_visible_to(user)
        .filter(submitted_at__isnull=False)
        .exclude(status__in=NOT_COOPERATION_LOAN_STATUSES)
        .values_list("pk", "lender_id", "borrower_id", "submitted_at")
    )
    for pk, lender, borrower, submitted in loans:
        if submitted is None:  # excluded by the query; this tells the type checker
            continue
        yield from _pairs((lender, borrower), Kind.LOAN, submitted.date(), f"L{pk:05d}")


def _exhibition_links(user: Viewer) -> Iterator[Link]:
    visible = exhibitions_visible_to(user).exclude(status=ExhibitionStatus.CANCELLED)
    exhibitions = {
        pk: (code, lead, created.date())
        for pk, code, lead, created in Exhibition.objects.filter(
            pk__in=visible.values("pk")
        ).values_list("pk", "code", "lead_organiser_id", "created_at")
    }
    members: dict[int, set[int]] = {pk: {lead} for pk, (_code, lead, _on) in exhibitions.items()}
    co_organisers = Exhibition.co_organisers.through.objects.filter(exhibition_id__in=exhibitions)
    for exhibition, institution in co_organisers.values_list("exhibition_id", "institution_id"):
        members[exhibition].add(institution)
    opened: dict[int, datetime.date] = {}
    venues = Venue.objects.filter(exhibition_id__in=exhibitions, institution__isnull=False)
    for exhibition, institution, opens in venues.values_list(
        "exhibition_id", "institution_id", "opens_on"
    ):
        members[exhibition].add(institution)
        opened[exhibition] = min(opens, opened.get(exhibition, opens))
    for pk, (code, _lead, created) in exhibitions.items():
        yield from _pairs(members[pk], Kind.EXHIBITION, opened.get(pk, created), code)


def _programme_links() -> Iterator[Link]:
    programmes = {
        pk: (code, host, starts)
        for pk, code, host, starts in programme_list()
        .order_by()
        .values_list("pk", "code", "host_id", "starts_on")
    }
    partners: dict[int, set[int]] = defaultdict(set)
    sending = Programme.sending.through.objects.filter(programme_id__in=programmes)
    for programme, institution in sending.values_list("programme_id", "institution_id"):
        partners[programme].add(institution)
    participants = ProgrammeParticipant.objects.filter(
        programme_id__in=programmes, institution__isnull=False
    )
    for programme, institution in participants.values_list("programme_id", "institution_id"):
        partners[programme].add(institution)
    for pk, (code, host, starts) in programmes.items():
        for partner in sorted(partners[pk] - {host}):
            yield from _pairs((host, partner), Kind.PROGRAMME, starts, code)
