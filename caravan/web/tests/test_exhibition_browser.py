"""An exhibition and its loans in headless Chromium, from both sides.

The Palace Museum's curator starts an exhibition, gives it a venue, finds bronzes of the
Hermitage and the Matenadaran through the catalogue search and adds them in place, prepares the
loan requests and submits them. The Hermitage's registrar finds the request in the queue,
reviews it and approves one object, declining the other. Screenshots of each main page (and of
the loan in Arabic) go to test-output/screenshots/exhibitions-*.png for people to look at.
"""

import datetime

import pytest
from django.utils import timezone

from caravan.exhibitions.models import Exhibition, LoanRequest
from caravan.web.tests.test_browser import browser, page, screenshot  # noqa: F401 - fixtures
from caravan.web.tests.test_exhibition_pages import inbox_count_in_header  # noqa: F401 - autouse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BRONZE = [{"text": "bronze", "lang": "en"}]


@pytest.fixture
def bronzes(alliance_world, make_object, make_user):
    """Two bronzes of the Hermitage, one of the Matenadaran, and the people who work on them."""
    w = alliance_world
    found = {
        "mirror": make_object(
            w["hermitage"],
            "ERM-mirror",
            titles={"en": "Bronze mirror with grapevines", "ru": "Бронзовое зеркало с лозой"},
            date_display={"en": "Tang dynasty"},
            materials=BRONZE,
        ),
        "bell": make_object(
            w["hermitage"],
            "ERM-bell",
            titles={"en": "Bronze bell", "ru": "Бронзовый колокол"},
            materials=BRONZE,
        ),
        "censer": make_object(
            w["yerevan"],
            "MAT-censer",
            titles={"en": "Bronze censer", "hy": "Բրոնզե բուրվառ"},
            materials=BRONZE,
        ),
    }
    make_user("palace-curator", institution=w["palace"], first_name="Lin", last_name="Wei")
    make_user("hermitage-registrar", institution=w["hermitage"], first_name="Olga")
    return found


@pytest.fixture
def rival(alliance_world, bronzes):
    """The Hermitage shows its bell at home, now and well into next year: a public exhibition."""
    from caravan.exhibitions.services import (
        checklist_item_add,
        exhibition_create,
        exhibition_status_change,
        venue_add,
    )

    hermitage, today = alliance_world["hermitage"], timezone.localdate()
    exhibition = exhibition_create(
        code="hermitage-bells",
        titles={"en": "Bells of the Hermitage", "ru": "Колокола Эрмитажа"},
        lead_organiser=hermitage,
        actor=None,
    )
    venue_add(
        exhibition=exhibition,
        institution=hermitage,
        opens_on=today - datetime.timedelta(days=10),
        closes_on=today + datetime.timedelta(days=600),
        actor=None,
    )
    checklist_item_add(exhibition=exhibition, obj=bronzes["bell"], actor=None)
    for status in ("planning", "confirmed", "open"):
        exhibition_status_change(exhibition=exhibition, to=status, actor=None)
    return exhibition


def sign_in(tab, live_server, username):
    tab.goto(f"{live_server.url}/admin/login/")
    tab.fill("#id_username", username)
    tab.fill("#id_password", "pw-for-tests")
    tab.locator("input[type=submit]").click()
    tab.wait_for_load_state()


def test_a_curator_borrows_and_a_registrar_approves(
    live_server,
    browser,  # noqa: F811 - the fixture
    page,  # noqa: F811 - the fixture
    bronzes,
    rival,
):
    base = live_server.url
    sign_in(page, live_server, "palace-curator")

    # a new exhibition, led by the curator's own institution
    page.goto(f"{base}/exhibitions/")
    page.get_by_role("link", name="New exhibition").click()
    page.wait_for_url("**/exhibitions/new/")
    page.fill("#id_code", "bronze-roads")
    page.locator("input[name=titles__text]").first.fill("Bronze along the Silk Roads")
    page.locator("input[name=titles__tag]").nth(1).fill("zh-Hans")
    page.locator("input[name=titles__text]").nth(1).fill("丝路青铜")
    page.locator("input[name=subtitles__text]").first.fill("Mirrors, bells and censers")
    page.locator("form.stacked-form button[type=submit]").click()
    page.wait_for_url("**/exhibitions/bronze-roads/")
    exhibition = Exhibition.objects.get(code="bronze-roads")
    assert exhibition.titles == {"en": "Bronze along the Silk Roads", "zh-Hans": "丝路青铜"}

    # one venue: the Palace Museum, for two months next year
    opens = timezone.localdate().replace(month=1, day=15) + datetime.timedelta(days=365)
    page.locator(".add-venue summary").click()
    page.select_option("#id_institution", label="Palace Museum")
    page.fill("#id_opens_on", opens.isoformat())
    page.fill("#id_closes_on", (opens + datetime.timedelta(days=60)).isoformat())
    page.locator(".add-venue button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("table.itinerary tbody tr").count() == 1

    # the checklist builder: search the pooled catalogue, add three bronzes in place
    page.get_by_role("link", name="Add objects", exact=True).click()
    page.wait_for_url("**/exhibitions/bronze-roads/checklist/")
    page.fill("#builder-q", "bronze")
    page.press("#builder-q", "Enter")
    page.wait_for_url("**/checklist/?q=bronze*")
    assert page.locator(".candidate").count() == 3
    for key in ("mirror", "bell"):
        page.locator(f"#candidate-{bronzes[key].pk} .add-button").click()
        page.locator(f"#candidate-{bronzes[key].pk}.listed").wait_for()
    # the bell is promised to the Hermitage's own show over the same dates: flagged, not refused
    bell_row = page.locator(f"#candidate-{bronzes['bell'].pk}")
    assert "Added to the checklist" in bell_row.inner_text()
    assert "Bells of the Hermitage" in bell_row.locator(".conflict").inner_text()
    assert page.locator("#builder-checklist .listed li").count() == 2  # swapped out of band
    screenshot(page, "exhibitions-checklist-builder-en")
    page.locator(f"#candidate-{bronzes['censer'].pk} .add-button").click()
    page.locator(f"#candidate-{bronzes['censer'].pk}.listed").wait_for()
    assert exhibition.checklist.count() == 3
    page.reload()
    assert page.locator(".builder-checklist .listed li").count() == 3
    assert page.locator(".builder-checklist .has-conflict").count() == 1

    # one draft loan per lender, then each submitted to its lender with a comment
    page.locator(".builder-checklist button[type=submit]").click()
    page.wait_for_url("**/exhibitions/bronze-roads/#loans")
    assert "2 draft loan requests are ready" in page.locator(".flash").inner_text()
    screenshot(page, "exhibitions-workspace-en")
    for loan in LoanRequest.objects.filter(exhibition=exhibition).order_by("pk"):
        page.goto(f"{base}/loans/{loan.pk}/")
        form = page.locator("#move-requested")
        form.locator("input[name=comment__text]").first.fill("We would be honoured to show these.")
        form.locator("button[type=submit]").click()
        page.wait_for_url(f"**/loans/{loan.pk}/")
        assert page.locator(".loan-header .status").inner_text() == "Requested"
    hermitage_loan = LoanRequest.objects.get(exhibition=exhibition, lender__code="hermitage")
    other_loan = LoanRequest.objects.get(exhibition=exhibition, lender__code="matenadaran")
    assert (hermitage_loan.status, other_loan.status) == ("requested", "requested")

    # the lender's registrar, in a browser of their own
    lender = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(lender, live_server, "hermitage-registrar")
    lender.goto(f"{base}/loans/")
    awaiting = lender.locator("section[aria-labelledby=awaiting-heading]")
    assert hermitage_loan.reference in awaiting.inner_text()
    assert other_loan.reference not in lender.content()  # another lender's loan is not theirs
    screenshot(lender, "exhibitions-loan-queue-en")
    awaiting.get_by_role("link", name=hermitage_loan.reference).click()
    lender.wait_for_url(f"**/loans/{hermitage_loan.pk}/")
    lender.locator("#move-under_review button[type=submit]").click()
    lender.wait_for_load_state()
    assert lender.locator(".loan-header .status").inner_text() == "Under review"
    screenshot(lender, "exhibitions-loan-detail-before-approval-en")

    objects = {
        lo.object.local_id: lo for lo in hermitage_loan.loan_objects.select_related("object")
    }
    mirror, bell = objects["ERM-mirror"], objects["ERM-bell"]
    approve = lender.locator("#move-approved")
    approve.locator(f"input[name=object-{mirror.pk}-decision][value=approved]").check()
    approve.locator(f"input[name=object-{bell.pk}-decision][value=declined]").check()
    approve.locator(f"input[name=object-{bell.pk}-reason__text]").first.fill(
        "The bell is on permanent display."
    )
    approve.locator("input[name=conditions__text]").first.fill("No flash photography.")
    approve.locator("input[name=comment__text]").first.fill("Approved in part.")
    approve.locator("button[type=submit]").click()
    lender.wait_for_load_state()
    assert lender.locator(".loan-header .status").inner_text() == "Approved"
    assert "The bell is on permanent display." in lender.locator("#objects").inner_text()
    assert "No flash photography." in lender.locator(".conditions").inner_text()
    screenshot(lender, "exhibitions-loan-detail-approved-en")
    hermitage_loan.refresh_from_db()
    mirror.refresh_from_db()
    bell.refresh_from_db()
    assert hermitage_loan.status == "approved"
    assert (mirror.decision, bell.decision) == ("approved", "declined")

    # the same loan in Arabic: right to left, the sidebar of moves on the left
    lender.goto(f"{base}/ar/loans/{hermitage_loan.pk}/")
    assert lender.locator("html").get_attribute("dir") == "rtl"
    moves = lender.locator("aside.loan-moves").bounding_box()
    main = lender.locator(".loan-main").bounding_box()
    assert moves["x"] < main["x"]
    screenshot(lender, "exhibitions-loan-detail-ar")

    # the borrower hears of it in the inbox, and reads the workspace in Arabic too
    page.goto(f"{base}/inbox/")
    assert "is now approved" in page.locator(".inbox").inner_text()
    assert page.locator(".main-nav a[href='/inbox/'] .badge").inner_text() == "2"
    screenshot(page, "exhibitions-inbox-en")
    page.goto(f"{base}/ar/exhibitions/bronze-roads/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    screenshot(page, "exhibitions-workspace-ar")
    page.goto(f"{base}/ar/exhibitions/bronze-roads/checklist/?q=bronze")
    screenshot(page, "exhibitions-checklist-builder-ar")
    lender.context.close()
