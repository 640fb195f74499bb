"""An application goes from the form to a membership, or to a refusal that leaves none."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile

from caravan.audit.selectors import audit_trail
from caravan.institutions.models import (
    ApplicationStatus,
    DecisionKind,
    Institution,
    Membership,
    MembershipStatus,
)
from caravan.institutions.services import (
    SupportingDocument,
    application_accept,
    application_reject,
    application_review,
    application_submit,
    council_decision_record,
)

pytestmark = pytest.mark.django_db

COUNCIL_DAY = datetime.date(2024, 10, 18)


@pytest.fixture
def secretary(make_user):
    return make_user("secretary", is_secretariat=True)


def submit(alliance, **overrides):
    values = {
        "alliance": alliance,
        "institution_code": "dunhuang",
        "institution_names": {"zh-Hans": "敦煌研究院", "en": "Dunhuang Academy"},
        "country": "CN",
        "institution_type": "archaeology",
        "contact_name": "Wang Li",
        "contact_email": "wang@example.org",
        "motivation": {"zh-Hans": "希望参与丝路文物数字共享。"},
        "actor": AnonymousUser(),
    }
    return application_submit(**(values | overrides))


def decide(alliance, kind, actor):
    return council_decision_record(
        alliance=alliance,
        kind=kind,
        decided_on=COUNCIL_DAY,
        text={"en": "The council admits the applicant."},
        meeting={"en": "Council meeting, annual conference"},
        votes_for=14,
        votes_against=0,
        abstentions=1,
        actor=actor,
    )


def test_an_application_goes_from_form_to_membership(alliance_world, secretary):
    silk = alliance_world["silk"]
    application = submit(
        silk,
        documents=[SupportingDocument({"en": "Statutes"}, ContentFile(b"%PDF-1", name="s.pdf"))],
    )
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.documents.count() == 1
    assert not Institution.objects.filter(code="dunhuang").exists()

    application_review(
        application=application, note={"en": "Eligible; recommended."}, actor=secretary
    )
    decision = decide(silk, DecisionKind.ADMISSION, secretary)
    membership = application_accept(application=application, decision=decision, actor=secretary)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    assert application.membership == membership
    assert membership.institution.code == "dunhuang"
    assert membership.institution.names["zh-Hans"] == "敦煌研究院"
    assert (membership.status, membership.start_date, membership.end_date) == (
        MembershipStatus.MEMBER,
        COUNCIL_DAY,
        None,
    )
    assert [entry.action for entry in audit_trail(application)] == [
        "application.submit",
        "application.review",
        "application.accept",
    ]
    assert audit_trail(application).last().actor == secretary


def test_a_rejected_application_leaves_no_membership(alliance_world, secretary):
    silk = alliance_world["silk"]
    application = submit(silk)
    before = Membership.objects.count()
    decision = decide(silk, DecisionKind.REJECTION, secretary)
    application_reject(application=application, decision=decision, actor=secretary)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert application.membership is None
    assert Membership.objects.count() == before
    assert not Institution.objects.filter(code="dunhuang").exists()
    with pytest.raises(ValidationError, match="already been decided"):
        application_accept(application=application, decision=decision, actor=secretary)


def test_an_applicant_period_becomes_membership_and_history_is_kept(alliance_world, secretary):
    silk, louvre = alliance_world["silk"], alliance_world["outsider"]
    from caravan.institutions.services import membership_add

    membership_add(
        institution=louvre, alliance=silk, status="applicant", start_date=datetime.date(2024, 2, 1)
    )
    application = submit(
        silk, institution_code="louvre", institution_names={"fr": "Musée du Louvre"}
    )
    assert application.institution == louvre
    membership = application_accept(
        application=application, decision=decide(silk, "admission", secretary), actor=secretary
    )
    periods = list(Membership.objects.filter(institution=louvre, alliance=silk).order_by("id"))
    assert [(p.status, p.end_date) for p in periods] == [
        ("applicant", COUNCIL_DAY),
        ("member", None),
    ]
    assert membership == periods[-1]


def test_current_members_and_duplicate_applications_are_refused(alliance_world):
    silk = alliance_world["silk"]
    with pytest.raises(ValidationError, match="already a member"):
        submit(silk, institution_code="palace")
    submit(silk)
    with pytest.raises(ValidationError, match="already open"):
        submit(silk)


def test_only_the_secretariat_decides(alliance_world, make_user, secretary):
    silk = alliance_world["silk"]
    application = submit(silk)
    member_staff = make_user("editor", institution=alliance_world["hermitage"])
    with pytest.raises(PermissionDenied):
        decide(silk, DecisionKind.ADMISSION, member_staff)
    with pytest.raises(PermissionDenied):
        application_review(application=application, note={}, actor=AnonymousUser())
    # staff of the alliance's own secretariat institution may
    silk.secretariat = alliance_world["palace"]
    silk.save()
    palace_staff = make_user("palace-staff", institution=alliance_world["palace"])
    decision = decide(silk, DecisionKind.ADMISSION, palace_staff)
    assert application_accept(application=application, decision=decision, actor=palace_staff)


def test_bad_form_values_are_refused_and_nothing_is_written(alliance_world):
    from caravan.institutions.models import MembershipApplication

    bad: dict[str, object]
    for bad in (
        {"country": "XX"},
        {"institution_names": {}},
        {"contact_email": "not-an-address"},
        {"institution_code": "Not A Code"},
    ):
        with pytest.raises(ValidationError):
            submit(alliance_world["silk"], **bad)
    assert not MembershipApplication.objects.exists()
