"""An alliance's 2024 for the work report's tests: for every topic, records inside the year and
outside it, in the alliance's scope and outside it (an outsider's private business).

Rows are written with the ORM where the test needs dates in the past (created_at, submitted_at)
that the services would stamp with today.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from caravan.catalogue.models import CatalogueObject
from caravan.cooperation.models import (
    Agreement,
    AgreementParty,
    DocumentKind,
    Event,
    EventDocument,
    EventParticipation,
    EventSession,
    Programme,
    ProgrammeParticipant,
)
from caravan.exhibitions.models import (
    ChecklistItem,
    Exhibition,
    LoanObject,
    LoanRequest,
    Venue,
)
from caravan.institutions.models import (
    Alliance,
    CouncilDecision,
    Institution,
    MembershipApplication,
    Office,
    OfficeTerm,
    Person,
)
from caravan.institutions.services import alliance_create, membership_add, membership_end

YEAR = 2024
D = datetime.date


def at(year: int, month: int, day: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, 12, 0))


@dataclass
class ReportWorld:
    alliance: Alliance
    other: Alliance
    institutions: dict[str, Institution]


def build_report_world(make_institution: Any, make_object: Any) -> ReportWorld:
    i = {
        "palace": make_institution(
            "palace", names={"en": "Palace Museum", "zh-Hans": "故宫博物院"}, country="CN"
        ),
        "hermitage": make_institution(
            "hermitage", names={"en": "Hermitage", "ru": "Эрмитаж"}, country="RU"
        ),
        "newbie": make_institution("newbie", names={"en": "Newbie Museum"}, country="FR"),
        "late": make_institution("late", names={"en": "Late Museum"}, country="DE"),
        "old": make_institution("old", names={"en": "Old Museum"}, country="CN"),
        "outsider": make_institution("outsider", names={"en": "Outsider"}, country="US"),
        "stranger": make_institution("stranger", names={"en": "Stranger"}, country="JP"),
    }
    silk = alliance_create(code="silk", names={"en": "Silk Road Alliance", "zh-Hans": "丝路联盟"})
    silk.secretariat = i["palace"]
    silk.save()
    other = alliance_create(code="other", names={"en": "Other Alliance"})
    membership_add(institution=i["palace"], alliance=silk, start_date=D(2019, 1, 1))
    membership_add(institution=i["hermitage"], alliance=silk, start_date=D(2020, 5, 5))
    membership_add(institution=i["newbie"], alliance=silk, start_date=D(2024, 3, 1))
    membership_add(institution=i["late"], alliance=silk, start_date=D(2025, 2, 1))
    old = membership_add(institution=i["old"], alliance=silk, start_date=D(2019, 1, 1))
    membership_end(membership=old, on=D(2024, 7, 1))
    membership_add(institution=i["outsider"], alliance=other, start_date=D(2019, 1, 1))

    _governance(silk, other, i)
    _meetings(silk, other, i)
    _agreements(silk, i)
    _exhibitions_and_loans(silk, i, make_object)
    _programmes(silk, i)
    _catalogue(i, make_object)
    return ReportWorld(alliance=silk, other=other, institutions=i)


def _governance(silk: Alliance, other: Alliance, i: dict[str, Institution]) -> None:
    admission = CouncilDecision.objects.create(
        alliance=silk, kind="admission", decided_on=D(2024, 2, 20), text={"en": "Admit newbie"}
    )
    rejection = CouncilDecision.objects.create(
        alliance=silk, kind="rejection", decided_on=D(2024, 9, 1), text={"en": "No"}
    )
    CouncilDecision.objects.create(
        alliance=silk, kind="declaration", decided_on=D(2024, 10, 18), text={"en": "Declared"}
    )
    earlier = CouncilDecision.objects.create(
        alliance=silk, kind="other", decided_on=D(2023, 12, 1), text={"en": "Before"}
    )
    CouncilDecision.objects.create(
        alliance=other, kind="other", decided_on=D(2024, 5, 1), text={"en": "Elsewhere"}
    )
    rows = [
        ("newbie", "accepted", at(2024, 1, 10), admission),
        ("nope", "rejected", at(2024, 6, 1), rejection),
        ("older", "accepted", at(2023, 6, 1), earlier),
        ("waiting", "submitted", at(2024, 11, 1), None),
    ]
    for code, status, submitted, decision in rows:
        application = MembershipApplication.objects.create(
            alliance=silk,
            institution_code=code,
            institution_names={"en": code},
            country="FR",
            contact_name="x",
            contact_email="x@example.org",
            status=status,
            decision=decision,
        )
        MembershipApplication.objects.filter(pk=application.pk).update(submitted_at=submitted)
    person = Person.objects.create(names={"en": "Anna Convener"}, affiliation=i["hermitage"])
    OfficeTerm.objects.create(
        alliance=silk,
        office=Office.CONVENER,
        institution=i["palace"],
        start_date=D(2023, 7, 1),
        end_date=D(2024, 7, 1),
    )
    OfficeTerm.objects.create(
        alliance=silk,
        office=Office.CONVENER,
        institution=i["hermitage"],
        person=person,
        start_date=D(2024, 7, 1),
        end_date=D(2025, 7, 1),
    )


def _meetings(silk: Alliance, other: Alliance, i: dict[str, Institution]) -> None:
    conference = Event.objects.create(
        code="conf-2024",
        kind="conference",
        titles={"en": "Annual Conference 2024", "zh-Hans": "2024年年会"},
        alliance=silk,
        starts_on=D(2024, 10, 16),
        ends_on=D(2024, 10, 18),
        city={"en": "Xi'an"},
        country="CN",
        host=i["palace"],
    )
    council = Event.objects.create(
        code="council-2024",
        kind="council_meeting",
        titles={"en": "Council meeting"},
        alliance=silk,
        starts_on=D(2024, 3, 5),
    )
    Event.objects.create(
        code="conf-2023", kind="conference", alliance=silk, starts_on=D(2023, 11, 1)
    )
    Event.objects.create(code="other-2024", kind="forum", alliance=other, starts_on=D(2024, 4, 1))
    for kind in ("opening", "plenary", "closing"):
        EventSession.objects.create(event=conference, kind=kind, titles={"en": kind})
    EventSession.objects.create(event=council, kind="plenary", titles={"en": "Council"})
    EventParticipation.objects.create(event=conference, institution=i["palace"], delegates=3)
    EventParticipation.objects.create(event=conference, institution=i["hermitage"], delegates=2)
    EventParticipation.objects.create(event=council, institution=i["hermitage"], delegates=1)
    EventDocument.objects.create(
        event=conference,
        kind=DocumentKind.DECLARATION,
        titles={"en": "Xi'an Declaration", "zh-Hans": "西安宣言"},
        adopted_on=D(2024, 10, 18),
    )
    EventDocument.objects.create(event=conference, kind=DocumentKind.MINUTES, titles={"en": "Min"})
    old = Event.objects.get(code="conf-2023")
    EventDocument.objects.create(
        event=old, kind=DocumentKind.DECLARATION, titles={"en": "Old declaration"}
    )


def _agreement(code: str, signed: datetime.date, visibility: str, **kwargs: Any) -> Agreement:
    parties = kwargs.pop("parties")
    agreement = Agreement.objects.create(
        code=code,
        kind="mou",
        titles={"en": code},
        signed_on=signed,
        visibility=visibility,
        **kwargs,
    )
    for party in parties:
        if isinstance(party, Alliance):
            AgreementParty.objects.create(agreement=agreement, alliance=party)
        else:
            AgreementParty.objects.create(agreement=agreement, institution=party)
    return agreement


def _agreements(silk: Alliance, i: dict[str, Institution]) -> None:
    _agreement("alliance-mou", D(2024, 5, 1), "private", alliance=silk, parties=[silk])
    _agreement("member-deal", D(2024, 6, 1), "members", parties=[i["hermitage"], i["outsider"]])
    _agreement("old-mou", D(2023, 5, 1), "public", alliance=silk, parties=[i["palace"]])
    _agreement("strangers", D(2024, 5, 1), "public", parties=[i["outsider"], i["stranger"]])
    _agreement("secret", D(2024, 7, 1), "private", parties=[i["hermitage"], i["outsider"]])


def _exhibitions_and_loans(silk: Alliance, i: dict[str, Institution], make_object: Any) -> None:
    shown = Exhibition.objects.create(
        code="bronzes",
        titles={"en": "Bronzes", "zh-Hans": "青铜器"},
        status="open",
        lead_organiser=i["palace"],
    )
    Venue.objects.create(
        exhibition=shown,
        institution=i["palace"],
        opens_on=D(2024, 3, 1),
        closes_on=D(2024, 6, 30),
        attendance=5000,
        country="CN",
    )
    Venue.objects.create(
        exhibition=shown,
        institution=i["hermitage"],
        opens_on=D(2024, 9, 1),
        closes_on=D(2025, 1, 31),
        attendance=7000,
        country="RU",
    )
    Venue.objects.create(
        exhibition=shown,
        place_name={"en": "Somewhere"},
        opens_on=D(2025, 3, 1),
        closes_on=D(2025, 5, 1),
        attendance=9999,
        country="FR",
    )
    small = Exhibition.objects.create(
        code="prints",
        titles={"en": "Prints"},
        status="closed",
        lead_organiser=i["outsider"],
        alliance=silk,
    )
    Venue.objects.create(
        exhibition=small,
        place_name={"en": "Hall"},
        opens_on=D(2023, 12, 1),
        closes_on=D(2024, 1, 15),
        country="US",
    )
    for code, lead, status, opens in [
        ("outsiders-show", "outsider", "open", D(2024, 5, 1)),  # no member, no alliance
        ("last-year", "hermitage", "closed", D(2023, 2, 1)),
        ("cancelled", "palace", "cancelled", D(2024, 5, 1)),
    ]:
        exhibition = Exhibition.objects.create(
            code=code, titles={"en": code}, status=status, lead_organiser=i[lead]
        )
        Venue.objects.create(
            exhibition=exhibition,
            place_name={"en": "Hall"},
            opens_on=opens,
            closes_on=opens + datetime.timedelta(days=30),
            attendance=100,
        )
    objects = [make_object(i["hermitage"], f"loan-{n}") for n in range(3)]
    outsider_object = make_object(i["outsider"], "loan-out")
    stranger_object = make_object(i["stranger"], "loan-stranger")
    # make_object stamps today's date: keep these objects out of the catalogue figures
    CatalogueObject.objects.filter(local_id__startswith="loan-").update(created_at=at(2010, 1, 1))
    ChecklistItem.objects.create(exhibition=shown, object=objects[0])
    ChecklistItem.objects.create(exhibition=shown, object=objects[1])
    strangers = Exhibition.objects.get(code="outsiders-show")
    loans = [
        (shown, i["hermitage"], i["palace"], "approved", at(2024, 2, 1), objects[:2]),
        (shown, i["outsider"], i["palace"], "requested", at(2024, 2, 3), [outsider_object]),
        (strangers, i["stranger"], i["outsider"], "approved", at(2024, 3, 1), [stranger_object]),
        (shown, i["hermitage"], i["palace"], "closed", at(2023, 5, 1), [objects[2]]),
        (shown, i["newbie"], i["palace"], "draft", None, []),
    ]
    for exhibition, lender, borrower, status, submitted, loaned in loans:
        loan = LoanRequest.objects.create(
            exhibition=exhibition,
            lender=lender,
            borrower=borrower,
            status=status,
            submitted_at=submitted,
        )
        for number, obj in enumerate(loaned):
            LoanObject.objects.create(
                loan=loan, object=obj, decision="approved" if number == 0 else "pending"
            )


def _programmes(silk: Alliance, i: dict[str, Institution]) -> None:
    rows = [
        ("training-2024", "training", "palace", None, D(2024, 4, 1), D(2024, 4, 14)),
        ("exchange-winter", "exchange", "outsider", silk, D(2023, 12, 1), D(2024, 1, 15)),
        ("exchange-2023", "exchange", "hermitage", None, D(2023, 3, 1), D(2023, 4, 1)),
        ("residency-elsewhere", "residency", "outsider", None, D(2024, 5, 1), D(2024, 6, 1)),
        ("open-ended", "residency", "newbie", None, D(2024, 11, 1), None),
        ("future", "training", "palace", silk, D(2025, 1, 10), D(2025, 1, 20)),
    ]
    for code, kind, host, alliance, starts, ends in rows:
        Programme.objects.create(
            code=code,
            kind=kind,
            titles={"en": code},
            host=i[host],
            alliance=alliance,
            starts_on=starts,
            ends_on=ends,
        )
    training = Programme.objects.get(code="training-2024")
    training.sending.add(i["hermitage"], i["newbie"])
    for n in range(3):
        person = Person.objects.create(names={"en": f"Trainee {n}"}, affiliation=i["hermitage"])
        ProgrammeParticipant.objects.create(
            programme=training, person=person, institution=i["hermitage"]
        )


def _catalogue(i: dict[str, Institution], make_object: Any) -> None:
    rows = [
        # institution, local id, created, withdrawn, extras
        ("palace", "p-jan", at(2024, 1, 15), None, {"descriptions": {"en": "A bronze"}}),
        ("palace", "p-mar", at(2024, 3, 15), None, {"earliest_year": 1200, "latest_year": 1300}),
        ("palace", "p-mar2", at(2024, 3, 20), None, {}),
        ("palace", "p-old", at(2023, 6, 1), None, {}),
        ("hermitage", "h-gone", at(2024, 5, 1), at(2024, 8, 1), {}),
        ("hermitage", "h-old", at(2022, 1, 1), at(2025, 2, 1), {}),
        ("hermitage", "h-next", at(2025, 1, 2), None, {}),
        ("old", "o-1", at(2024, 2, 1), None, {}),
        ("late", "l-1", at(2024, 2, 1), None, {}),  # not a member in 2024
        ("outsider", "x-1", at(2024, 2, 1), None, {}),
    ]
    for code, local_id, created, withdrawn, extras in rows:
        obj = make_object(i[code], local_id, **extras)
        CatalogueObject.objects.filter(pk=obj.pk).update(created_at=created, withdrawn_at=withdrawn)
