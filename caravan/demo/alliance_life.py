"""The demo's alliance life: a past conference with its sessions, admissions, convener rotation
and declaration, three agreements (one an MoU of three museums), two programmes and a dozen
shared resources with a year of requests and downloads. All of it is sample data, said so in
every title, and written through the services, as the secretariat would.

Safe to run again: every record is looked up by its code (or natural key) and left alone when
it exists.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from caravan.cooperation import services as cooperation
from caravan.cooperation.models import (
    Agreement,
    Event,
    Programme,
    ResourceDownload,
    ResourceRequest,
    SharedResource,
)
from caravan.institutions import services as institutions
from caravan.institutions.models import (
    Alliance,
    CouncilDecision,
    Institution,
    MembershipApplication,
    OfficeTerm,
    Person,
)

# Not under data/: that folder is rebuilt byte for byte from the open-licence corpus, while this
# file is written by hand, made-up sample data about real institutions.
DATA_FILE = Path(__file__).resolve().parent / "sample" / "alliance_life.json"


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


@dataclass
class AllianceLifeReport:
    created: int = 0


class _Loader:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.alliance = Alliance.objects.get(code=data["alliance"])
        self.institutions = {i.code: i for i in Institution.objects.all()}
        self.people: dict[str, Person] = {}
        self.decisions: dict[str, CouncilDecision] = {}
        self.report = AllianceLifeReport()

    def people_load(self) -> None:
        for row in self.data["people"]:
            affiliation = self.institutions[row["affiliation"]]
            person = Person.objects.filter(
                names__en=row["names"]["en"], affiliation=affiliation
            ).first()
            if person is None:
                person = Person.objects.create(
                    names=row["names"], affiliation=affiliation, position=row["position"]
                )
                self.report.created += 1
            self.people[row["key"]] = person

    def decisions_load(self) -> None:
        for row in self.data["decisions"]:
            decided_on = _date(row["decided_on"]) or datetime.date.today()
            decision = CouncilDecision.objects.filter(
                alliance=self.alliance, kind=row["kind"], decided_on=decided_on
            ).first()
            if decision is None:
                votes_for, against, abstaining = row["votes"]
                decision = institutions.council_decision_record(
                    alliance=self.alliance,
                    kind=row["kind"],
                    decided_on=decided_on,
                    meeting=row["meeting"],
                    text=row["text"],
                    votes_for=votes_for,
                    votes_against=against,
                    abstentions=abstaining,
                    actor=None,
                )
                self.report.created += 1
            self.decisions[row["key"]] = decision

    def applications_load(self) -> None:
        for row in self.data["applications"]:
            if MembershipApplication.objects.filter(
                alliance=self.alliance, institution_code=row["institution_code"]
            ).exists():
                continue
            institution = self.institutions[row["institution_code"]]
            application = institutions.application_submit(
                alliance=self.alliance,
                institution_code=institution.code,
                institution_names=institution.names,
                country=institution.country,
                institution_type=institution.type,
                city=institution.city,
                website=institution.website,
                contact_name=row["contact_name"],
                contact_email=row["contact_email"],
                motivation=row["motivation"],
                actor=None,
            )
            MembershipApplication.objects.filter(pk=application.pk).update(
                submitted_at=datetime.datetime.fromisoformat(row["submitted"] + "T10:00:00+00:00")
            )
            self.report.created += 1
            if row["review"]:
                institutions.application_review(
                    application=application, note=row["review"], actor=None
                )
            if row["outcome"] == "accept":
                institutions.application_accept(
                    application=application, decision=self.decisions["admission"], actor=None
                )

    def offices_load(self) -> None:
        for row in self.data["offices"]:
            self._office(row["office"], row["institution"], row["start"], row["end"], None)
        rotation = self.data["rotation"]
        start = _date(rotation["first_start"]) or datetime.date.today()
        for code in rotation["institutions"]:
            end = institutions.add_months(start, rotation["term_months"])
            self._office("convener", code, start.isoformat(), end.isoformat(), rotation["decision"])
            start = end

    def _office(
        self, office: str, code: str, start: str, end: str | None, decision: str | None
    ) -> None:
        institution = self.institutions[code]
        start_date = _date(start) or datetime.date.today()
        if OfficeTerm.objects.filter(
            alliance=self.alliance, office=office, institution=institution, start_date=start_date
        ).exists():
            return
        institutions.office_term_add(
            alliance=self.alliance,
            office=office,
            institution=institution,
            start_date=start_date,
            end_date=_date(end),
            decision=self.decisions.get(decision or ""),
            actor=None,
        )
        self.report.created += 1

    def events_load(self) -> None:
        for row in self.data["events"]:
            if Event.objects.filter(code=row["code"]).exists():
                continue
            self._event(row)

    def _event(self, row: dict[str, Any]) -> None:
        event = cooperation.event_create(
            code=row["code"],
            kind=row["kind"],
            titles=row["titles"],
            summary=row["summary"],
            starts_on=_date(row["starts_on"]) or datetime.date.today(),
            ends_on=_date(row["ends_on"]),
            venue=row["venue"],
            city=row["city"],
            country=row["country"],
            host=self.institutions[row["host"]],
            alliance=self.alliance,
            organisers=[self.institutions[code] for code in row["organisers"]],
            actor=None,
        )
        self.report.created += 1
        for session in row["sessions"]:
            cooperation.event_session_add(
                event=event,
                kind=session["kind"],
                titles=session["titles"],
                topic=session.get("topic", {}),
                day=_date(session["day"]),
                starts_at=datetime.time.fromisoformat(session["time"]),
                speakers=[self.people[key] for key in session["speakers"]],
            )
        for code, delegates in row["participants"].items():
            cooperation.event_participation_add(
                event=event, institution=self.institutions[code], delegates=delegates
            )
        documents = {}
        for document in row["documents"]:
            documents[document["key"]] = cooperation.event_document_add(
                event=event,
                kind=document["kind"],
                titles=document["titles"],
                text=document["text"],
                adopted_on=_date(document["adopted_on"]),
                visibility=document["visibility"],
                actor=None,
            )
        for link in row["decisions"]:
            cooperation.event_decision_link(
                event=event,
                decision=self.decisions[link["decision"]],
                document=documents.get(link.get("document", "")),
                actor=None,
            )

    def agreements_load(self) -> None:
        for row in self.data["agreements"]:
            if Agreement.objects.filter(code=row["code"]).exists():
                continue
            parties = [
                cooperation.Party(
                    institution=self.institutions.get(party.get("institution", "")),
                    alliance=Alliance.objects.filter(code=party.get("alliance", "")).first(),
                    signatory=party.get("signatory", {}),
                )
                for party in row["parties"]
            ]
            event = Event.objects.filter(code=row.get("signed_at_event", "")).first()
            cooperation.agreement_create(
                code=row["code"],
                kind=row["kind"],
                titles=row["titles"],
                summary=row["summary"],
                parties=parties,
                alliance=self.alliance,
                visibility=row["visibility"],
                signed_on=_date(row["signed_on"]),
                signed_at=row["signed_at"],
                signed_at_event=event,
                starts_on=_date(row["starts_on"]),
                expires_on=_date(row["expires_on"]),
                scope=row["scope"],
                outcomes=row.get("outcomes", {}),
                actor=None,
            )
            self.report.created += 1

    def programmes_load(self) -> None:
        for row in self.data["programmes"]:
            if Programme.objects.filter(code=row["code"]).exists():
                continue
            programme = cooperation.programme_create(
                code=row["code"],
                kind=row["kind"],
                titles=row["titles"],
                topic=row["topic"],
                formats=row["formats"],
                host=self.institutions[row["host"]],
                sending=[self.institutions[code] for code in row["sending"]],
                alliance=self.alliance,
                agreement=Agreement.objects.filter(code=row["agreement"]).first(),
                starts_on=_date(row["starts_on"]) or datetime.date.today(),
                ends_on=_date(row["ends_on"]),
                outcomes=row.get("outcomes", {}),
                report=row.get("report", {}),
                actor=None,
            )
            self.report.created += 1
            for participant in row["participants"]:
                cooperation.programme_participant_add(
                    programme=programme,
                    person=self.people[participant["person"]],
                    role=participant["role"],
                )

    def resources_load(self) -> None:
        for row in self.data["resources"]:
            if SharedResource.objects.filter(code=row["code"]).exists():
                continue
            cooperation.resource_offer(
                code=row["code"],
                kind=row["kind"],
                titles=row["titles"],
                description=row["description"],
                offered_by=self.institutions[row["offered_by"]],
                alliance=self.alliance,
                access=row["access"],
                languages=row["languages"],
                licence=row["licence"],
                terms=row["terms"],
                actor=None,
            )
            self.report.created += 1
        self._ledger_load()

    def _ledger_load(self) -> None:
        """A year of sharing, as history: written as it was recorded, not re-checked."""
        ledger = self.data["ledger"]
        for code, institution_code, count in ledger["downloads"]:
            resource = SharedResource.objects.get(code=code)
            institution = self.institutions[institution_code]
            missing = count - resource.downloads.filter(institution=institution).count()
            for _ in range(max(missing, 0)):
                ResourceDownload.objects.create(resource=resource, institution=institution)
        for code, institution_code, status in ledger["requests"]:
            resource = SharedResource.objects.get(code=code)
            institution = self.institutions[institution_code]
            if not resource.requests.filter(institution=institution).exists():
                ResourceRequest.objects.create(
                    resource=resource,
                    institution=institution,
                    status=status,
                    message={"en": "We would like to use this with our visitors (sample)."},
                )


def alliance_life_load(*, data_file: Path = DATA_FILE) -> AllianceLifeReport:
    """Load the alliance-life demo records (after institutions, alliances and memberships)."""
    data = json.loads(data_file.read_text(encoding="utf-8"))
    loader = _Loader(data)
    with transaction.atomic():
        loader.people_load()
        loader.decisions_load()
        loader.applications_load()
        loader.offices_load()
        loader.events_load()
        loader.agreements_load()
        loader.programmes_load()
        loader.resources_load()
    return loader.report
