"""An open exhibition with objects from two lenders, hosted images and texts in English,
Chinese and Arabic: the world of the public page, document and IIIF collection tests.

The Palace Museum shows its own bronze mirror with objects lent by the Hermitage (a public
textile and a members-only scroll, which anonymous readers must not see) and the Matenadaran
(a public gospel book); a fourth object has no image. The Hermitage's loan is approved, with
terms and an outgoing condition report; the Matenadaran's is still a draft.
"""

from __future__ import annotations

import datetime
import io
from types import SimpleNamespace
from typing import Any

from django.core.files.base import ContentFile
from PIL import Image

from caravan.catalogue.media import media_upload

HOSTILE_LABEL = "<script>alert('label')</script> & <b>bold</b>"

ROAD = {"en": "The road west", "zh-Hans": "西行之路", "ar": "الطريق غربا"}
BOOKS = {"en": "Scripts and books", "zh-Hans": "文字与书籍", "ar": "الخطوط والكتب"}

OBJECTS: dict[str, dict[str, Any]] = {
    "mirror": {
        "titles": {"en": "Bronze mirror", "zh-Hans": "青铜镜", "ar": "مرآة برونزية"},
        "label": {
            "en": "A mirror cast for a bride.",
            "zh-Hans": "为新娘铸造的铜镜。",
            "ar": "مرآة صبت لعروس.",
        },
        "credit_line": {"en": "Palace Museum, Beijing"},
        "colour": (180, 120, 40),
    },
    "textile": {
        "titles": {"en": "Silk textile fragment", "zh-Hans": "丝织残片", "ar": "قطعة نسيج حريري"},
        "label": {
            "en": "Woven in Sogdiana, found far to the west.",
            "zh-Hans": "织于粟特，出土于遥远的西方。",
            "ar": "نسج في صغد ووجد في الغرب البعيد.",
        },
        "credit_line": {"en": "The State Hermitage Museum, St Petersburg"},
        "colour": (40, 90, 160),
    },
    "scroll": {
        "titles": {"en": "Members-only scroll", "zh-Hans": "会员卷轴", "ar": "لفافة للأعضاء"},
        "label": {"en": "Shown to alliance members only."},
        "credit_line": {"en": "Hermitage, members' loan"},
        "colour": (90, 140, 60),
    },
    "gospel": {
        "titles": {"en": "Illuminated gospel", "zh-Hans": "彩绘福音书", "ar": "إنجيل مزخرف"},
        "label": {
            "en": "Painted in Cilicia in 1262.",
            "zh-Hans": "1262年绘于奇里乞亚。",
            "ar": "رسم في قيليقية عام ١٢٦٢.",
        },
        "credit_line": {"en": "Matenadaran, Yerevan", "hy": "Մատենադարան, Երևան"},
        "colour": (150, 40, 60),
    },
    "seal": {
        "titles": {"en": "Stone seal", "zh-Hans": "石印", "ar": "ختم حجري"},
        "label": {"en": HOSTILE_LABEL},
        "credit_line": {},
        "colour": None,  # no image at all
    },
}


def png(colour: tuple[int, int, int], width: int = 120, height: int = 90) -> ContentFile[bytes]:
    """A small real PNG: a coloured field with a white band (so it is visibly a picture)."""
    picture = Image.new("RGB", (width, height), colour)
    picture.paste((250, 250, 250), (0, height // 3, width, height // 3 + 8))
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return ContentFile(out.getvalue(), name="picture.png")


def build_exhibition(world: dict[str, Any], make_user: Any, make_object: Any) -> SimpleNamespace:
    """The open exhibition 'silk-roads-public' and everyone around it."""
    from caravan.exhibitions.services import (
        ObjectDecisionInput,
        checklist_item_add,
        condition_report_add,
        exhibition_create,
        exhibition_status_change,
        loan_object_terms_set,
        loan_requests_create,
        loan_transition,
        venue_add,
    )

    palace, hermitage, yerevan = world["palace"], world["hermitage"], world["yerevan"]
    people = SimpleNamespace(
        curator=make_user("pub-palace-curator", institution=palace),
        hermitage=make_user("pub-hermitage-registrar", institution=hermitage),
        yerevan=make_user("pub-matenadaran-registrar", institution=yerevan),
        louvre=make_user("pub-louvre-staff", institution=world["outsider"]),
    )
    owners = {"mirror": palace, "textile": hermitage, "scroll": hermitage}
    owners |= {"gospel": yerevan, "seal": yerevan}
    objects = {}
    for key, spec in OBJECTS.items():
        objects[key] = make_object(
            owners[key],
            f"pub-{key}",
            titles=spec["titles"],
            language="en",
            visibility="members" if key == "scroll" else "public",
            credit_line=spec["credit_line"],
            date_display={"en": "8th century", "zh-Hans": "八世纪"},
            dimensions={"en": "Diam. 21.5 cm"},
            materials=[{"text": "bronze" if key == "mirror" else "silk", "lang": "en"}],
        )
        if spec["colour"] is not None:
            media_upload(obj=objects[key], file=png(spec["colour"]), hosted_id=f"pub-{key}")
    exhibition = exhibition_create(
        code="silk-roads-public",
        titles={"en": "Along the Silk Roads", "zh-Hans": "丝绸之路", "ar": "على طرق الحرير"},
        subtitles={"en": "Treasures of three collections", "zh-Hans": "三馆珍藏"},
        description={
            "en": "Objects that travelled between China, Sogdiana and Armenia.",
            "zh-Hans": "往来于中国、粟特与亚美尼亚之间的文物。",
            "ar": "قطع سافرت بين الصين وصغد وأرمينيا.",
        },
        lead_organiser=palace,
        curators=[people.curator],
        alliance=world["silk"],
        budget_notes={"en": "Shipping shared equally."},
        actor=people.curator,
    )
    start = datetime.date(2031, 3, 1)
    venues = [
        venue_add(
            exhibition=exhibition,
            institution=palace,
            city={"en": "Beijing", "zh-Hans": "北京"},
            opens_on=start,
            closes_on=start + datetime.timedelta(days=60),
            actor=people.curator,
        ),
        venue_add(
            exhibition=exhibition,
            institution=hermitage,
            city={"en": "St Petersburg", "ru": "Санкт-Петербург"},
            opens_on=start + datetime.timedelta(days=90),
            closes_on=start + datetime.timedelta(days=150),
            actor=people.curator,
        ),
    ]
    items = {}
    for number, key in enumerate(["mirror", "textile", "scroll", "gospel", "seal"], start=1):
        items[key] = checklist_item_add(
            exhibition=exhibition,
            obj=objects[key],
            catalogue_number=f"Cat. {number}",
            section=ROAD if key in ("mirror", "textile") else BOOKS,
            label=OBJECTS[key]["label"],
            actor=people.curator,
        )
    loans = {
        loan.lender.code: loan
        for loan in loan_requests_create(exhibition=exhibition, actor=people.curator)
    }
    hermitage_loan = loans["hermitage"]
    loan_objects = {lo.object_id: lo for lo in hermitage_loan.loan_objects.all()}
    loan_object_terms_set(
        loan_object=loan_objects[objects["textile"].pk],
        insurance_value="125000.00",
        insurance_currency="EUR",
        courier_required=True,
        courier_notes={"en": "A courier travels with the crate."},
        credit_line={"en": "Lent by the State Hermitage Museum", "ar": "إعارة من متحف الإرميتاج"},
        actor=people.curator,
    )
    loan_object_terms_set(
        loan_object=loan_objects[objects["scroll"].pk],
        insurance_value="40000.00",
        insurance_currency="EUR",
        actor=people.curator,
    )
    loan_transition(loan=hermitage_loan, to="requested", actor=people.curator)
    loan_transition(loan=hermitage_loan, to="under_review", actor=people.hermitage)
    loan_transition(
        loan=hermitage_loan,
        to="approved",
        actor=people.hermitage,
        conditions={"en": "No flash photography.", "zh-Hans": "禁止使用闪光灯。"},
        decisions=[ObjectDecisionInput(lo.pk, "approved", None) for lo in loan_objects.values()],
    )
    condition_report_add(
        loan_object=loan_objects[objects["textile"].pk],
        checkpoint="outgoing",
        grade="good",
        notes={"en": "Minor fraying at the lower edge."},
        actor=people.hermitage,
    )
    for status in ("planning", "confirmed", "open"):
        exhibition_status_change(exhibition=exhibition, to=status, actor=people.curator)
    exhibition.refresh_from_db()
    hermitage_loan.refresh_from_db()
    return SimpleNamespace(
        exhibition=exhibition,
        people=people,
        objects=objects,
        items=items,
        venues=venues,
        loan=hermitage_loan,
        draft_loan=loans["matenadaran"],
    )
