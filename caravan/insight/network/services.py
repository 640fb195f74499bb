"""Warming the network cache, so the first reader after a change does not wait for it."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser

from caravan.insight.network.selectors import cooperation_network
from caravan.institutions.models import Alliance


def network_warm(*, alliance_ids: Iterable[int] = (), platform: bool = True) -> int:
    """Compute (and so cache) the public networks: the platform's and the given alliances'.

    Only the anonymous reader's view is warmed: it is the one most readers see, and warming a
    signed-in reader's view would compute records on behalf of someone who did not ask.
    Returns how many networks were computed or found in the cache.
    """
    reader = AnonymousUser()
    done = 0
    if platform:
        cooperation_network(user=reader)
        done += 1
    for alliance in Alliance.objects.filter(pk__in=list(alliance_ids)).order_by("code"):
        cooperation_network(user=reader, alliance=alliance)
        done += 1
    return done
