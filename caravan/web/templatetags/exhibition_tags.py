"""Template helpers of the exhibition and loan pages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from caravan.core.langmap import pick
from caravan.exhibitions.services.common import UNDETERMINED

register = template.Library()


@register.simple_tag
def optional_url(name: str, *args: Any) -> str:
    """The address of a page another part of Caravan may provide, or '' while it does not."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


@register.simple_tag
def said(language_map: Mapping[str, str] | None, fallback: str = "") -> SafeString:
    """A person's words (a comment, a reason, notes) in the reader's language if given in it,
    wrapped with their language; words of an undetermined language keep ``dir="auto"`` so that
    an Arabic comment stored as plain text still reads right to left. The text is escaped."""
    chosen = pick(language_map, get_language() or settings.LANGUAGE_CODE)
    if chosen is None:
        return format_html("{}", fallback)
    if chosen.lang == UNDETERMINED:
        return format_html('<span dir="auto">{}</span>', chosen.text)
    return format_html(
        '<span lang="{}" dir="{}">{}</span>', chosen.lang, chosen.direction, chosen.text
    )


@register.filter
def days_between(start: Any, end: Any) -> int:
    """How many days a span covers, both ends included."""
    return int((end - start).days) + 1


@register.filter
def loan_status_label(value: str) -> str:
    """A loan status code as its translated name."""
    from caravan.exhibitions.workflow import LoanStatus

    return str(LoanStatus(value).label) if value in LoanStatus.values else value


@register.filter
def exhibition_status_label(value: str) -> str:
    """An exhibition status code as its translated name."""
    from caravan.exhibitions.workflow import ExhibitionStatus

    return str(ExhibitionStatus(value).label) if value in ExhibitionStatus.values else value


def _move_labels() -> dict[str, Any]:
    from django.utils.translation import gettext_lazy as _

    return {
        "requested": _("Submit the request to the lender"),
        "under_review": _("Start the review"),
        "approved": _("Approve the loan"),
        "declined": _("Decline the loan"),
        "agreement_signed": _("Record the signed agreement"),
        "in_transit": _("Dispatch the objects"),
        "on_display": _("Mark the objects on display"),
        "returned": _("Confirm the objects' return"),
        "closed": _("Close the loan"),
        "cancelled": _("Withdraw the request"),
    }


@register.filter
def move_label(target: str) -> str:
    """The button that moves a loan into ``target``, said as the action it is."""
    return str(_move_labels().get(target, target))


@register.filter
def day(value: Any) -> SafeString:
    """A date as YYYY-MM-DD that a sentence never splits and right-to-left text never turns
    round (a left-to-right isolate that does not wrap)."""
    if not value:
        return format_html("")
    return format_html('<bdi class="nowrap" dir="ltr">{}</bdi>', value.isoformat())
