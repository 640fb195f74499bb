"""Pages of alliance life: the application form to a membership, governance, agreements,
programmes, events and the shared resource library, under the permission rules."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from caravan.cooperation.models import ResourceDownload
from caravan.institutions.models import (
    ApplicationStatus,
    Membership,
    MembershipApplication,
)

pytestmark = pytest.mark.django_db
UI_LANGUAGES = ["en", "zh-hans", "ru", "ar"]


@pytest.fixture(autouse=True)
def english_urls():
    """reverse() follows the language the previous request activated; start each test in English."""
    with translation.override("en"):
        yield


def url_in(language, name, *args):
    with translation.override(language):
        return reverse(name, args=args)


def page_names(life):
    return [
        ("web:application_create", "silk"),
        ("web:alliance_governance", "silk"),
        ("web:alliance_detail", "silk"),
        ("web:agreement_list",),
        ("web:agreement_detail", "mou-public"),
        ("web:programme_list",),
        ("web:programme_detail", "training-2024"),
        ("web:event_list",),
        ("web:event_detail", "conf-2024"),
        ("web:resource_list",),
        ("web:resource_detail", "res-members"),
        ("web:sharing_ledger",),
        ("web:institution_detail", "palace"),
    ]


@pytest.mark.parametrize("language", UI_LANGUAGES)
def test_every_new_page_renders_in_every_interface_language(client, life, language):
    client.force_login(life["secretary"])
    for name, *args in [*page_names(life), ("web:application_list", "silk")]:
        response = client.get(url_in(language, name, *args))
        assert response.status_code == 200, name
        direction = "rtl" if language == "ar" else "ltr"
        assert f'<html lang="{language}" dir="{direction}">' in response.content.decode(), name


def application_post(**overrides):
    data = {
        "institution_names__tag": ["zh-Hans", "en"],
        "institution_names__text": ["敦煌研究院", "Dunhuang Academy"],
        "institution_code": "dunhuang",
        "country": "CN",
        "institution_type": "archaeology",
        "city__tag": ["zh-Hans"],
        "city__text": ["敦煌"],
        "website": "dunhuang.example.org",
        "contact_name": "王丽",
        "contact_email": "wang@example.org",
        "motivation__tag": ["zh-Hans"],
        "motivation__text": ["参与丝路文物数字共享。"],
        "documents": [SimpleUploadedFile("statutes.pdf", b"%PDF-1.4 statutes")],
    }
    return data | overrides


def test_an_application_goes_from_the_form_to_a_membership(client, life):
    response = client.post(url_in("zh-hans", "web:application_create", "silk"), application_post())
    assert response.status_code == 302
    application = MembershipApplication.objects.get()
    assert application.institution_names == {"zh-Hans": "敦煌研究院", "en": "Dunhuang Academy"}
    assert application.website == "https://dunhuang.example.org"
    assert application.documents.get().file.read() == b"%PDF-1.4 statutes"

    # the public cannot see the applications; the secretariat can, with the document
    assert client.get(reverse("web:application_list", args=["silk"])).status_code == 302
    client.force_login(life["secretary"])
    detail = client.get(reverse("web:application_detail", args=["silk", application.pk]))
    assert "敦煌研究院" in detail.content.decode()
    document = application.documents.get()
    download = client.get(
        reverse("web:application_document", args=["silk", application.pk, document.pk])
    )
    assert b"".join(download.streaming_content) == b"%PDF-1.4 statutes"

    decided = client.post(
        reverse("web:application_decide", args=["silk", application.pk]),
        {
            "outcome": "accept",
            "decided_on": "2024-10-18",
            "meeting__tag": ["en"],
            "meeting__text": ["Council, annual conference 2024"],
            "votes_for": "12",
            "votes_against": "0",
            "abstentions": "1",
        },
    )
    assert decided.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    membership = Membership.objects.get(institution__code="dunhuang", alliance__code="silk")
    assert membership.start_date == datetime.date(2024, 10, 18)
    assert (
        "12 for, 0 against, 1 abstaining"
        in client.get(url_in("en", "web:alliance_governance", "silk")).content.decode()
    )


def test_a_rejected_application_leaves_no_membership(client, life):
    client.post(reverse("web:application_create", args=["silk"]), application_post())
    application = MembershipApplication.objects.get()
    client.force_login(life["secretary"])
    client.post(
        reverse("web:application_decide", args=["silk", application.pk]),
        {"outcome": "reject", "decided_on": "2024-10-18"},
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert not Membership.objects.filter(institution__code="dunhuang").exists()


def test_the_form_reports_bad_values_in_the_readers_language(client, life):
    response = client.post(
        url_in("ru", "web:application_create", "silk"),
        application_post(country="", contact_email="nope", institution_code="Bad Code"),
    )
    assert response.status_code == 200
    assert not MembershipApplication.objects.exists()
    assert response.content.decode().count('class="field-errors"') == 3


def test_members_staff_cannot_decide(client, life, make_user):
    client.post(reverse("web:application_create", args=["silk"]), application_post())
    application = MembershipApplication.objects.get()
    client.force_login(make_user("hermitage", institution=life["hermitage"]))
    assert client.get(reverse("web:application_list", args=["silk"])).status_code == 403
    response = client.post(
        reverse("web:application_decide", args=["silk", application.pk]),
        {"outcome": "accept", "decided_on": "2024-10-18"},
    )
    assert response.status_code == 403
    assert not Membership.objects.filter(institution__code="dunhuang").exists()


def test_a_private_agreement_is_shown_to_its_parties_only(client, life, make_user):
    url = reverse("web:agreement_detail", args=["mou-private"])
    assert client.get(url).status_code == 404
    assert "mou-private" not in client.get(reverse("web:agreement_list")).content.decode()
    client.force_login(make_user("hermitage", institution=life["hermitage"]))
    assert client.get(url).status_code == 404
    client.force_login(make_user("yerevan", institution=life["yerevan"]))
    assert client.get(url).status_code == 200
    assert "mou-private" in client.get(reverse("web:agreement_list")).content.decode()


def test_a_members_only_resource_is_refused_to_a_non_member_and_counted_for_a_member(
    client, life, make_user
):
    url = reverse("web:resource_download", args=["res-members"])
    assert client.get(url).status_code == 403
    client.force_login(make_user("yerevan", institution=life["yerevan"]))
    assert client.get(url).status_code == 403
    assert not ResourceDownload.objects.exists()
    client.force_login(make_user("hermitage", institution=life["hermitage"]))
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == "https://example.org/film.mp4"
    assert ResourceDownload.objects.filter(institution=life["hermitage"]).count() == 1
    assert "1 download ·" in client.get(reverse("web:resource_list")).content.decode()


def test_an_on_request_resource_can_be_asked_for_and_granted(client, life, make_user):
    client.force_login(make_user("louvre", institution=life["outsider"]))
    client.post(
        reverse("web:resource_request", args=["res-on-request"]),
        {"message__tag": ["fr"], "message__text": ["Merci"]},
    )
    client.force_login(make_user("palace", institution=life["palace"]))
    page = client.get(reverse("web:resource_detail", args=["res-on-request"])).content.decode()
    assert "Merci" in page
    request_pk = re.search(r"/requests/(\d+)/", page).group(1)
    client.post(
        reverse("web:resource_request_answer", args=["res-on-request", request_pk]),
        {"answer": "grant"},
    )
    client.force_login(make_user("louvre2", institution=life["outsider"]))
    assert client.get(reverse("web:resource_download", args=["res-on-request"])).status_code == 302


def test_the_event_page_reads_like_the_record_of_the_meeting(client, life):
    page = client.get(url_in("zh-hans", "web:event_detail", "conf-2024")).content.decode()
    assert "李文博士" in page
    assert "我们宣布。" in page
    assert "Declaration" in page


def test_lists_search_across_languages(client, life):
    page = client.get(reverse("web:programme_list"), {"q": "文物保护"}).content.decode()
    assert "training-2024" in page
    assert (
        "training-2024"
        not in client.get(reverse("web:programme_list"), {"q": "zzz"}).content.decode()
    )
    assert "conf-2024" in client.get(reverse("web:event_list"), {"q": "المؤتمر"}).content.decode()


def test_untrusted_text_is_escaped(client, life):
    from caravan.cooperation.models import SharedResource

    SharedResource.objects.filter(code="res-public").update(
        titles={"en": "<script>alert(1)</script>"}
    )
    for url in (reverse("web:resource_list"), reverse("web:resource_detail", args=["res-public"])):
        content = client.get(url).content.decode()
        assert "<script>alert(1)" not in content
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_the_alliance_page_counts_international_and_domestic_members(client, life):
    page = client.get(reverse("web:alliance_detail", args=["silk"])).content.decode()
    assert "2 members: 1 international, 1 domestic" in page
    assert "Convener:" in page


def test_an_institution_sees_its_history_of_exchanges(client, life):
    page = client.get(reverse("web:institution_detail", args=["hermitage"])).content.decode()
    assert "Conservation training" in page and "Sending institution" in page
