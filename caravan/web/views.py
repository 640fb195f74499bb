"""Public pages. Views are thin: they ask selectors and render templates."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from caravan.accounts.permissions import can_manage_alliance
from caravan.catalogue import selectors as catalogue
from caravan.catalogue.models import TermField
from caravan.cooperation import selectors as cooperation
from caravan.institutions import selectors as institutions
from caravan.institutions.models import Alliance, Institution

RECENT_OBJECTS_ON_HOME = 10


def health(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitors: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": connection.vendor})


def home(request: HttpRequest) -> HttpResponse:
    alliances = list(institutions.alliances_with_member_counts())
    counts = catalogue.object_counts_by_institution(request.user)
    members = list(institutions.institutions_with_alliances())
    context = {
        "alliances": alliances,
        "institutions": members,
        "object_counts": counts,
        "object_total": sum(counts.values()),
        "country_total": len({institution.country for institution in members}),
        "recent_objects": catalogue.object_showcase(
            user=request.user, limit=RECENT_OBJECTS_ON_HOME
        ),
    }
    return render(request, "web/home.html", context)


def object_list(request: HttpRequest) -> HttpResponse:
    institution_code = request.GET.get("institution", "")
    objects = catalogue.object_list(user=request.user, institution_code=institution_code or None)
    page = Paginator(objects, settings.CARAVAN_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "institution": Institution.objects.filter(code=institution_code).first(),
        "institutions": Institution.objects.order_by("code"),
        "object_counts": catalogue.object_counts_by_institution(request.user),
    }
    template = (
        "web/_object_grid.html" if request.headers.get("HX-Request") else "web/object_list.html"
    )
    return render(request, template, context)


def object_detail(request: HttpRequest, pk: int) -> HttpResponse:
    obj = catalogue.object_detail(user=request.user, pk=pk)
    if obj is None:
        raise Http404("No such object, or it is not public.")
    terms = {field: [t for t in obj.terms.all() if t.field == field] for field in TermField}
    context = {
        "object": obj,
        "term_groups": [(field.label, terms[field]) for field in TermField if terms[field]],
        "makers": [agent for agent in obj.agents.all() if agent.kind != "culture"],
        "cultures": [agent for agent in obj.agents.all() if agent.kind == "culture"],
        "media": list(obj.media.all()),
    }
    return render(request, "web/object_detail.html", context)


def institution_list(request: HttpRequest) -> HttpResponse:
    context = {
        "institutions": institutions.institutions_with_alliances(),
        "object_counts": catalogue.object_counts_by_institution(request.user),
    }
    return render(request, "web/institution_list.html", context)


def institution_detail(request: HttpRequest, code: str) -> HttpResponse:
    institution = get_object_or_404(Institution, code=code)
    objects = catalogue.object_list(user=request.user, institution_code=code)
    context = {
        "institution": institution,
        "memberships": institutions.institution_alliances(institution),
        "object_total": objects.count(),
        "objects": objects[:RECENT_OBJECTS_ON_HOME],
        "programmes": cooperation.institution_programmes(institution),
        "agreements": cooperation.agreement_list(user=request.user, institution=institution),
        "resources": institution.resources_offered.order_by("kind", "code"),
    }
    return render(request, "web/institution_detail.html", context)


def alliance_detail(request: HttpRequest, code: str) -> HttpResponse:
    alliance = get_object_or_404(Alliance.objects.select_related("secretariat"), code=code)
    context = {
        "alliance": alliance,
        "members": institutions.alliance_members(alliance),
        "counts": institutions.alliance_member_counts(alliance),
        "object_counts": catalogue.object_counts_by_institution(request.user),
        "convener": institutions.convener_on(alliance, timezone.localdate()),
        "may_manage": can_manage_alliance(request.user, alliance),
    }
    return render(request, "web/alliance_detail.html", context)
