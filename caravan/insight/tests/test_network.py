"""The cooperation network against direct queries on a small world (see fixtures/network/world.py).

Every figure of the network — counts per kind, weights, isolates, suggestions — is checked
against a query written here directly on the ORM, for readers with different permissions.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from itertools import combinations
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db.models import Q

from caravan.cooperation.models import Agreement, Programme
from caravan.cooperation.selectors import agreements_visible_to
from caravan.exhibitions.models import Exhibition, LoanRequest
from caravan.exhibitions.selectors import exhibitions_visible_to, loans_visible_to
from caravan.insight.network.graph import Edge, NetworkFilters, decayed
from caravan.insight.network.links import Kind
from caravan.insight.network.selectors import Network, cooperation_network
from caravan.insight.tests.fixtures.network import world as network_world
from caravan.institutions.models import Institution

TODAY = datetime.date(2025, 6, 1)
ANONYMOUS = AnonymousUser()


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    cache.clear()  # rolled-back tests reuse ids: never let one test read another's network


@pytest.fixture
def world(alliance_world, agreements, make_institution, make_object):
    return network_world.build(alliance_world, agreements, make_institution, make_object)


@pytest.fixture
def readers(world, make_user):
    return {
        "anonymous": ANONYMOUS,
        "secretariat": make_user("sec", is_secretariat=True),
        "palace": make_user("palace-staff", institution=world["palace"]),
        "hermitage": make_user("hermitage-staff", institution=world["hermitage"]),
    }


# --- Direct queries -------------------------------------------------------------------------------


def _both(rows: Any, a: Institution, b: Institution, field: str) -> Any:
    return rows.filter(**{field: a}).filter(**{field: b})


def direct_records(user: Any, a: Institution, b: Institution) -> dict[str, list[datetime.date]]:
    """The dates of every record of each kind that ties a and b, queried directly."""
    agreements = _both(agreements_visible_to(user), a, b, "parties__institution").distinct()
    loans = (
        loans_visible_to(user)
        .filter(Q(lender=a, borrower=b) | Q(lender=b, borrower=a))
        .filter(submitted_at__isnull=False)
        .exclude(status__in=["draft", "declined", "cancelled"])
    )
    exhibitions = exhibitions_visible_to(user).exclude(status="cancelled")
    involved_a = Q(lead_organiser=a) | Q(co_organisers=a) | Q(venues__institution=a)
    involved_b = Q(lead_organiser=b) | Q(co_organisers=b) | Q(venues__institution=b)
    shows = Exhibition.objects.filter(pk__in=exhibitions.filter(involved_a).values("pk")).filter(
        pk__in=exhibitions.filter(involved_b).values("pk")
    )
    programmes = Programme.objects.filter(Q(host=a, sending=b) | Q(host=b, sending=a)).distinct()
    return {
        Kind.AGREEMENT: [x.signed_on or x.created_at.date() for x in agreements],
        Kind.LOAN: [loan.submitted_at.date() for loan in loans],
        Kind.EXHIBITION: [
            min((v.opens_on for v in show.venues.all()), default=show.created_at.date())
            for show in shows
        ],
        Kind.PROGRAMME: [p.starts_on for p in programmes],
    }


def _edge(network: Network, a: Institution, b: Institution) -> Edge | None:
    pair = tuple(sorted((a.pk, b.pk)))
    return next((e for e in network.edges if (e.a, e.b) == pair), None)


def _codes(network: Network, ids: Iterable[int]) -> set[str]:
    return {network.by_id[pk].code for pk in ids}


# --- Counts, weights, isolates against direct queries -------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("reader", ["anonymous", "secretariat", "palace", "hermitage"])
def test_every_edge_and_weight_matches_a_direct_query(world, readers, reader):
    user = readers[reader]
    network = cooperation_network(user=user, today=TODAY)
    institutions = list(Institution.objects.order_by("code"))
    assert [n.code for n in network.nodes] == [i.code for i in institutions]
    for a, b in combinations(institutions, 2):
        records = direct_records(user, a, b)
        counts = {kind: len(dates) for kind, dates in records.items() if dates}
        edge = _edge(network, a, b)
        if not counts:
            assert edge is None, (a.code, b.code)
            continue
        assert edge is not None, (a.code, b.code)
        assert edge.counts == counts, (reader, a.code, b.code)
        dates = [d for ds in records.values() for d in ds]
        assert edge.last == max(dates)
        expected = sum(0.5 ** (max(0, (TODAY - d).days) / 365.25 / 3) for d in dates)
        assert edge.weight == pytest.approx(expected)


@pytest.mark.django_db
def test_the_public_network_in_figures(world):
    network = cooperation_network(user=ANONYMOUS, today=TODAY)
    w = world
    palace_hermitage = _edge(network, w["palace"], w["hermitage"])
    assert palace_hermitage.counts == {"agreement": 1, "programme": 1, "exhibition": 1}
    assert _edge(network, w["palace"], w["yerevan"]).counts == {"exhibition": 1}
    assert _edge(network, w["hermitage"], w["outsider"]).counts == {"programme": 1}
    assert len(network.edges) == 4
    assert _codes(network, [n.id for n in network.isolates]) == {"tate"}
    palace = network.by_id[w["palace"].pk].metrics
    assert (palace.degree, palace.counts) == (2, {"agreement": 1, "programme": 1, "exhibition": 2})
    assert palace.weighted_degree == pytest.approx(
        palace_hermitage.weight + _edge(network, w["palace"], w["yerevan"]).weight
    )
    # Hermitage lies on the only path between louvre and the others: the broker.
    hermitage = network.by_id[w["hermitage"].pk].metrics
    assert hermitage.betweenness == max(n.metrics.betweenness for n in network.nodes)
    assert network.groups == 1
    assert network.by_id[w["tate"].pk].metrics.group == 0


@pytest.mark.django_db
def test_isolates_are_exactly_the_members_without_any_visible_record(world, readers):
    for user in readers.values():
        network = cooperation_network(user=user, today=TODAY)
        others = list(Institution.objects.all())
        expected = {
            a.code
            for a in others
            if not any(any(direct_records(user, a, b).values()) for b in others if b.pk != a.pk)
        }
        assert {n.code for n in network.isolates} == expected


def test_decay_halves_every_half_life():
    today = datetime.date(2030, 1, 1)
    assert decayed(today, today=today, half_life_years=3) == 1.0
    assert decayed(datetime.date(2031, 1, 1), today=today, half_life_years=3) == 1.0  # future
    three_years = today - datetime.timedelta(days=round(3 * 365.25))
    assert decayed(three_years, today=today, half_life_years=3) == pytest.approx(0.5, abs=1e-3)


# --- Permissions --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_members_only_and_private_agreements_are_not_counted_for_the_public(world, readers):
    w = world
    anonymous = cooperation_network(user=ANONYMOUS, today=TODAY)
    palace_staff = cooperation_network(user=readers["palace"], today=TODAY)
    hermitage_staff = cooperation_network(user=readers["hermitage"], today=TODAY)
    assert _edge(anonymous, w["palace"], w["hermitage"]).counts["agreement"] == 1
    assert _edge(palace_staff, w["palace"], w["hermitage"]).counts["agreement"] == 2
    # The private MoU: palace is a party, hermitage is not.
    assert "agreement" not in _edge(anonymous, w["palace"], w["yerevan"]).counts
    assert _edge(palace_staff, w["palace"], w["yerevan"]).counts["agreement"] == 1
    assert "agreement" not in _edge(hermitage_staff, w["palace"], w["yerevan"]).counts
    # Loans are seen by their two sides only; a planned show by its organisers.
    assert "loan" not in _edge(anonymous, w["palace"], w["yerevan"]).counts
    assert _edge(palace_staff, w["palace"], w["yerevan"]).counts["loan"] == 1
    assert "exhibition" not in _edge(anonymous, w["hermitage"], w["outsider"]).counts
    assert _edge(hermitage_staff, w["hermitage"], w["outsider"]).counts["exhibition"] == 1


@pytest.mark.django_db
def test_an_alliance_party_is_represented_by_its_secretariat(world, readers):
    w = world
    w["river"].secretariat = w["hermitage"]
    w["river"].save()
    network = cooperation_network(user=readers["secretariat"], today=TODAY)
    # The private MoU of palace, matenadaran and the river alliance now ties hermitage too.
    assert _edge(network, w["hermitage"], w["yerevan"]).counts["agreement"] == 1
    assert _edge(network, w["palace"], w["hermitage"]).counts["agreement"] == 3


# --- Filters and scopes -------------------------------------------------------------------------


@pytest.mark.django_db
def test_kind_and_year_filters(world, readers):
    w = world
    loans_only = cooperation_network(
        user=readers["secretariat"], today=TODAY, filters=NetworkFilters(kinds=frozenset({"loan"}))
    )
    assert [(e.a, e.b, e.counts) for e in loans_only.edges] == [
        (*sorted((w["palace"].pk, w["yerevan"].pk)), {"loan": 1})
    ]
    recent = cooperation_network(
        user=ANONYMOUS, today=TODAY, filters=NetworkFilters(year_from=2024, year_to=2024)
    )
    assert [e.counts for e in recent.edges] == [{"agreement": 1, "programme": 1}]
    assert _codes(recent, [n.id for n in recent.isolates]) == {
        "louvre",
        "matenadaran",
        "tate",
    }


@pytest.mark.django_db
def test_an_alliance_network_holds_its_members_on_a_day(world):
    w = world
    silk = cooperation_network(user=ANONYMOUS, alliance=w["silk"], today=TODAY)
    assert [n.code for n in silk.nodes] == ["hermitage", "palace", "tate"]
    assert [(silk.by_id[e.a].code, silk.by_id[e.b].code) for e in silk.edges] == [
        ("palace", "hermitage")
    ] or [(silk.by_id[e.b].code, silk.by_id[e.a].code) for e in silk.edges] == [
        ("palace", "hermitage")
    ]
    before_tate = cooperation_network(
        user=ANONYMOUS, alliance=w["silk"], on=datetime.date(2020, 6, 1), today=TODAY
    )
    assert [n.code for n in before_tate.nodes] == ["hermitage", "palace"]


# --- Suggested partners -------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("reader", ["anonymous", "secretariat", "palace"])
def test_suggested_partners_have_never_cooperated(world, readers, reader):
    user = readers[reader]
    network = cooperation_network(user=user, today=TODAY)
    assert network.suggestions
    for suggestion in network.suggestions:
        a = Institution.objects.get(pk=suggestion.a)
        b = Institution.objects.get(pk=suggestion.b)
        assert not any(direct_records(user, a, b).values())


@pytest.mark.django_db
def test_a_suggestion_says_what_both_hold_and_what_each_lacks(world):
    from caravan.insight.network.present import suggestion_reasons

    network = cooperation_network(user=ANONYMOUS, today=TODAY)
    (suggestion,) = network.suggestions  # only palace and tate have comparable collections
    assert _codes(network, [suggestion.a, suggestion.b]) == {"palace", "tate"}
    assert 0 < suggestion.score <= 100
    reasons = suggestion_reasons(network, suggestion, "en")
    assert reasons[0] == "Both hold ceramics; objects of 701–800."
    assert "Palace Museum has bronze; objects of 300 BCE–201 BCE, which Tate lacks." in reasons
    assert "Tate has textiles; objects of 1801–1900, which Palace Museum lacks." in reasons
    assert suggestion_reasons(network, suggestion, "zh-hans")[0].startswith("Both hold 陶瓷")


@pytest.mark.django_db
def test_suggestions_count_only_objects_the_reader_may_see(world, make_object):
    from caravan.insight.network.partners import collection_profiles

    w = world
    make_object(
        w["tate"],
        "tate-secret",
        visibility="private",
        object_types=[{"text": "bronze", "lang": "en", "concept": network_world.BRONZE}],
    )
    profiles, _features = collection_profiles(ANONYMOUS, [w["tate"].pk])
    assert profiles[w["tate"].pk].objects == 3  # not the private one
    assert not any("300010957" in key for key in _features)


# --- Cache and task -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_network_is_cached_until_its_data_changes(world, django_assert_max_num_queries):
    from caravan.cooperation.services import Party, agreement_create

    w = world
    first = cooperation_network(user=ANONYMOUS, today=TODAY)
    again = cooperation_network(user=ANONYMOUS, today=TODAY)
    assert again.edges == first.edges and again.suggestions == first.suggestions
    agreement_create(
        code="mou-tate",
        kind="mou",
        titles={"en": "Tate and palace"},
        parties=[Party(w["tate"]), Party(w["palace"])],
        visibility="public",
        signed_on=datetime.date(2025, 1, 1),
        actor=None,
    )
    changed = cooperation_network(user=ANONYMOUS, today=TODAY)
    assert _edge(changed, w["tate"], w["palace"]).counts == {"agreement": 1}
    assert not changed.isolates
    assert not any({s.a, s.b} == {w["tate"].pk, w["palace"].pk} for s in changed.suggestions)
    assert Agreement.objects.filter(code="mou-tate").exists()


@pytest.mark.django_db
def test_the_warming_task_fills_the_cache(world):
    from caravan.insight.network.selectors import CACHE_VERSION
    from caravan.insight.network.tasks import network_warm_task

    assert network_warm_task.call([world["silk"].pk, world["river"].pk]) == 3
    assert len([k for k in cache._cache if CACHE_VERSION in k]) == 3  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_the_layout_is_deterministic_and_inside_the_drawing(world):
    one = cooperation_network(user=ANONYMOUS, today=TODAY)
    cache.clear()
    two = cooperation_network(user=ANONYMOUS, today=TODAY)
    assert [(n.metrics.x, n.metrics.y) for n in one.nodes] == [
        (n.metrics.x, n.metrics.y) for n in two.nodes
    ]
    for node in one.nodes:
        assert 0 < node.metrics.x < 960 and 0 < node.metrics.y < one.height


@pytest.mark.django_db
def test_loans_ignore_drafts_and_refusals(world, readers):
    w = world
    assert LoanRequest.objects.filter(exhibition=w["exhibitions"]["open"]).count() == 3
    network = cooperation_network(user=readers["secretariat"], today=TODAY)
    loans = {(e.a, e.b): e.counts["loan"] for e in network.edges if "loan" in e.counts}
    assert loans == {tuple(sorted((w["palace"].pk, w["yerevan"].pk))): 1}
