"""The public virtual exhibition and the exhibition documents (printable catalogue, loan PDF).

Thin: the selectors decide who sees what (an open or closed exhibition is public; before that
only the people working on it see it, with a preview banner), caravan.exhibitions.documents
shapes and prints.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from caravan.exhibitions import documents
from caravan.exhibitions.models import Exhibition
from caravan.exhibitions.selectors import exhibition_detail, exhibition_span, loan_detail


def _visible_exhibition(request: HttpRequest, code: str) -> Exhibition:
    exhibition = exhibition_detail(user=request.user, code=code)
    if exhibition is None:
        raise Http404("No such exhibition, or it is not public yet.")
    return exhibition


def _origin(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Content-Language"] = get_language() or ""
    # What a document shows depends on who reads it.
    patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, ("Cookie",))
    return response


@require_safe
def exhibition_public(request: HttpRequest, code: str) -> HttpResponse:
    exhibition = _visible_exhibition(request, code)
    context = {
        "exhibition": exhibition,
        "content": documents.exhibition_content(exhibition=exhibition, user=request.user),
        "preview": not exhibition.is_public,
        "co_organisers": list(exhibition.co_organisers.all()),
        "span": exhibition_span(exhibition),
        "catalogue_url": reverse("web:exhibition_catalogue_pdf", args=[exhibition.code]),
        "collection_url": reverse("iiif:exhibition_collection", args=[exhibition.code]),
    }
    return render(request, "web/exhibitions/public_exhibition.html", context)


@require_safe
def exhibition_catalogue_pdf(request: HttpRequest, code: str) -> HttpResponse:
    exhibition = _visible_exhibition(request, code)
    pdf = documents.exhibition_catalogue_pdf(
        exhibition=exhibition,
        user=request.user,
        language=get_language() or "en",
        origin=_origin(request),
    )
    return _pdf(pdf, f"{exhibition.code}-catalogue.pdf")


@require_safe
@login_required
def loan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    loan = loan_detail(user=request.user, pk=pk)
    if loan is None:
        raise Http404("No such loan, or you are not one of its sides.")
    pdf = documents.loan_document_pdf(
        loan=loan, user=request.user, language=get_language() or "en", origin=_origin(request)
    )
    return _pdf(pdf, f"loan-{loan.reference}.pdf")
