import pytest
from django.contrib.auth.models import AnonymousUser

from caravan.catalogue.selectors import objects_visible_to

pytestmark = pytest.mark.django_db


def visible(user):
    return set(objects_visible_to(user).values_list("local_id", flat=True))


def test_anonymous_readers_see_only_public_objects(alliance_world):
    assert visible(AnonymousUser()) == {
        "palace-public",
        "hermitage-public",
        "matenadaran-public",
        "louvre-public",
    }


def test_members_see_their_alliance_partners_members_only_objects(alliance_world, make_user):
    palace_staff = make_user("li", institution=alliance_world["palace"])
    seen = visible(palace_staff)
    assert {"palace-members", "palace-private", "hermitage-members"} <= seen
    # matenadaran shares an alliance with hermitage, not with palace
    assert "matenadaran-members" not in seen
    assert not any(item.endswith("private") and not item.startswith("palace") for item in seen)


def test_an_institution_in_two_alliances_sees_both_sets_of_partners(alliance_world, make_user):
    hermitage_staff = make_user("olga", institution=alliance_world["hermitage"])
    seen = visible(hermitage_staff)
    assert {"palace-members", "matenadaran-members"} <= seen
    assert "louvre-members" not in seen


def test_secretariat_sees_everything(alliance_world, make_user):
    officer = make_user("sec", is_secretariat=True)
    assert len(visible(officer)) == 12


def test_a_withdrawn_member_loses_access(alliance_world, make_user):
    from caravan.institutions.services import membership_end

    membership_end(membership=alliance_world["palace"].memberships.get())
    palace_staff = make_user("li", institution=alliance_world["palace"])
    assert "hermitage-members" not in visible(palace_staff)


def test_lists_put_objects_with_images_first(make_institution, make_object):
    from caravan.catalogue.selectors import object_list

    museum = make_institution("tate", country="GB")
    make_object(museum, "no-image")
    make_object(museum, "with-image", media=[{"image_url": "https://example.org/a.jpg"}])
    make_object(museum, "newest-no-image")
    listed = [obj.local_id for obj in object_list(user=AnonymousUser())]
    assert listed == ["with-image", "newest-no-image", "no-image"]
