"""Alliance life in headless Chromium: an application in Chinese, approved by the secretariat,
and a screenshot of every new page (English, plus Chinese and Arabic for some) for people to
look at under test-output/screenshots/."""

import pytest

from caravan.institutions.models import Membership, MembershipApplication
from caravan.web.tests.test_browser import browser, page, screenshot  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(tab, live_server, username, language="en"):
    prefix = "" if language == "en" else f"/{language}"
    tab.goto(f"{live_server.url}{prefix}/admin/login/")
    tab.fill("#id_username", username)
    tab.fill("#id_password", "pw-for-tests")
    tab.locator("input[type=submit]").click()
    tab.wait_for_load_state()


def test_an_application_in_chinese_is_approved_by_the_secretariat(
    live_server,
    page,  # noqa: F811 - the fixture
    life,
    tmp_path,
):
    statutes = tmp_path / "章程.pdf"
    statutes.write_bytes(b"%PDF-1.4 sample statutes")
    page.goto(f"{live_server.url}/zh-hans/alliances/silk/apply/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    # the first row of each language map offers the reader's language
    assert page.locator("input[name=institution_names__tag]").first.input_value() == "zh-Hans"
    page.locator("input[name=institution_names__text]").first.fill("敦煌研究院")
    page.fill("#id_institution_code", "dunhuang")
    page.select_option("#id_country", "CN")
    page.select_option("#id_institution_type", "archaeology")
    page.locator("input[name=city__text]").first.fill("敦煌")
    page.fill("#id_contact_name", "王丽")
    page.fill("#id_contact_email", "wang@example.org")
    page.locator("[name=motivation__text]").first.fill("希望参与丝路文物的数字共享与人员交流。")
    page.set_input_files("#id_documents", str(statutes))
    screenshot(page, "apply-form-zh-hans")
    page.locator("form.stacked-form button[type=submit]").click()
    page.wait_for_url("**/zh-hans/alliances/silk/apply/submitted/")
    screenshot(page, "apply-submitted-zh-hans")
    application = MembershipApplication.objects.get()
    assert application.institution_names == {"zh-Hans": "敦煌研究院"}
    assert application.documents.count() == 1

    sign_in(page, live_server, "secretary", "zh-hans")
    page.goto(f"{live_server.url}/zh-hans/alliances/silk/applications/")
    screenshot(page, "applications-zh-hans")
    page.get_by_role("link", name="敦煌研究院").click()
    page.wait_for_url(f"**/applications/{application.pk}/")
    decision = page.locator("#decision-form")
    decision.locator("input[name=outcome][value=accept]").check()
    decision.locator("#id_decided_on").fill("2024-10-18")
    decision.locator("input[name=meeting__text]").first.fill("2024年年会理事会会议")
    decision.locator("#id_votes_for").fill("12")
    decision.locator("#id_votes_against").fill("0")
    decision.locator("#id_abstentions").fill("1")
    screenshot(page, "application-decide-zh-hans")
    decision.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".status-accepted").count() == 1
    screenshot(page, "application-accepted-zh-hans")
    membership = Membership.objects.get(institution__code="dunhuang", alliance__code="silk")
    assert (membership.status, str(membership.start_date)) == ("member", "2024-10-18")


@pytest.fixture
def demo_life(db, monkeypatch):
    """The demo's institutions, alliances and alliance life, without the 2,455 objects."""
    from caravan.demo.services import demo_load

    monkeypatch.setattr("caravan.demo.services.demo_sources", lambda *args: [])
    monkeypatch.setattr("caravan.demo.services._load_vocabularies", lambda *args: None)
    demo_load()


PAGES = [
    ("alliance", "/alliances/sample-silk/"),
    ("governance", "/alliances/sample-silk/governance/"),
    ("apply", "/alliances/sample-silk/apply/"),
    ("agreements", "/agreements/"),
    ("agreement", "/agreements/sample-mou-tripartite-2024/"),
    ("programmes", "/programmes/"),
    ("programme", "/programmes/sample-training-conservation-2025/"),
    ("events", "/events/"),
    ("event", "/events/sample-conference-2024/"),
    ("resources", "/resources/"),
    ("resource", "/resources/sample-res-training-condition/"),
    ("ledger", "/resources/ledger/"),
    ("institution", "/institutions/npm/"),
]


def test_screenshots_of_every_new_page(
    live_server,
    page,  # noqa: F811 - the fixture
    demo_life,
    make_user,
):
    for name, path in PAGES:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        screenshot(page, f"life-{name}-en")
    for language in ("zh-hans", "ar"):
        for name, path in PAGES:
            if name in {"governance", "event", "resources", "apply", "alliance"}:
                page.goto(f"{live_server.url}/{language}{path}")
                screenshot(page, f"life-{name}-{language}")
    # right to left really mirrors: the facts box sits left of the text in Arabic
    page.goto(f"{live_server.url}/ar/events/sample-conference-2024/")
    aside = page.locator("aside.facts-box").bounding_box()
    text = page.locator(".with-sidebar > div").first.bounding_box()
    assert aside["x"] < text["x"]
    # the secretariat's list of applications, and a member's view of a members-only resource
    make_user("secretary", is_secretariat=True)
    sign_in(page, live_server, "secretary")
    page.goto(f"{live_server.url}/alliances/sample-silk/applications/")
    screenshot(page, "life-applications-en")
    page.goto(f"{live_server.url}/resources/sample-res-3d-astrolabe/")
    screenshot(page, "life-resource-on-request-en")
