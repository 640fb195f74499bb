"""The loan document: a summary of the agreement (sides, exhibition, venues, status and its
history, conditions, insurance, couriers) and the checklist of the loan's objects with their
decisions, terms, credit lines and condition reports. For the two sides and the secretariat."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, prefetch_related_objects
from django.template.loader import render_to_string
from django.utils import timezone, translation

from caravan.catalogue.models import ObjectTerm, TermField
from caravan.catalogue.selectors import objects_visible_to
from caravan.core.langmap import text_direction
from caravan.exhibitions.documents.content import all_texts, print_image_src
from caravan.exhibitions.documents.fetcher import DocumentFetcher, RemoteImages
from caravan.exhibitions.documents.render import pdf_from_html
from caravan.exhibitions.models import ConditionReport, LoanObject, LoanRequest, ObjectDecision
from caravan.exhibitions.permissions import Viewer, can_see_loan
from caravan.exhibitions.selectors import condition_reports, loan_history

LOAN_IMAGE_SIDE = 600
LOAN_TEMPLATE = "web/exhibitions/print/loan.html"


@dataclass(frozen=True)
class LoanDocumentObject:
    """One object of the loan; `visible` is False for an object the reader may not see, whose
    title and picture are then left out (its inventory number and terms are the loan's)."""

    loan_object: LoanObject
    visible: bool
    image: str
    materials: list[ObjectTerm]
    reports: list[ConditionReport] = field(default_factory=list)


@dataclass(frozen=True)
class InsuranceTotal:
    currency: str
    total: Decimal
    objects: int


def loan_document_context(
    *, loan: LoanRequest, user: Viewer, language: str, origin: str
) -> dict[str, Any]:
    """What the loan template shows; raises PermissionDenied unless `user` may see the loan."""
    if not can_see_loan(user, loan):
        raise PermissionDenied("only the two sides of a loan and the secretariat see it")
    loan_objects = list(loan.loan_objects.all())
    prefetch_related_objects(
        loan_objects,
        "object__media",
        Prefetch(
            "object__terms",
            queryset=ObjectTerm.objects.filter(field=TermField.MATERIAL).select_related("concept"),
        ),
    )
    visible = set(
        objects_visible_to(user)
        .filter(pk__in=[lo.object_id for lo in loan_objects])
        .values_list("pk", flat=True)
    )
    reports: dict[int, list[ConditionReport]] = defaultdict(list)
    for report in condition_reports(loan):
        reports[report.loan_object_id].append(report)
    objects = [
        _document_object(loan_object, loan_object.object_id in visible, reports)
        for loan_object in loan_objects
    ]
    return {
        "loan": loan,
        "exhibition": loan.exhibition,
        "exhibition_titles": all_texts(loan.exhibition.titles, language),
        "venues": sorted(loan.venues.all(), key=lambda venue: (venue.opens_on, venue.pk)),
        "history": list(loan_history(loan)),
        "conditions": all_texts(loan.conditions, language),
        "insurance": insurance_totals(loan_objects),
        "couriers": [entry for entry in objects if entry.loan_object.courier_required],
        "objects": objects,
        "decided": _decision_counts(loan_objects),
        "origin": origin.rstrip("/"),
        "site_name": settings.CARAVAN_SITE_NAME,
        "language": language,
        "direction": text_direction(language),
        "generated_at": timezone.localtime(),
    }


def _document_object(
    loan_object: LoanObject, visible: bool, reports: dict[int, list[ConditionReport]]
) -> LoanDocumentObject:
    obj = loan_object.object
    image = ""
    if visible:
        media = obj.media.all()
        image = next((src for item in media if (src := print_image_src(item, LOAN_IMAGE_SIDE))), "")
    return LoanDocumentObject(
        loan_object=loan_object,
        visible=visible,
        image=image,
        materials=list(obj.terms.all()) if visible else [],
        reports=reports.get(loan_object.pk, []),
    )


def insurance_totals(loan_objects: list[LoanObject]) -> list[InsuranceTotal]:
    """The insured value of the objects not declined, per currency (ISO 4217, in code order)."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    counts: dict[str, int] = defaultdict(int)
    for loan_object in loan_objects:
        if loan_object.decision == ObjectDecision.DECLINED or loan_object.insurance_value is None:
            continue
        totals[loan_object.insurance_currency] += loan_object.insurance_value
        counts[loan_object.insurance_currency] += 1
    return [
        InsuranceTotal(currency=currency, total=totals[currency], objects=counts[currency])
        for currency in sorted(totals)
    ]


def _decision_counts(loan_objects: list[LoanObject]) -> dict[str, int]:
    counts = {decision.value: 0 for decision in ObjectDecision}
    for loan_object in loan_objects:
        counts[loan_object.decision] += 1
    return counts


def loan_document_html(*, loan: LoanRequest, user: Viewer, language: str, origin: str) -> str:
    with translation.override(language):
        context = loan_document_context(loan=loan, user=user, language=language, origin=origin)
        return render_to_string(LOAN_TEMPLATE, context)


def loan_document_pdf(
    *,
    loan: LoanRequest,
    user: Viewer,
    language: str,
    origin: str,
    remote: RemoteImages | None = None,
) -> bytes:
    """The loan document as a PDF. `loan` should come from `selectors.loan_detail` (objects,
    venues and history prefetched); PermissionDenied unless `user` may see it."""
    html = loan_document_html(loan=loan, user=user, language=language, origin=origin)
    fetcher = DocumentFetcher(user=user, origins=(origin,), remote=remote)
    return pdf_from_html(html, fetcher=fetcher)
