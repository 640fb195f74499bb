"""The demo's joint exhibition: a travelling show of Chinese art in the making.

The National Palace Museum leads it with the Met as co-organiser; it opens in Taipei, then
travels to New York and London. Its loans stand at different steps: the Met's objects are on
display (with facility and condition reports), the V&A has approved in part (one object
declined), the Cleveland Museum of Art is still reviewing. Everything is written through the
services by demo staff accounts of each side, so the history, audit log and inboxes are what
real use would leave. The accounts have no usable password (an administrator may set one to
look through their eyes) and no e-mail address, so loading sends no mail.

Titles say "sample data". Dates are relative to the day of the first load; loading again
finds the exhibition by its code and changes nothing.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image

from caravan.accounts.models import User
from caravan.catalogue.models import CatalogueObject, Visibility
from caravan.exhibitions import services
from caravan.exhibitions.models import Exhibition, LoanObject, LoanRequest, Venue
from caravan.exhibitions.services import ObjectDecisionInput
from caravan.institutions.models import Alliance, Institution, Person

CODE = "sample-brush-clay-bronze"
ALLIANCE = "sample-silk"
LEAD, CO_ORGANISER = "npm", "met"
# How many objects each institution puts on the checklist (the lead's own need no loan).
OBJECTS = {"npm": 2, "met": 2, "vam": 3, "cma": 2}
TITLES = {
    "en": "Brush, Clay and Bronze: Chinese Art across Four Collections (sample data)",
    "zh-Hans": "笔墨、陶瓷与青铜：四馆藏中国艺术（样例数据）",
    "zh-Hant": "筆墨、陶瓷與青銅：四館藏中國藝術（樣例資料）",
    "ru": "Кисть, глина и бронза: китайское искусство из четырёх собраний "
    "(демонстрационные данные)",
    "ar": "الفرشاة والطين والبرونز: الفن الصيني من أربع مجموعات (بيانات نموذجية)",
}
DAY = datetime.timedelta(days=1)


@dataclass
class ExhibitionsDemoReport:
    created: bool = False
    skipped: str = ""
    loans: dict[str, str] = field(default_factory=dict)


def _staff(code: str, role: str, institution: Institution, language: str) -> User:
    user, made = User.objects.get_or_create(
        username=f"demo-{code}-{role}",
        defaults={"institution": institution, "is_staff": True, "preferred_language": language},
    )
    if made:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _objects(institution: Institution, count: int) -> list[CatalogueObject]:
    return list(
        CatalogueObject.objects.filter(
            institution=institution, visibility=Visibility.PUBLIC, withdrawn_at__isnull=True
        ).order_by("-has_image", "local_id")[:count]
    )


def _photo() -> ContentFile[bytes]:
    """A small made-up detail photograph (a plain image with a line where a chip would be)."""
    image = Image.new("RGB", (320, 240), (214, 200, 170))
    for x in range(40, 280):
        image.putpixel((x, 120 + (x % 7) - 3), (110, 80, 50))
    data = io.BytesIO()
    image.save(data, format="JPEG", quality=80)
    return ContentFile(data.getvalue(), name="sample-condition-detail.jpg")


def exhibitions_demo_load() -> ExhibitionsDemoReport:
    """Load the demo exhibition (after the institutions, alliances and objects)."""
    if Exhibition.objects.filter(code=CODE).exists():
        return ExhibitionsDemoReport(skipped="already loaded")
    institutions = {i.code: i for i in Institution.objects.filter(code__in=OBJECTS)}
    if len(institutions) < len(OBJECTS):
        return ExhibitionsDemoReport(skipped="the demo institutions are not loaded")
    chosen = {code: _objects(institutions[code], count) for code, count in OBJECTS.items()}
    if any(len(chosen[code]) < count for code, count in OBJECTS.items()):
        return ExhibitionsDemoReport(skipped="the demo objects are not loaded")
    with transaction.atomic():
        return _Loader(institutions, chosen).load()


class _Loader:
    def __init__(
        self, institutions: dict[str, Institution], chosen: dict[str, list[CatalogueObject]]
    ) -> None:
        self.institutions = institutions
        self.chosen = chosen
        self.today = timezone.localdate()
        self.curator = _staff("npm", "curator", institutions["npm"], "zh-hant")
        self.registrars = {
            code: _staff(code, "registrar", institutions[code], language)
            for code, language in (("met", "en"), ("vam", "en"), ("cma", "en"))
        }

    def load(self) -> ExhibitionsDemoReport:
        exhibition = self.exhibition()
        venues = self.venues(exhibition)
        for code, objects in self.chosen.items():
            for obj in objects:
                services.checklist_item_add(
                    exhibition=exhibition,
                    obj=obj,
                    section={"en": "Gallery 1: the brush", "zh-Hant": "第一展廳：筆墨"},
                    light_max_lux=50 if code != "cma" else 150,
                    humidity_min=Decimal("45"),
                    humidity_max=Decimal("55"),
                    actor=self.curator,
                )
        loans = {
            loan.lender.code: loan
            for loan in services.loan_requests_create(exhibition=exhibition, actor=self.curator)
        }
        for status in ("planning", "confirmed", "open"):
            services.exhibition_status_change(exhibition=exhibition, to=status, actor=self.curator)
        self.facility_reports(venues)
        self.on_display(loans["met"], venues[0])
        services.loan_venues_set(loan=loans["vam"], venues=venues[1:], actor=self.curator)
        self.approved_in_part(loans["vam"])
        self.under_review(loans["cma"])
        return ExhibitionsDemoReport(
            created=True,
            loans={
                code: LoanRequest.objects.get(pk=loan.pk).status for code, loan in loans.items()
            },
        )

    def exhibition(self) -> Exhibition:
        chen = Person.objects.filter(names__en__startswith="Chen Yiting").first()
        return services.exhibition_create(
            code=CODE,
            titles=TITLES,
            subtitles={"en": "A travelling exhibition (sample data)", "zh-Hant": "巡迴展覽"},
            description={
                "en": "Painting, ceramics and bronzes lent by members of the sample alliance, "
                "shown in Taipei, New York and London. Made-up sample data.",
                "zh-Hant": "樣例聯盟成員出借的書畫、陶瓷與青銅器，巡迴臺北、紐約與倫敦。樣例資料。",
            },
            theme={"en": "Materials and making", "zh-Hant": "材料與工藝"},
            lead_organiser=self.institutions["npm"],
            co_organisers=[self.institutions["met"]],
            curators=[self.curator],
            curator_people=[chen] if chen else [],
            alliance=Alliance.objects.filter(code=ALLIANCE).first(),
            budget_notes={"en": "Shipping and insurance shared by the lead and co-organiser."},
            actor=self.curator,
        )

    def venues(self, exhibition: Exhibition) -> list[Venue]:
        stops = [("npm", -30, 60), ("met", 90, 180), ("vam", 210, 300)]
        return [
            services.venue_add(
                exhibition=exhibition,
                institution=self.institutions[code],
                opens_on=self.today + opens * DAY,
                closes_on=self.today + closes * DAY,
                actor=self.curator,
            )
            for code, opens, closes in stops
        ]

    def facility_reports(self, venues: list[Venue]) -> None:
        for venue, actor in ((venues[0], self.curator), (venues[1], self.registrars["met"])):
            services.facility_report_submit(
                venue=venue,
                actor=actor,
                guards_24h=True,
                intruder_alarm=True,
                cctv=True,
                cases_alarmed=True,
                fire_detection=True,
                fire_suppression="gas",
                temperature_min_c=Decimal("19"),
                temperature_max_c=Decimal("22"),
                humidity_min=Decimal("45"),
                humidity_max=Decimal("55"),
                climate_logged=True,
                light_max_lux=50,
                uv_filtered=True,
                loading_dock=True,
                notes={"en": "Sample facility report."},
            )

    def move(self, loan: LoanRequest, to: str, actor: User, comment: str = "", **more: Any) -> None:
        services.loan_transition(
            loan=loan, to=to, actor=actor, comment={"en": comment} if comment else "", **more
        )

    def reviewed(self, loan: LoanRequest, lender: User) -> list[LoanObject]:
        self.move(loan, "requested", self.curator, "We would be honoured to show these objects.")
        self.move(loan, "under_review", lender)
        return list(loan.loan_objects.order_by("id"))

    def on_display(self, loan: LoanRequest, venue: Venue) -> None:
        lender = self.registrars["met"]
        objects = self.reviewed(loan, lender)
        self.move(
            loan,
            "approved",
            lender,
            "Approved.",
            decisions=[ObjectDecisionInput(lo.pk, "approved") for lo in objects],
            conditions={"en": "A courier accompanies the objects both ways."},
        )
        for lo in objects:
            services.loan_object_terms_set(
                loan_object=lo,
                insurance_value=Decimal("850000"),
                insurance_currency="USD",
                courier_required=True,
                actor=lender,
            )
        self.move(loan, "agreement_signed", lender)
        for lo in objects:
            services.condition_report_add(
                loan_object=lo,
                checkpoint="outgoing",
                grade="good",
                notes={"en": "Stable; small old loss at the lower edge (sample)."},
                reported_on=self.today - 45 * DAY,
                photos=[_photo()] if lo == objects[0] else [],
                actor=lender,
            )
        self.move(loan, "in_transit", lender)
        for lo in objects:
            services.condition_report_add(
                loan_object=lo,
                checkpoint="arrival",
                grade="good",
                venue=venue,
                notes={"en": "As on departure (sample).", "zh-Hant": "與出發時相同（樣例）。"},
                reported_on=self.today - 35 * DAY,
                actor=self.curator,
            )
        self.move(loan, "on_display", self.curator, "Installed in gallery 1.")

    def approved_in_part(self, loan: LoanRequest) -> None:
        lender = self.registrars["vam"]
        objects = self.reviewed(loan, lender)
        decisions = [ObjectDecisionInput(lo.pk, "approved") for lo in objects[:-1]]
        decisions.append(
            ObjectDecisionInput(
                objects[-1].pk,
                "declined",
                {"en": "Too fragile to travel this year (sample reason)."},
            )
        )
        for lo in objects[:-1]:
            services.loan_object_terms_set(
                loan_object=lo,
                insurance_value=Decimal("420000"),
                insurance_currency="GBP",
                actor=lender,
            )
        self.move(
            loan,
            "approved",
            lender,
            "Approved in part: one object stays in London.",
            decisions=decisions,
            conditions={"en": "Light at most 50 lux; no photography with flash."},
        )

    def under_review(self, loan: LoanRequest) -> None:
        self.reviewed(loan, self.registrars["cma"])
