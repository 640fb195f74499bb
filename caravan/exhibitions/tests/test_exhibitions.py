"""Exhibition projects: the itinerary's date checks, the status workflow, who sees what, and a
checklist that never holds (or shows) an object its reader may not see."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from caravan.audit.selectors import audit_trail
from caravan.catalogue.models import CatalogueObject
from caravan.exhibitions.errors import IllegalTransition, RequirementMissing
from caravan.exhibitions.models import ChecklistItem, Exhibition, Venue
from caravan.exhibitions.selectors import (
    exhibition_checklist,
    exhibition_detail,
    exhibition_itinerary,
    exhibition_list,
    exhibitions_visible_to,
)
from caravan.exhibitions.services import (
    checklist_item_add,
    checklist_item_remove,
    checklist_item_update,
    checklist_reorder,
    exhibition_create,
    exhibition_status_change,
    exhibition_update,
    facility_report_submit,
    loan_transition,
    venue_add,
    venue_attendance_record,
    venue_remove,
    venue_update,
)

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def codes(exhibitions):
    return sorted(exhibition.code for exhibition in exhibitions)


def test_only_the_lead_organisers_staff_or_the_secretariat_start_an_exhibition(
    alliance_world, people
):
    with pytest.raises(PermissionDenied):
        exhibition_create(
            code="not-ours",
            titles={"en": "Theirs"},
            lead_organiser=alliance_world["palace"],
            actor=people.hermitage,
        )
    with pytest.raises(ValidationError, match="a title"):
        exhibition_create(
            code="no-title",
            titles={"en": "  "},
            lead_organiser=alliance_world["palace"],
            actor=people.curator,
        )
    made = exhibition_create(
        code="by-secretariat",
        titles="Untagged title",
        lead_organiser=alliance_world["palace"],
        co_organisers=[alliance_world["hermitage"]],
        actor=people.secretary,
    )
    assert made.status == "idea" and made.titles == {"und": "Untagged title"}
    assert [e.action for e in audit_trail(made)] == ["exhibition.create"]


def test_venues_follow_each_other_without_overlapping(show, people, alliance_world, today):
    itinerary = exhibition_itinerary(show)
    assert itinerary == [show.venue_home, show.venue_away]
    # a venue at an institution takes its city and country
    assert (show.venue_away.country, show.venue_away.city) == ("RU", {})
    with pytest.raises(ValidationError, match="close before it opens"):
        venue_add(
            exhibition=show,
            place_name={"en": "Dunhuang"},
            country="CN",
            opens_on=today + 300 * DAY,
            closes_on=today + 299 * DAY,
            actor=people.curator,
        )
    with pytest.raises(ValidationError, match="overlap another venue") as clash:
        venue_add(
            exhibition=show,
            place_name={"en": "Dunhuang"},
            country="CN",
            opens_on=today + 80 * DAY,
            closes_on=today + 100 * DAY,
            actor=people.curator,
        )
    assert "Palace Museum" in str(clash.value)
    with pytest.raises(ValidationError, match="Name the institution or the place"):
        venue_add(
            exhibition=show,
            opens_on=today + 300 * DAY,
            closes_on=today + 330 * DAY,
            actor=people.curator,
        )
    with pytest.raises(ValidationError, match="overlap"):
        venue_update(venue=show.venue_away, opens_on=today + 60 * DAY, actor=people.curator)
    assert Venue.objects.get(pk=show.venue_away.pk).opens_on == today + 110 * DAY
    third = venue_add(
        exhibition=show,
        place_name={"en": "Dunhuang Academy", "zh-Hans": "敦煌研究院"},
        city={"en": "Dunhuang"},
        country="CN",
        opens_on=today + 200 * DAY,
        closes_on=today + 260 * DAY,
        actor=people.curator,
    )
    assert exhibition_itinerary(show)[-1] == third
    venue_remove(venue=third, actor=people.curator)
    assert Venue.objects.filter(exhibition=show).count() == 2


def test_attendance_is_recorded_only_after_a_venue_closes(show, people, today):
    venue = show.venue_home
    with pytest.raises(ValidationError, match="after the venue closes"):
        venue_attendance_record(venue=venue, attendance=1200, actor=people.curator)
    with pytest.raises(ValidationError, match="after the venue closes"):
        venue_attendance_record(
            venue=venue, attendance=1200, actor=people.curator, today=venue.closes_on
        )
    venue_attendance_record(
        venue=venue, attendance=48_213, actor=people.curator, today=venue.closes_on + DAY
    )
    assert Venue.objects.get(pk=venue.pk).attendance == 48_213
    # the staff of the hosting institution may too; others may not
    venue_attendance_record(
        venue=show.venue_away,
        attendance=10,
        actor=people.hermitage,
        today=show.venue_away.closes_on + DAY,
    )
    with pytest.raises(PermissionDenied):
        venue_attendance_record(
            venue=venue, attendance=1, actor=people.louvre, today=venue.closes_on + DAY
        )


def test_the_status_moves_in_order_and_cancels_from_any_state_before_closed(
    alliance_world, people, today
):
    exhibition = exhibition_create(
        code="steps",
        titles={"en": "Steps"},
        lead_organiser=alliance_world["palace"],
        actor=people.curator,
    )
    with pytest.raises(IllegalTransition, match="is idea and cannot become open"):
        exhibition_status_change(exhibition=exhibition, to="open", actor=people.curator)
    exhibition_status_change(exhibition=exhibition, to="planning", actor=people.curator)
    with pytest.raises(RequirementMissing, match="no venue"):
        exhibition_status_change(exhibition=exhibition, to="confirmed", actor=people.curator)
    venue_add(
        exhibition=exhibition,
        institution=alliance_world["palace"],
        opens_on=today,
        closes_on=today + 10 * DAY,
        actor=people.curator,
    )
    for status in ("confirmed", "open", "closed"):
        exhibition_status_change(exhibition=exhibition, to=status, actor=people.curator)
    with pytest.raises(IllegalTransition, match="next: nothing"):
        exhibition_status_change(exhibition=exhibition, to="cancelled", actor=people.curator)
    with pytest.raises(ValidationError, match="no longer change"):
        venue_add(
            exhibition=exhibition,
            place_name={"en": "Later"},
            opens_on=today + 20 * DAY,
            closes_on=today + 30 * DAY,
            actor=people.curator,
        )
    opened = exhibition_create(
        code="opened",
        titles={"en": "Opened"},
        lead_organiser=alliance_world["palace"],
        actor=people.curator,
    )
    venue_add(
        exhibition=opened,
        institution=alliance_world["palace"],
        opens_on=today + 40 * DAY,
        closes_on=today + 50 * DAY,
        actor=people.curator,
    )
    for status in ("planning", "confirmed", "open", "cancelled"):
        exhibition_status_change(exhibition=opened, to=status, actor=people.curator)
    assert [e.action for e in audit_trail(opened)][-1] == "exhibition.cancelled"


def test_an_exhibition_is_public_once_open_and_seen_earlier_by_those_working_on_it(
    show, loans, people
):
    anonymous = AnonymousUser()
    assert codes(exhibitions_visible_to(anonymous)) == []
    assert codes(exhibitions_visible_to(people.curator)) == ["silk-roads"]
    assert codes(exhibitions_visible_to(people.palace_registrar)) == ["silk-roads"]
    assert codes(exhibitions_visible_to(people.secretary)) == ["silk-roads"]
    # a lender sees it once its loan is asked for, not while it is the borrower's draft
    assert codes(exhibitions_visible_to(people.hermitage)) == []
    loan_transition(loan=loans["hermitage"], to="requested", actor=people.curator)
    assert codes(exhibitions_visible_to(people.hermitage)) == ["silk-roads"]
    assert codes(exhibitions_visible_to(people.yerevan)) == []
    assert codes(exhibitions_visible_to(people.louvre)) == []
    for status in ("planning", "confirmed", "open"):
        exhibition_status_change(exhibition=show, to=status, actor=people.curator)
    assert codes(exhibitions_visible_to(anonymous)) == ["silk-roads"]
    assert codes(exhibitions_visible_to(people.louvre)) == ["silk-roads"]
    assert codes(exhibition_list(user=anonymous, query="丝绸")) == ["silk-roads"]
    assert codes(exhibition_list(user=anonymous, institution_code="hermitage")) == ["silk-roads"]
    assert codes(exhibition_list(user=anonymous, status="closed")) == []
    assert exhibition_detail(user=anonymous, code="silk-roads").venues.count() == 2


def test_a_curator_adds_only_objects_they_may_see(show, alliance_world, people):
    objects = alliance_world["objects"]
    with pytest.raises(PermissionDenied, match="may not see this object"):
        checklist_item_add(  # members-only, of an alliance the Palace Museum is not in
            exhibition=show, obj=objects[("matenadaran", "members")], actor=people.curator
        )
    with pytest.raises(PermissionDenied):
        checklist_item_add(
            exhibition=show, obj=objects[("hermitage", "private")], actor=people.curator
        )
    own_private = checklist_item_add(
        exhibition=show, obj=objects[("palace", "private")], actor=people.curator
    )
    assert own_private.position == 4  # last
    withdrawn = objects[("louvre", "public")]
    CatalogueObject.objects.filter(pk=withdrawn.pk).update(withdrawn_at=timezone.now())
    with pytest.raises(PermissionDenied):
        checklist_item_add(exhibition=show, obj=withdrawn, actor=people.curator)
    with pytest.raises(ValidationError, match="already on the checklist"):
        checklist_item_add(exhibition=show, obj=objects[("palace", "public")], actor=people.curator)
    with pytest.raises(PermissionDenied):
        checklist_item_add(exhibition=show, obj=objects[("louvre", "public")], actor=people.louvre)


def test_the_checklist_shows_each_reader_only_what_they_may_see(show, alliance_world, people):
    checklist_item_add(
        exhibition=show, obj=alliance_world["objects"][("palace", "private")], actor=people.curator
    )
    mine = exhibition_checklist(exhibition=show, user=people.curator)
    assert [item.catalogue_number for item in mine.items][:4] == [
        "Cat. 1",
        "Cat. 2",
        "Cat. 3",
        "Cat. 4",
    ]
    assert mine.hidden == 0
    public = exhibition_checklist(exhibition=show, user=AnonymousUser())
    assert sorted(item.object.local_id for item in public.items) == [
        "hermitage-public",
        "matenadaran-public",
        "palace-public",
    ]
    assert public.hidden == 2  # the members-only and the private object


def test_the_checklist_is_edited_reordered_and_pruned_by_its_curators(show, people):
    items = list(show.checklist.order_by("position"))
    updated = checklist_item_update(
        item=items[0],
        actor=people.curator,
        mount={"en": "Perspex cradle"},
        temperature_min_c="18",
        temperature_max_c="22",
    )
    assert updated.mount == {"en": "Perspex cradle"}
    with pytest.raises(ValidationError):
        checklist_item_update(
            item=items[0], actor=people.curator, humidity_min="60", humidity_max="40"
        )
    with pytest.raises(ValidationError, match="cannot be changed here"):
        checklist_item_update(item=items[0], actor=people.curator, object=items[1].object)
    with pytest.raises(PermissionDenied):
        checklist_item_update(item=items[0], actor=people.hermitage, label={"en": "Mine"})
    checklist_reorder(exhibition=show, item_ids=[items[3].pk, items[0].pk], actor=people.curator)
    assert [i.pk for i in show.checklist.order_by("position")] == [
        items[3].pk,
        items[0].pk,
        items[1].pk,
        items[2].pk,
    ]
    checklist_item_remove(item=items[0], actor=people.curator)
    assert not ChecklistItem.objects.filter(pk=items[0].pk).exists()


def test_an_object_asked_of_its_lender_stays_until_the_loan_is_withdrawn(show, loans, people):
    item = show.checklist.get(object__local_id="matenadaran-public")
    loan_transition(loan=loans["matenadaran"], to="requested", actor=people.curator)
    with pytest.raises(ValidationError, match="withdraw it first"):
        checklist_item_remove(item=item, actor=people.curator)
    loan_transition(loan=loans["matenadaran"], to="cancelled", actor=people.curator)
    checklist_item_remove(item=item, actor=people.curator)
    # the cancelled loan still says which object it was about
    assert loans["matenadaran"].loan_objects.get().object.local_id == "matenadaran-public"
    # an object of a draft simply leaves it
    draft_item = show.checklist.get(object__local_id="hermitage-members")
    checklist_item_remove(item=draft_item, actor=people.curator)
    assert [lo.object.local_id for lo in loans["hermitage"].loan_objects.all()] == [
        "hermitage-public"
    ]


def test_texts_change_but_not_the_code_or_status(show, people):
    exhibition_update(exhibition=show, theme={"en": "Exchange"}, actor=people.curator)
    assert Exhibition.objects.get(pk=show.pk).theme == {"en": "Exchange"}
    with pytest.raises(ValidationError, match="cannot be changed here"):
        exhibition_update(exhibition=show, status="open", actor=people.curator)
    with pytest.raises(PermissionDenied):
        exhibition_update(exhibition=show, theme={"en": "Ours"}, actor=people.hermitage)


def test_a_venue_files_its_facility_report(show, people):
    report = facility_report_submit(
        venue=show.venue_away,
        actor=people.hermitage,  # the venue's own staff
        guards_24h=True,
        fire_suppression="gas",
        temperature_min_c="19",
        temperature_max_c="21",
        humidity_min="45",
        humidity_max="55",
        light_max_lux=50,
        notes={"en": "Galleries 3 and 4."},
    )
    assert report.get_fire_suppression_display() == "Inert gas or clean agent"
    with pytest.raises(ValidationError):
        facility_report_submit(venue=show.venue_home, actor=people.curator, humidity_min="101")
    with pytest.raises(ValidationError):
        facility_report_submit(venue=show.venue_home, actor=people.curator, fire_suppression="sand")
    with pytest.raises(PermissionDenied):
        facility_report_submit(venue=show.venue_home, actor=people.louvre, cctv=True)
