"""The shared resource library: who may download, requests, and the sharing ledger."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from caravan.audit.selectors import audit_trail
from caravan.cooperation.models import ResourceDownload
from caravan.cooperation.selectors import resource_access, resource_list, sharing_ledger
from caravan.cooperation.services import (
    resource_download_record,
    resource_request_create,
    resource_request_decide,
)

pytestmark = pytest.mark.django_db


def test_a_members_only_resource_is_refused_to_a_non_member_and_counted_for_a_member(
    alliance_world, resources, make_user
):
    resource = resources["members"]
    yerevan = make_user("yerevan", institution=alliance_world["yerevan"])  # not in silk
    with pytest.raises(PermissionDenied):
        resource_download_record(resource=resource, actor=yerevan)
    with pytest.raises(PermissionDenied):
        resource_download_record(resource=resource, actor=AnonymousUser())
    assert not ResourceDownload.objects.exists()

    hermitage = make_user("hermitage", institution=alliance_world["hermitage"])  # in silk
    resource_download_record(resource=resource, actor=hermitage)
    resource_download_record(resource=resource, actor=hermitage)
    listed = resource_list().get(code="res-members")
    assert listed.download_count == 2  # type: ignore[attr-defined]
    assert ResourceDownload.objects.filter(institution=alliance_world["hermitage"]).count() == 2


def test_public_resources_are_for_everyone(resources):
    assert resource_access(AnonymousUser(), resources["public"]).may_download
    download = resource_download_record(resource=resources["public"], actor=AnonymousUser())
    assert download.institution is None


def test_an_on_request_resource_needs_a_granted_request(alliance_world, resources, make_user):
    resource = resources["on-request"]
    louvre = make_user("louvre", institution=alliance_world["outsider"])
    palace = make_user("palace", institution=alliance_world["palace"])
    assert resource_access(louvre, resource).may_request
    request = resource_request_create(resource=resource, actor=louvre, message={"fr": "Merci"})
    assert resource_access(louvre, resource).pending_request
    with pytest.raises(ValidationError, match="already waiting"):
        resource_request_create(resource=resource, actor=louvre)
    with pytest.raises(PermissionDenied):
        resource_request_decide(request=request, grant=True, actor=louvre)
    resource_request_decide(request=request, grant=True, actor=palace)
    assert resource_access(louvre, resource).may_download
    assert [e.action for e in audit_trail(request)] == [
        "resource.request",
        "resource.request_granted",
    ]


def test_the_ledger_counts_what_each_member_gives_and_receives(
    alliance_world, resources, make_user
):
    hermitage = make_user("hermitage", institution=alliance_world["hermitage"])
    palace = make_user("palace", institution=alliance_world["palace"])
    resource_download_record(resource=resources["members"], actor=hermitage)
    resource_download_record(resource=resources["public"], actor=hermitage)
    resource_download_record(resource=resources["public"], actor=palace)  # its own: not counted
    lines = {line.institution.code: line for line in sharing_ledger()}
    assert (lines["palace"].offered, lines["palace"].downloads_given) == (3, 2)
    assert (lines["hermitage"].downloads_taken, lines["hermitage"].balance) == (2, -2)


def test_resources_are_searchable_across_languages(resources):
    assert [r.code for r in resource_list(query="Фильм members")] == ["res-members"]
    assert resource_list(access="on-request").count() == 1
