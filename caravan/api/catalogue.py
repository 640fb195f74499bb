"""Institutions, alliances and memberships, catalogue objects, vocabularies and concepts.

Every read goes through the selectors the pages use, so what a page hides the API hides too.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Count, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from ninja import Router
from ninja.errors import HttpError
from ninja.pagination import paginate

from caravan.api.pagination import Paging
from caravan.api.routers import alliance_as_json
from caravan.api.schemas import (
    AllianceDetailOut,
    ConceptOut,
    ErrorOut,
    InstitutionOut,
    MembershipOut,
    ObjectOut,
    SchemeOut,
)
from caravan.api.search import PARAMETERS, SearchOut, search_catalogue
from caravan.catalogue import selectors as catalogue
from caravan.catalogue.models import CatalogueObject, Concept, ConceptScheme, ObjectTerm, TermField
from caravan.institutions import selectors as institutions
from caravan.institutions.models import Alliance, Institution, Membership

router = Router()

LINKED_ART_TYPES = ("application/ld+json", "application/activity+json")


def site_path(name: str, *args: Any) -> str:
    """A page's address without a language prefix: the reader's own language choice applies."""
    with translation.override(settings.LANGUAGE_CODE):
        return reverse(name, args=args)


# --------------------------------------------------------------------------------------------
# Institutions, alliances, memberships
# --------------------------------------------------------------------------------------------


@router.get("/institutions", response=list[InstitutionOut], tags=["institutions"])
def list_institutions(request: HttpRequest, country: str = "") -> list[dict[str, Any]]:
    """Member institutions, each with the alliances it now belongs to."""
    rows = institutions.institutions_with_alliances()
    if country:
        rows = rows.filter(country=country.upper())
    current = _current_alliance_codes()
    return [_institution(request, row, current.get(row.pk, [])) for row in rows]


@router.get(
    "/institutions/{code}",
    response={200: InstitutionOut, 404: ErrorOut},
    tags=["institutions"],
)
def get_institution(request: HttpRequest, code: str) -> dict[str, Any]:
    institution = Institution.objects.filter(code=code).first()
    if institution is None:
        raise HttpError(404, f"no institution '{code}'")
    return _institution(request, institution, _current_alliance_codes().get(institution.pk, []))


def _current_alliance_codes() -> dict[int, list[str]]:
    codes: dict[int, list[str]] = {}
    rows = institutions.current_memberships().order_by("alliance__code")
    for institution_id, alliance_code in rows.values_list("institution_id", "alliance__code"):
        codes.setdefault(institution_id, []).append(alliance_code)
    return codes


def _institution(
    request: HttpRequest, institution: Institution, alliances: list[str]
) -> dict[str, Any]:
    return {
        "code": institution.code,
        "names": institution.names,
        "short_name": institution.short_name,
        "type": institution.type,
        "country": institution.country,
        "city": institution.city,
        "isil": institution.isil,
        "wikidata": institution.wikidata,
        "website": institution.website,
        "description": institution.description,
        "alliances": alliances,
        "url": request.build_absolute_uri(site_path("web:institution_detail", institution.code)),
    }


@router.get(
    "/alliances/{code}",
    response={200: AllianceDetailOut, 404: ErrorOut},
    tags=["alliances"],
)
def get_alliance(request: HttpRequest, code: str) -> dict[str, Any]:
    """An alliance with its whole membership history (current members have `current`)."""
    alliance = (
        institutions.alliances_with_member_counts()
        .select_related("secretariat")
        .filter(code=code)
        .first()
    )
    if alliance is None:
        raise HttpError(404, f"no alliance '{code}'")
    memberships = alliance.memberships.select_related("institution").order_by(
        "institution__code", "start_date"
    )
    return {
        **alliance_as_json(alliance),
        "description": alliance.description,
        "memberships": [_membership(m, alliance) for m in memberships],
    }


@router.get("/memberships", response=list[MembershipOut], tags=["alliances"])
def list_memberships(
    request: HttpRequest, alliance: str = "", institution: str = "", current: bool = False
) -> list[dict[str, Any]]:
    """Memberships of institutions in alliances, past and present (`current=true`: only now)."""
    rows: QuerySet[Membership] = (
        institutions.current_memberships() if current else Membership.objects.all()
    )
    if alliance:
        rows = rows.filter(alliance__code=alliance)
    if institution:
        rows = rows.filter(institution__code=institution)
    rows = rows.select_related("institution", "alliance").order_by(
        "alliance__code", "institution__code", "start_date"
    )
    return [_membership(m, m.alliance) for m in rows]


def _membership(membership: Membership, alliance: Alliance) -> dict[str, Any]:
    return {
        "institution": membership.institution.code,
        "alliance": alliance.code,
        "role": membership.role,
        "status": membership.status,
        "start_date": membership.start_date,
        "end_date": membership.end_date,
        "current": membership.end_date is None and membership.status == "member",
    }


# --------------------------------------------------------------------------------------------
# Objects
# --------------------------------------------------------------------------------------------


@router.get(
    "/objects",
    response={200: SearchOut, 400: ErrorOut},
    openapi_extra={"parameters": PARAMETERS},
    tags=["objects"],
    summary="List objects (with the search parameters)",
)
def list_objects(request: HttpRequest) -> JsonResponse:
    """The objects the caller may see, filtered, faceted and paged exactly as `/search` is."""
    return search_catalogue(request)


_LINKED_ART_CONTENT = {"application/ld+json": {"schema": {"type": "object"}}}


@router.get(
    "/objects/{int:object_id}",
    response={200: ObjectOut, 404: ErrorOut},
    tags=["objects"],
    summary="One object (Linked Art JSON-LD with Accept: application/ld+json)",
    openapi_extra={
        "responses": {
            "200": {
                "description": "The object; Linked Art JSON-LD when asked for",
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/ObjectOut"}},
                    **_LINKED_ART_CONTENT,
                },
            }
        }
    },
)
def get_object(request: HttpRequest, object_id: int) -> Any:
    obj = _visible_object(request, object_id)
    if _wants_linked_art(request):
        return linked_art_response(request, obj)
    return object_as_json(request, obj)


@router.get(
    "/objects/{int:object_id}.jsonld",
    response={200: dict[str, Any], 404: ErrorOut},
    tags=["objects"],
    summary="One object as Linked Art JSON-LD",
    openapi_extra={
        "responses": {"200": {"description": "Linked Art JSON-LD", "content": _LINKED_ART_CONTENT}}
    },
)
def get_object_linked_art(request: HttpRequest, object_id: int) -> HttpResponse:
    return linked_art_response(request, _visible_object(request, object_id))


def _visible_object(request: HttpRequest, object_id: int) -> CatalogueObject:
    obj = catalogue.object_detail(user=request.user, pk=object_id)
    if obj is None:
        raise HttpError(404, f"no object {object_id}, or the caller may not see it")
    return obj


def _wants_linked_art(request: HttpRequest) -> bool:
    accept = request.headers.get("Accept", "")
    return any(kind in accept for kind in LINKED_ART_TYPES)


def linked_art_response(request: HttpRequest, obj: CatalogueObject) -> HttpResponse:
    from caravan.api.linked_art import object_document

    base_url = request.build_absolute_uri("/").rstrip("/")
    response = JsonResponse(
        object_document(obj, base_url=base_url), json_dumps_params={"ensure_ascii": False}
    )
    response["Content-Type"] = (
        'application/ld+json;profile="https://linked.art/ns/v1/linked-art.json"'
    )
    response["Vary"] = "Accept"
    return response


def object_as_json(request: HttpRequest, obj: CatalogueObject) -> dict[str, Any]:
    terms: dict[str, list[dict[str, Any]]] = {field: [] for field in TermField}
    for term in obj.terms.all():
        terms[term.field].append(_term(term))
    return {
        "id": obj.pk,
        "institution": obj.institution.code,
        "local_id": obj.local_id,
        "language": obj.language,
        "titles": obj.titles,
        "descriptions": obj.descriptions,
        "object_types": terms[TermField.OBJECT_TYPE],
        "materials": terms[TermField.MATERIAL],
        "techniques": terms[TermField.TECHNIQUE],
        "subjects": terms[TermField.SUBJECT],
        "agents": [
            {"kind": a.kind, "names": a.names, "role": a.role, "uri": a.uri}
            for a in obj.agents.all()
        ],
        "production_place": obj.production_place,
        "production_place_uri": obj.production_place_uri,
        "production_country": obj.production_country,
        "date_display": obj.date_display,
        "earliest_year": obj.earliest_year,
        "latest_year": obj.latest_year,
        "dimensions": obj.dimensions,
        "inscriptions": obj.inscriptions,
        "credit_line": obj.credit_line,
        "rights": obj.rights,
        "visibility": obj.visibility,
        "web_page": obj.web_page,
        "media": [
            {
                "image_url": m.image_url,
                "thumbnail_url": m.thumbnail_url,
                "iiif_service": m.iiif_service,
                "caption": m.caption,
                "rights": m.rights,
            }
            for m in obj.media.all()
        ],
        "url": request.build_absolute_uri(site_path("web:object_detail", obj.pk)),
        "iiif_manifest": _manifest_url(request, obj),
        "linked_art": request.build_absolute_uri(
            reverse("api-v1:get_object_linked_art", args=[obj.pk])
        ),
        "updated_at": obj.updated_at,
    }


def _term(term: ObjectTerm) -> dict[str, Any]:
    concept = term.concept
    return {
        "text": term.text,
        "lang": term.lang,
        "concept": None
        if concept is None
        else {
            "id": concept.pk,
            "scheme": concept.scheme.code,
            "notation": concept.notation,
            "uri": concept.uri,
            "labels": concept.pref_labels,
        },
    }


def _manifest_url(request: HttpRequest, obj: CatalogueObject) -> str | None:
    if not obj.has_image:
        return None
    try:
        return request.build_absolute_uri(reverse("iiif:manifest", args=[obj.pk]))
    except NoReverseMatch:  # the IIIF URLs are not mounted (a trimmed-down deployment)
        return None


# --------------------------------------------------------------------------------------------
# Vocabularies
# --------------------------------------------------------------------------------------------


@router.get("/vocabularies", response=list[SchemeOut], tags=["vocabularies"])
def list_vocabularies(request: HttpRequest) -> list[dict[str, Any]]:
    schemes = ConceptScheme.objects.annotate(concept_count=Count("concepts")).order_by("code")
    return [
        {"code": s.code, "uri": s.uri, "titles": s.titles, "concept_count": s.concept_count}
        for s in schemes
    ]


@router.get(
    "/vocabularies/{code}/concepts",
    response={200: list[ConceptOut], 404: ErrorOut},
    tags=["vocabularies"],
)
@paginate(Paging)
def list_concepts(request: HttpRequest, code: str, q: str = "") -> QuerySet[Concept]:
    """A vocabulary's concepts by notation; `q` keeps those with a label containing it."""
    scheme = ConceptScheme.objects.filter(code=code).first()
    if scheme is None:
        raise HttpError(404, f"no vocabulary '{code}'")
    concepts = _with_relations(Concept.objects.filter(scheme=scheme)).order_by("notation")
    if q:
        concepts = concepts.filter(pk__in=_labelled(scheme, q))
    return concepts


@router.get(
    "/concepts/{int:concept_id}",
    response={200: ConceptOut, 404: ErrorOut},
    tags=["vocabularies"],
)
def get_concept(request: HttpRequest, concept_id: int) -> Concept:
    concept = _with_relations(Concept.objects.all()).filter(pk=concept_id).first()
    if concept is None:
        raise HttpError(404, f"no concept {concept_id}")
    return concept


def _with_relations(concepts: QuerySet[Concept]) -> QuerySet[Concept]:
    return concepts.select_related("scheme").prefetch_related(
        Prefetch("broader", queryset=Concept.objects.only("id")),
        Prefetch("narrower", queryset=Concept.objects.only("id")),
    )


def _labelled(scheme: ConceptScheme, text: str) -> list[int]:
    """Concepts with a preferred or alternative label containing the text, in any language.

    Labels are JSON, searched here in Python: a vocabulary is thousands of concepts, not
    millions, and the same code then works on SQLite and PostgreSQL.
    """
    wanted = text.casefold()
    found = []
    rows = Concept.objects.filter(scheme=scheme).values_list("pk", "pref_labels", "alt_labels")
    for pk, preferred, alternatives in rows.iterator(chunk_size=2000):
        labels = list((preferred or {}).values())
        labels += [label for group in (alternatives or {}).values() for label in group]
        if any(wanted in str(label).casefold() for label in labels):
            found.append(pk)
    return found
