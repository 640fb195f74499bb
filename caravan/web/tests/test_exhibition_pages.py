"""The pages where curators and registrars work on joint exhibitions and loans: who may see and
do what, forms that go through the services, one loan seen from both sides, refused moves that
show their reason and change nothing, hostile text kept as text, and four interface languages.

The Palace Museum leads "Along the Silk Roads" and borrows from the Hermitage and the
Matenadaran; the Louvre's staff look on from outside.
"""

from __future__ import annotations

import datetime
import io
import re
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from caravan.audit.models import AuditEntry
from caravan.exhibitions.models import (
    ChecklistItem,
    ConditionReport,
    Exhibition,
    FacilityReport,
    LoanObject,
    LoanRequest,
    LoanTransition,
    Notification,
    Venue,
)
from caravan.exhibitions.services import (
    checklist_item_add,
    condition_report_add,
    exhibition_create,
    exhibition_status_change,
    loan_requests_create,
    loan_transition,
    venue_add,
)

pytestmark = pytest.mark.django_db
UI_LANGUAGES = ["en", "zh-hans", "ru", "ar"]
DAY = datetime.timedelta(days=1)
INBOX_PROCESSOR = "caravan.web.exhibition_context.inbox"


@pytest.fixture(autouse=True)
def english_urls():
    """reverse() follows the language the previous request activated; start in English."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def inbox_count_in_header(settings):
    """The header's unread count comes from a context processor the settings list; until they
    do, the tests add it so that the count is tested too."""
    templates = [dict(engine, OPTIONS=dict(engine["OPTIONS"])) for engine in settings.TEMPLATES]
    processors = templates[0]["OPTIONS"]["context_processors"]
    if INBOX_PROCESSOR not in processors:
        templates[0]["OPTIONS"]["context_processors"] = [*processors, INBOX_PROCESSOR]
        settings.TEMPLATES = templates


@pytest.fixture
def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def people(alliance_world: dict[str, Any], make_user: Any) -> SimpleNamespace:
    w = alliance_world
    return SimpleNamespace(
        curator=make_user("palace-curator", institution=w["palace"], first_name="Lin"),
        hermitage=make_user("hermitage-registrar", institution=w["hermitage"], first_name="Olga"),
        yerevan=make_user("matenadaran-registrar", institution=w["yerevan"]),
        louvre=make_user("louvre-staff", institution=w["outsider"]),
        secretary=make_user("secretary", is_secretariat=True),
        reader=make_user("palace-reader", institution=w["palace"], is_staff=False),
    )


@pytest.fixture
def show(alliance_world: dict[str, Any], people: SimpleNamespace, today: datetime.date) -> Any:
    """Two venues (home, then the Hermitage) and four objects: one of the Palace Museum's own,
    two of the Hermitage (public, members-only) and one of the Matenadaran."""
    w = alliance_world
    exhibition = exhibition_create(
        code="silk-roads",
        titles={"en": "Along the Silk Roads", "zh-Hans": "丝绸之路", "ar": "على طرق الحرير"},
        subtitles={"en": "Treasures of three collections"},
        lead_organiser=w["palace"],
        curators=[people.curator],
        alliance=w["silk"],
        budget_notes={"en": "Shipping shared equally."},
        actor=people.curator,
    )
    exhibition.venue_home = venue_add(  # type: ignore[attr-defined]
        exhibition=exhibition,
        institution=w["palace"],
        opens_on=today + 30 * DAY,
        closes_on=today + 90 * DAY,
        actor=people.curator,
    )
    exhibition.venue_away = venue_add(  # type: ignore[attr-defined]
        exhibition=exhibition,
        institution=w["hermitage"],
        opens_on=today + 110 * DAY,
        closes_on=today + 170 * DAY,
        actor=people.curator,
    )
    for number, key in enumerate(
        [
            ("palace", "public"),
            ("hermitage", "public"),
            ("hermitage", "members"),
            ("matenadaran", "public"),
        ],
        start=1,
    ):
        checklist_item_add(
            exhibition=exhibition,
            obj=w["objects"][key],
            catalogue_number=f"Cat. {number}",
            section={"en": "The road west", "zh-Hans": "西行之路"},
            light_max_lux=50,
            actor=people.curator,
        )
    return exhibition


@pytest.fixture
def loans(show: Any, people: SimpleNamespace) -> dict[str, LoanRequest]:
    return {
        loan.lender.code: loan
        for loan in loan_requests_create(exhibition=show, actor=people.curator)
    }


@pytest.fixture
def submitted(loans: dict[str, LoanRequest], people: SimpleNamespace) -> LoanRequest:
    """The Hermitage's loan, asked of it (requested)."""
    loan = loans["hermitage"]
    loan_transition(loan=loan, to="requested", actor=people.curator, comment={"en": "Please."})
    return loan


def url(name: str, *args: Any, language: str = "en") -> str:
    with translation.override(language):
        return reverse(name, args=args)


def langmap(name: str, tag: str, text: str) -> dict[str, list[str]]:
    """What a language-map widget posts: one row, its tag and its text."""
    return {f"{name}__tag": [tag], f"{name}__text": [text]}


def text_of(response: Any) -> str:
    return response.content.decode()


def lean(html: str) -> str:
    """The page's text with tags and runs of white space removed, for reading sentences."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def loan_objects(loan: LoanRequest) -> dict[str, LoanObject]:
    return {lo.object.local_id: lo for lo in loan.loan_objects.select_related("object")}


def snapshot(loan: LoanRequest) -> tuple[Any, ...]:
    """Everything a move could change, to compare before and after a refusal."""
    loan.refresh_from_db()
    return (
        loan.status,
        loan.status_changed_at,
        loan.conditions,
        sorted(loan.loan_objects.values_list("pk", "decision", "decision_reason")),
        LoanTransition.objects.count(),
        AuditEntry.objects.count(),
        Notification.objects.count(),
    )


def open_exhibition(hermitage: Any, actor: Any, today: datetime.date) -> Exhibition:
    exhibition = exhibition_create(
        code="hermitage-open",
        titles={"en": "Hermitage treasures", "ru": "Сокровища Эрмитажа"},
        lead_organiser=hermitage,
        actor=actor,
    )
    venue_add(
        exhibition=exhibition,
        institution=hermitage,
        opens_on=today - 10 * DAY,
        closes_on=today + 10 * DAY,
        actor=actor,
    )
    for status in ("planning", "confirmed", "open"):
        exhibition_status_change(exhibition=exhibition, to=status, actor=actor)
    return exhibition


# --- Who sees what --------------------------------------------------------------------------------


def test_the_list_shows_public_exhibitions_to_all_and_work_in_progress_to_its_people(
    client, show, people, alliance_world, today
):
    open_exhibition(alliance_world["hermitage"], people.hermitage, today)
    anonymous = text_of(client.get(url("web:exhibition_list")))
    assert "Hermitage treasures" in anonymous and "Along the Silk Roads" not in anonymous

    client.force_login(people.curator)
    curator = text_of(client.get(url("web:exhibition_list")))
    assert "Hermitage treasures" in curator and "Along the Silk Roads" in curator
    assert reverse("web:exhibition_workspace", args=["silk-roads"]) in curator
    assert reverse("web:exhibition_create") in curator  # staff of a member start exhibitions

    planning = text_of(client.get(url("web:exhibition_list"), {"status": "open"}))
    assert "Hermitage treasures" in planning and "Along the Silk Roads" not in planning

    client.force_login(people.louvre)
    outsider = text_of(client.get(url("web:exhibition_list")))
    assert "Along the Silk Roads" not in outsider and "Hermitage treasures" in outsider


def test_the_workspace_is_for_the_people_working_on_the_exhibition(client, show, people, loans):
    workspace = url("web:exhibition_workspace", "silk-roads")
    assert client.get(workspace).status_code == 302  # sign in first

    client.force_login(people.curator)
    page = text_of(client.get(workspace))
    assert "Along the Silk Roads" in page and "Shipping shared equally." in page
    assert reverse("web:checklist_builder", args=["silk-roads"]) in page
    assert "The road west" in page and "Cat. 4" in page
    # the itinerary, the loans by lender, and the status moves of the curators
    assert "Museum palace" not in page  # institutions are shown by their names
    assert "Palace Museum" in page and "Hermitage" in page
    assert "Move to: Planning" in page and "Move to: Confirmed" not in page

    # the Hermitage hears of nothing until its loan is asked: a draft is the borrower's alone
    client.force_login(people.hermitage)
    assert client.get(workspace).status_code == 404
    loan_transition(loan=loans["hermitage"], to="requested", actor=people.curator)
    page = text_of(client.get(workspace))
    assert "Along the Silk Roads" in page
    assert "Shipping shared equally." not in page  # budget notes are the organisers'
    assert reverse("web:checklist_builder", args=["silk-roads"]) not in page
    assert (
        client.post(url("web:exhibition_status", "silk-roads"), {"to": "planning"}).status_code
        == 403
    )
    assert client.get(url("web:checklist_builder", "silk-roads")).status_code == 403

    client.force_login(people.louvre)
    assert client.get(workspace).status_code == 404
    assert client.get(url("web:checklist_builder", "silk-roads")).status_code == 404
    client.force_login(people.secretary)
    assert client.get(workspace).status_code == 200


def test_a_curator_starts_an_exhibition_through_the_form(client, people, alliance_world):
    create = url("web:exhibition_create")
    assert client.get(create).status_code == 302
    client.force_login(people.reader)  # not staff
    assert client.get(create).status_code == 403

    client.force_login(people.curator)
    form = text_of(client.get(create))
    assert 'name="lead_organiser"' not in form  # one's own institution leads
    response = client.post(
        create,
        {
            "code": "jade",
            **langmap("titles", "zh-Hans", "玉器之路"),
            **langmap("subtitles", "en", "Jade across Asia"),
            "co_organisers": [alliance_world["hermitage"].pk],
            "alliance": alliance_world["silk"].pk,
        },
    )
    assert response.status_code == 302
    exhibition = Exhibition.objects.get(code="jade")
    assert response["Location"] == reverse("web:exhibition_workspace", args=["jade"])
    assert exhibition.titles == {"zh-Hans": "玉器之路"}
    assert exhibition.lead_organiser == alliance_world["palace"]
    assert list(exhibition.co_organisers.all()) == [alliance_world["hermitage"]]
    assert list(exhibition.curators.all()) == [people.curator]

    # the service's refusal shows on the form: the code is taken
    again = client.post(create, {"code": "jade", **langmap("titles", "en", "Jade")})
    assert again.status_code == 400
    assert "already exists" in text_of(again)
    assert Exhibition.objects.count() == 1

    # the secretariat, of no institution, chooses who leads
    client.force_login(people.secretary)
    assert 'name="lead_organiser"' in text_of(client.get(create))
    led = client.post(
        create,
        {
            "code": "river-show",
            **langmap("titles", "en", "River show"),
            "lead_organiser": alliance_world["yerevan"].pk,
        },
    )
    assert led.status_code == 302
    assert Exhibition.objects.get(code="river-show").lead_organiser == alliance_world["yerevan"]


# --- The workspace: texts, team, itinerary, status ------------------------------------------------


def test_texts_and_team_are_edited_through_the_services(client, show, people, alliance_world):
    client.force_login(people.curator)
    response = client.post(
        url("web:exhibition_edit", "silk-roads"),
        {
            "titles__tag": ["en", "ru"],
            "titles__text": ["Along the Silk Roads", "Вдоль Шёлкового пути"],
            **langmap("theme", "en", "Exchange"),
        },
    )
    assert response.status_code == 302
    show.refresh_from_db()
    assert show.titles == {"en": "Along the Silk Roads", "ru": "Вдоль Шёлкового пути"}
    assert show.theme == {"en": "Exchange"}
    assert show.subtitles == {}  # a cleared field is cleared

    no_title = client.post(url("web:exhibition_edit", "silk-roads"), {"titles__tag": ["en"]})
    assert no_title.status_code == 400
    show.refresh_from_db()
    assert show.titles["ru"] == "Вдоль Шёлкового пути"

    team = client.post(
        url("web:exhibition_team", "silk-roads"),
        {"co_organisers": [alliance_world["yerevan"].pk], "curators": [people.curator.pk]},
    )
    assert team.status_code == 302
    assert list(show.co_organisers.all()) == [alliance_world["yerevan"]]
    client.force_login(people.louvre)
    assert client.get(url("web:exhibition_team", "silk-roads")).status_code == 404


def test_venues_are_added_and_overlapping_dates_are_refused(client, show, people, today):
    client.force_login(people.curator)
    add = url("web:venue_add", "silk-roads")
    overlapping = client.post(
        add,
        {
            **langmap("place_name", "en", "Caravanserai hall"),
            **langmap("city", "en", "Samarkand"),
            "country": "UZ",
            "opens_on": (today + 80 * DAY).isoformat(),
            "closes_on": (today + 100 * DAY).isoformat(),
        },
    )
    assert overlapping.status_code == 400
    assert "overlap another venue" in text_of(overlapping)
    assert show.venues.count() == 2

    backwards = client.post(
        add,
        {
            **langmap("place_name", "en", "Caravanserai hall"),
            "opens_on": (today + 200 * DAY).isoformat(),
            "closes_on": (today + 190 * DAY).isoformat(),
        },
    )
    assert backwards.status_code == 400
    assert "cannot close before it opens" in text_of(backwards)

    added = client.post(
        add,
        {
            **langmap("place_name", "en", "Caravanserai hall"),
            **langmap("city", "uz-Latn", "Samarqand"),
            "country": "UZ",
            "opens_on": (today + 190 * DAY).isoformat(),
            "closes_on": (today + 230 * DAY).isoformat(),
        },
    )
    assert added.status_code == 302
    venue = show.venues.get(country="UZ")
    assert venue.city == {"uz-Latn": "Samarqand"}
    page = text_of(client.get(url("web:exhibition_workspace", "silk-roads")))
    # the date checks: how long the objects have between two venues
    assert "19 days to move from the previous venue" in page
    assert "Samarqand" in page

    edit = client.post(
        url("web:venue_edit", "silk-roads", venue.pk),
        {
            **langmap("place_name", "en", "Caravanserai hall"),
            "country": "UZ",
            "opens_on": (today + 100 * DAY).isoformat(),
            "closes_on": (today + 230 * DAY).isoformat(),
        },
    )
    assert edit.status_code == 400 and "overlap another venue" in text_of(edit)
    venue.refresh_from_db()
    assert venue.opens_on == today + 190 * DAY


def test_status_moves_and_an_illegal_one_shows_why(client, show, people):
    client.force_login(people.curator)
    status = url("web:exhibition_status", "silk-roads")
    assert client.post(status, {"to": "planning", "comment": "Go"}).status_code == 302
    show.refresh_from_db()
    assert show.status == "planning"
    skipped = client.post(status, {"to": "open"})
    assert skipped.status_code == 409
    assert "cannot become open" in text_of(skipped)
    show.refresh_from_db()
    assert show.status == "planning"


# --- The checklist builder -----------------------------------------------------------------------


@pytest.fixture
def vase(alliance_world: dict[str, Any], make_object: Any) -> Any:
    return make_object(
        alliance_world["hermitage"],
        "ERM-vase",
        titles={"en": "Porcelain vase with cranes", "ru": "Фарфоровая ваза с журавлями"},
    )


@pytest.fixture
def rival(alliance_world: dict[str, Any], people: SimpleNamespace, today: datetime.date) -> Any:
    """The Hermitage's own show wants its public object from day 150 to day 200."""
    hermitage = alliance_world["hermitage"]
    exhibition = exhibition_create(
        code="hermitage-at-home",
        titles={"en": "Hermitage at home"},
        lead_organiser=hermitage,
        actor=people.hermitage,
    )
    venue_add(
        exhibition=exhibition,
        institution=hermitage,
        opens_on=today + 150 * DAY,
        closes_on=today + 200 * DAY,
        actor=people.hermitage,
    )
    checklist_item_add(
        exhibition=exhibition,
        obj=alliance_world["objects"][("hermitage", "public")],
        actor=people.hermitage,
    )
    return exhibition


def test_the_builder_searches_and_adds_objects_in_place(client, show, people, vase, rival):
    client.force_login(people.curator)
    builder = url("web:checklist_builder", "silk-roads")
    page = text_of(client.get(builder, {"q": "vase"}))
    assert "Porcelain vase with cranes" in page
    assert "Add to checklist" in page
    row = re.search(rf'<li class="candidate[^"]*" id="candidate-{vase.pk}">', page)
    assert row and "listed" not in row.group(0)

    # what the curator may not see is not offered: another institution's private object
    objects = text_of(client.get(builder, {"q": "Object", "page_size": "50"}))
    assert "Object hermitage-private" not in objects
    assert "Object hermitage-public" in objects and "On the checklist" in objects
    # the object the Hermitage keeps for itself over the same dates is flagged (its show is
    # not the Palace Museum's to see, so it is not named)
    assert "Conflict:" in objects
    assert "also promised to an exhibition not shown to you" in lean(objects)
    assert "Hermitage at home" not in objects

    added = client.post(
        url("web:checklist_add", "silk-roads"),
        {"object": vase.pk, "search": "q=vase"},
        HTTP_HX_REQUEST="true",
    )
    assert added.status_code == 200
    fragment = text_of(added)
    assert fragment.startswith('<li class="candidate listed"')
    assert "Added to the checklist" in fragment and "<html" not in fragment
    # the checklist beside the results follows, swapped out of band
    assert 'id="builder-checklist"' in fragment and 'hx-swap-oob="true"' in fragment
    assert '<span class="count">5</span>' in fragment
    assert show.checklist.filter(object=vase).exists()

    # without script, the same POST comes back to the same search
    twice = client.post(
        url("web:checklist_add", "silk-roads"), {"object": vase.pk, "search": "q=vase"}
    )
    assert twice.status_code == 302 and twice["Location"].endswith("?q=vase")
    assert show.checklist.filter(object=vase).count() == 1
    assert "already on the checklist" in text_of(client.get(twice["Location"]))
    forged = client.post(
        url("web:checklist_add", "silk-roads"), {"object": vase.pk, "search": "q=a\r\nX-Evil: 1"}
    )
    assert forged.status_code == 302 and "\n" not in forged["Location"]

    # an object the curator may not see cannot be added, even by a forged POST
    hidden = client.post(
        url("web:checklist_add", "silk-roads"),
        {"object": rival.lead_organiser.catalogue_objects.get(local_id="hermitage-private").pk},
    )
    assert hidden.status_code == 404


def test_checklist_items_are_edited_with_sections_labels_and_requirements(client, show, people):
    client.force_login(people.curator)
    item = show.checklist.get(catalogue_number="Cat. 2")
    edit = url("web:checklist_item_edit", "silk-roads", item.pk)
    assert "Cat. 2" in text_of(client.get(edit))
    response = client.post(
        edit,
        {
            "section__tag": ["en", "ar"],
            "section__text": ["Bronzes", "البرونزيات"],
            "position": "7",
            "catalogue_number": "Cat. 12",
            **langmap("label", "ru", "Зеркало"),
            "light_max_lux": "50",
            "humidity_min": "45",
            "humidity_max": "55",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.section == {"en": "Bronzes", "ar": "البرونزيات"}
    assert item.label == {"ru": "Зеркало"} and item.catalogue_number == "Cat. 12"
    assert (item.position, str(item.humidity_min)) == (7, "45.0")

    upside_down = client.post(edit, {"position": "7", "humidity_min": "60", "humidity_max": "40"})
    assert upside_down.status_code == 400
    assert "upper end is below the lower end" in text_of(upside_down)
    item.refresh_from_db()
    assert str(item.humidity_max) == "55.0"

    page = text_of(client.get(url("web:exhibition_workspace", "silk-roads", language="ar")))
    assert '<span lang="ar" dir="rtl">البرونزيات</span>' in page

    first = show.checklist.order_by("position", "id").first()
    client.post(url("web:checklist_item_move", "silk-roads", first.pk), {"direction": "down"})
    assert show.checklist.order_by("position", "id")[1] == first
    client.post(url("web:checklist_item_remove", "silk-roads", first.pk))
    assert not ChecklistItem.objects.filter(pk=first.pk).exists()


# --- Loans ----------------------------------------------------------------------------------------


def test_loan_requests_are_created_and_listed_by_lender(client, show, people):
    client.force_login(people.curator)
    workspace = url("web:exhibition_workspace", "silk-roads")
    assert "3 borrowed objects are in no loan request yet" in text_of(client.get(workspace))
    response = client.post(url("web:loan_requests_create", "silk-roads"), follow=True)
    assert LoanRequest.objects.filter(exhibition=show, status="draft").count() == 2
    page = text_of(response)
    assert "2 draft loan requests are ready" in page
    loans_part = page[page.index('id="loans"') :]
    assert "Hermitage" in loans_part and "Մատենադարան" in loans_part
    assert loans_part.count("Draft") == 2
    assert "Every borrowed object is in a loan request." in loans_part


def test_the_same_loan_is_worked_on_from_both_sides(client, show, people, loans):
    loan = loans["hermitage"]
    detail = url("web:loan_detail", loan.pk)
    # the borrower submits its draft with a comment
    client.force_login(people.curator)
    page = text_of(client.get(detail))
    assert "Submit the request to the lender" in page and "Start the review" not in page
    submitted = client.post(
        url("web:loan_move", loan.pk),
        {"to": "requested", **langmap("comment", "zh-Hans", "请审阅")},
    )
    assert submitted.status_code == 302
    loan.refresh_from_db()
    assert loan.status == "requested"
    assert loan.transitions.last().comment == {"zh-Hans": "请审阅"}

    # the lender finds it in its queue, awaiting its move
    client.force_login(people.hermitage)
    queue = text_of(client.get(url("web:loan_queue")))
    awaiting = queue[queue.index("awaiting-heading") : queue.index("incoming-heading")]
    assert loan.reference in awaiting and "Along the Silk Roads" in awaiting
    page = text_of(client.get(detail))
    assert "Start the review" in page and "Submit the request" not in page
    assert '<span lang="zh-Hans" dir="ltr">请审阅</span>' in page  # the history, with its words
    assert client.post(url("web:loan_move", loan.pk), {"to": "under_review"}).status_code == 302

    # it approves one object and declines the other, with a reason and conditions
    objects = loan_objects(loan)
    public, members = objects["hermitage-public"], objects["hermitage-members"]
    page = text_of(client.get(detail))
    assert f'name="object-{public.pk}-decision"' in page and "Decline the loan" in page
    approved = client.post(
        url("web:loan_move", loan.pk),
        {
            "to": "approved",
            f"object-{public.pk}-decision": "approved",
            f"object-{members.pk}-decision": "declined",
            **langmap(f"object-{members.pk}-reason", "en", "Too fragile to travel."),
            **langmap("conditions", "en", "No flash photography."),
            **langmap("comment", "ru", "Одобрено частично."),
        },
    )
    assert approved.status_code == 302
    loan.refresh_from_db()
    assert loan.status == "approved" and loan.conditions == {"en": "No flash photography."}
    public.refresh_from_db()
    members.refresh_from_db()
    assert (public.decision, members.decision) == ("approved", "declined")
    assert members.decision_reason == {"en": "Too fragile to travel."}

    # the borrower reads the same record: decisions, reason, conditions, history
    client.force_login(people.curator)
    page = lean(text_of(client.get(detail)))
    assert "Too fragile to travel." in page and "No flash photography." in page
    assert "Requested → Under review" in page and "Under review → Approved" in page
    assert "Одобрено частично." in page
    assert "Withdraw the request" in page and "Record the signed agreement" not in page


def test_a_lender_sees_no_draft_and_outsiders_see_no_loan(client, loans, people):
    loan = loans["hermitage"]
    client.force_login(people.hermitage)
    assert client.get(url("web:loan_detail", loan.pk)).status_code == 404
    assert loan.reference not in text_of(client.get(url("web:loan_queue")))
    client.force_login(people.louvre)
    assert client.get(url("web:loan_detail", loan.pk)).status_code == 404
    client.logout()
    assert client.get(url("web:loan_detail", loan.pk)).status_code == 302
    assert client.get(url("web:loan_queue")).status_code == 302


def test_illegal_moves_show_the_reason_and_change_nothing(client, submitted, people):
    loan = submitted
    move = url("web:loan_move", loan.pk)
    before = snapshot(loan)

    client.force_login(people.curator)  # the borrower cannot approve
    wrong_side = client.post(move, {"to": "approved"})
    assert wrong_side.status_code == 403
    assert "only the lender (Hermitage) can" in text_of(wrong_side)
    assert "nothing changed" in text_of(wrong_side)
    assert snapshot(loan) == before

    client.force_login(people.hermitage)  # the lender cannot skip the review
    skipped = client.post(move, {"to": "closed"})
    assert skipped.status_code == 409
    assert "cannot move to closed from there" in text_of(skipped)
    assert snapshot(loan) == before

    client.force_login(people.secretary)  # the secretariat reads, and moves nothing
    assert "only the lender's and the borrower's staff move it" in text_of(
        client.get(url("web:loan_detail", loan.pk))
    ).replace("&#x27;", "'")
    not_a_party = client.post(move, {"to": "under_review"})
    assert not_a_party.status_code == 403
    assert snapshot(loan) == before

    client.force_login(people.louvre)
    assert client.post(move, {"to": "under_review"}).status_code == 404
    assert snapshot(loan) == before

    # approving with every object declined is refused whole: the decisions sent are undone
    client.force_login(people.hermitage)
    loan_transition(loan=loan, to="under_review", actor=people.hermitage)
    before = snapshot(loan)
    decisions = {
        f"object-{lo.pk}-{name}": value
        for lo in loan_objects(loan).values()
        for name, value in (("decision", "declined"), ("reason__tag", "en"), ("reason__text", "No"))
    }
    all_declined = client.post(move, {"to": "approved", **decisions})
    assert all_declined.status_code == 409
    assert "decline the loan instead" in text_of(all_declined)
    assert snapshot(loan) == before
    # declining an object needs a reason: the form says so and nothing is sent
    public = loan_objects(loan)["hermitage-public"]
    no_reason = client.post(move, {"to": "approved", f"object-{public.pk}-decision": "declined"})
    assert no_reason.status_code == 400
    assert "Say why the object is declined." in text_of(no_reason)
    assert snapshot(loan) == before


def test_terms_are_set_by_either_side_until_the_agreement_is_signed(client, submitted, people):
    loan = submitted
    public = loan_objects(loan)["hermitage-public"]
    terms = url("web:loan_terms", loan.pk, public.pk)
    client.force_login(people.hermitage)
    response = client.post(
        terms,
        {
            "insurance_value": "250000",
            "insurance_currency": "eur",
            "courier_required": "on",
            **langmap("courier_notes", "en", "One courier, both ways."),
            **langmap("credit_line", "ru", "Государственный Эрмитаж"),
        },
    )
    assert response.status_code == 302
    public.refresh_from_db()
    assert (str(public.insurance_value), public.insurance_currency) == ("250000.00", "EUR")
    assert public.courier_required and public.credit_line == {"ru": "Государственный Эрмитаж"}
    page = text_of(client.get(url("web:loan_detail", loan.pk)))
    assert "250000.00 EUR" in page and "One courier, both ways." in page

    client.force_login(people.curator)
    no_currency = client.post(terms, {"insurance_value": "10", "insurance_currency": ""})
    assert no_currency.status_code == 400 and "currency" in text_of(no_currency)
    bad_currency = client.post(terms, {"insurance_value": "10", "insurance_currency": "XYZ"})
    assert bad_currency.status_code == 400 and "ISO 4217" in text_of(bad_currency)
    public.refresh_from_db()
    assert public.insurance_currency == "EUR"

    client.force_login(people.louvre)
    assert client.get(terms).status_code == 404
    client.force_login(people.secretary)
    assert client.get(terms).status_code == 403


def png(name: str = "crack.png", colour: str = "red") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def approved(submitted: LoanRequest, people: SimpleNamespace) -> LoanRequest:
    from caravan.exhibitions.services import ObjectDecisionInput

    loan = submitted
    loan_transition(loan=loan, to="under_review", actor=people.hermitage)
    decisions = [
        ObjectDecisionInput(lo.pk, "approved" if key == "hermitage-public" else "declined", "No")
        for key, lo in loan_objects(loan).items()
    ]
    loan_transition(loan=loan, to="approved", actor=people.hermitage, decisions=decisions)
    return loan


def test_condition_reports_with_photographs_for_the_two_sides_only(client, approved, people):
    loan = approved
    public = loan_objects(loan)["hermitage-public"]
    form = url("web:condition_report_create", loan.pk, public.pk)
    client.force_login(people.curator)  # the borrower examines on arrival, not now
    assert client.get(form).status_code == 403

    client.force_login(people.hermitage)
    page = text_of(client.get(form))
    assert 'value="outgoing"' in page and 'value="arrival"' not in page
    not_an_image = client.post(
        form,
        {
            "checkpoint": "outgoing",
            "grade": "good",
            "photos": [SimpleUploadedFile("note.png", b"not a picture", content_type="image/png")],
        },
    )
    assert not_an_image.status_code == 400 and ConditionReport.objects.count() == 0
    filed = client.post(
        form,
        {
            "checkpoint": "outgoing",
            "grade": "good",
            "reported_on": "2025-03-01",
            **langmap("notes", "en", "Hairline crack on the rim, stable."),
            "photos": [png(), png("rim.png", "blue")],
        },
    )
    assert filed.status_code == 302
    report = ConditionReport.objects.get()
    assert report.checkpoint == "outgoing" and report.photos.count() == 2
    photo = report.photos.first()
    photo_url = url("web:condition_photo", loan.pk, photo.pk)
    page = text_of(client.get(url("web:loan_detail", loan.pk)))
    assert photo_url in page and "Hairline crack on the rim, stable." in page

    served = client.get(photo_url)
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content).startswith(b"\x89PNG")
    client.force_login(people.curator)
    assert client.get(photo_url).status_code == 200
    client.force_login(people.secretary)  # reads the loan, but photographs are the sides'
    assert client.get(photo_url).status_code == 403
    assert photo_url not in text_of(client.get(url("web:loan_detail", loan.pk)))
    client.force_login(people.louvre)
    assert client.get(photo_url).status_code == 404
    client.logout()
    assert client.get(photo_url).status_code == 302


def test_facility_reports_are_filed_and_the_lenders_told(client, show, submitted, people):
    venue = show.venue_away
    reports = url("web:venue_reports", "silk-roads", venue.pk)
    client.force_login(people.curator)
    wrong = client.post(
        reports, {"fire_suppression": "gas", "humidity_min": "60", "humidity_max": "40"}
    )
    assert wrong.status_code == 400 and FacilityReport.objects.count() == 0
    response = client.post(
        reports,
        {
            "guards_24h": "on",
            "cctv": "on",
            "fire_detection": "on",
            "fire_suppression": "gas",
            "temperature_min_c": "18",
            "temperature_max_c": "22",
            "humidity_min": "45",
            "humidity_max": "55",
            "light_max_lux": "150",
            **langmap("notes", "ru", "Зал 3, второй этаж"),
        },
    )
    assert response.status_code == 302
    report = FacilityReport.objects.get()
    assert report.guards_24h and report.fire_suppression == "gas"
    assert report.notes == {"ru": "Зал 3, второй этаж"}
    assert Notification.objects.filter(
        recipient=people.hermitage, verb="facility_report.submitted"
    ).exists()
    page = text_of(client.get(url("web:loan_detail", submitted.pk)))
    assert "Inert gas or clean agent" in page and "Зал 3, второй этаж" in page
    client.force_login(people.louvre)
    assert client.get(reports).status_code == 404


def test_the_inbox_lists_marks_read_and_counts(client, submitted, people):
    client.force_login(people.hermitage)
    home = text_of(client.get(url("web:home")))
    assert re.search(r'href="/inbox/">Inbox <span class="badge"[^>]*>1</span>', home)
    inbox = text_of(client.get(url("web:inbox")))
    assert f"Loan {submitted.reference} for “Along the Silk Roads” is now requested." in inbox
    assert reverse("web:loan_detail", args=[submitted.pk]) in inbox
    notification = Notification.objects.get(recipient=people.hermitage)
    read = client.post(url("web:notification_read", notification.pk), HTTP_HX_REQUEST="true")
    assert read.status_code == 200 and "Mark read" not in text_of(read)
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert not re.search(r'href="/inbox/">Inbox <span', text_of(client.get(url("web:home"))))

    # someone else's notification is not found
    client.force_login(people.yerevan)
    assert client.post(url("web:notification_read", notification.pk)).status_code == 404
    client.force_login(people.curator)
    loan_transition(loan=submitted, to="cancelled", actor=people.curator)
    client.force_login(people.hermitage)
    assert client.post(url("web:notifications_read_all")).status_code == 302
    assert not Notification.objects.filter(recipient=people.hermitage, read_at__isnull=True)


# --- Hostile text and languages -------------------------------------------------------------------

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_hostile_titles_comments_and_notes_stay_text(
    client, show, people, alliance_world, make_object
):
    show.titles = {"en": f"Show {HOSTILE}"}
    show.save()
    thing = make_object(alliance_world["hermitage"], "ERM-evil", titles={"en": f"Vase {HOSTILE}"})
    checklist_item_add(exhibition=show, obj=thing, label={"en": HOSTILE}, actor=people.curator)
    loan = {
        lo.lender.code: lo for lo in loan_requests_create(exhibition=show, actor=people.curator)
    }["hermitage"]
    loan_transition(loan=loan, to="requested", actor=people.curator, comment=HOSTILE)
    pages = [
        url("web:exhibition_list"),
        url("web:exhibition_workspace", "silk-roads"),
        url("web:loan_queue"),
        url("web:loan_detail", loan.pk),
    ]
    seen = {
        people.curator: [*pages, url("web:checklist_builder", "silk-roads") + "?q=Vase"],
        people.hermitage: [*pages, url("web:inbox")],
    }
    for user, addresses in seen.items():
        client.force_login(user)
        for address in addresses:
            html = text_of(client.get(address))
            assert "<script>alert" not in html, address
            assert "<img src=x" not in html, address
            assert "&lt;script&gt;" in html, address


@pytest.mark.parametrize("language", UI_LANGUAGES)
def test_every_page_renders_in_every_interface_language(client, show, approved, people, language):
    direction = "rtl" if language == "ar" else "ltr"
    lo = loan_objects(approved)["hermitage-public"]
    condition_report_add(
        loan_object=lo, checkpoint="outgoing", grade="good", actor=people.hermitage
    )
    addresses: dict[Any, list[tuple[Any, ...]]] = {
        people.curator: [
            ("web:exhibition_list",),
            ("web:exhibition_create",),
            ("web:exhibition_workspace", "silk-roads"),
            ("web:exhibition_edit", "silk-roads"),
            ("web:exhibition_team", "silk-roads"),
            ("web:checklist_builder", "silk-roads"),
            ("web:checklist_item_edit", "silk-roads", show.checklist.first().pk),
            ("web:venue_edit", "silk-roads", show.venue_home.pk),
            ("web:venue_reports", "silk-roads", show.venue_home.pk),
            ("web:loan_queue",),
            ("web:loan_detail", approved.pk),
            ("web:loan_terms", approved.pk, lo.pk),
            ("web:inbox",),
        ],
        people.hermitage: [
            ("web:loan_queue",),
            ("web:loan_detail", approved.pk),
            ("web:condition_report_create", approved.pk, lo.pk),
            ("web:inbox",),
        ],
    }
    for user, names in addresses.items():
        client.force_login(user)
        for name, *args in names:
            response = client.get(url(str(name), *args, language=language))
            assert response.status_code == 200, name
            html = text_of(response)
            assert f'<html lang="{language}" dir="{direction}">' in html, name
            assert "exhibitions.css" in html, name
    client.force_login(people.curator)
    search = client.get(
        url("web:checklist_builder", "silk-roads", language=language), {"q": "Object"}
    )
    assert search.status_code == 200 and "search-count" in text_of(search)
    if language == "ar":
        page = text_of(client.get(url("web:exhibition_workspace", "silk-roads", language="ar")))
        assert '<span lang="ar" dir="rtl">على طرق الحرير</span>' in page
    if language == "zh-hans":
        page = text_of(client.get(url("web:exhibition_workspace", "silk-roads", language=language)))
        assert '<span lang="zh-Hans" dir="ltr">西行之路</span>' in page


def test_the_header_links_to_exhibitions_and_the_staff_inbox(client, people):
    anonymous = text_of(client.get(url("web:home")))
    assert f'href="{reverse("web:exhibition_list")}"' in anonymous
    assert f'href="{reverse("web:inbox")}"' not in anonymous
    client.force_login(people.curator)
    assert f'href="{reverse("web:inbox")}"' in text_of(client.get(url("web:home")))


def test_only_the_venue_is_the_venue(client, show, people):
    """Addresses mix no records: a venue of another exhibition is not found under this one."""
    other = exhibition_create(
        code="other",
        titles={"en": "Other"},
        lead_organiser=show.lead_organiser,
        actor=people.curator,
    )
    venue = Venue.objects.create(
        exhibition=other,
        place_name={"en": "Hall"},
        opens_on=datetime.date(2030, 1, 1),
        closes_on=datetime.date(2030, 2, 1),
    )
    client.force_login(people.curator)
    assert client.get(url("web:venue_edit", "silk-roads", venue.pk)).status_code == 404
    assert client.get(url("web:venue_reports", "silk-roads", venue.pk)).status_code == 404
