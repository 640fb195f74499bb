"""The inbox: what happened to the loans and exhibitions the reader works on."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from caravan.exhibitions import selectors, services
from caravan.exhibitions.models import Exhibition, LoanRequest, Notification
from caravan.web.exhibitions.common import is_htmx, signed_in, user_of

PAGE_SIZE = 30


@dataclass(frozen=True)
class InboxLine:
    notification: Notification
    summary: str
    url: str


def _line(notification: Notification, language: str) -> InboxLine:
    return InboxLine(
        notification=notification,
        summary=services.notification_summary(notification, language),
        url=_target_url(notification),
    )


def _target_url(notification: Notification) -> str:
    """Where the notification leads: its loan, or its exhibition's workspace."""
    model = notification.target_type.model_class()
    if model is LoanRequest:
        return reverse("web:loan_detail", args=[notification.target_id])
    code = notification.data.get("exhibition", "")
    if model is Exhibition and code:
        return reverse("web:exhibition_workspace", args=[code])
    return ""


@signed_in
def inbox(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("unread") == "1"
    notifications = selectors.notifications_for(request.user, unread_only=unread_only)
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    language = get_language() or settings.LANGUAGE_CODE
    context = {
        "page": page,
        "lines": [_line(notification, language) for notification in page.object_list],
        "unread_only": unread_only,
        "unread": selectors.notification_unread_count(request.user),
    }
    return render(request, "web/exhibitions/inbox.html", context)


def _own_notification(request: HttpRequest, pk: int) -> Notification:
    # Someone else's notification is not found: its existence is not the reader's business.
    return get_object_or_404(
        Notification.objects.select_related("target_type"), pk=pk, recipient_id=request.user.pk
    )


@require_POST
@signed_in
def notification_read(request: HttpRequest, pk: int) -> HttpResponseBase:
    notification = services.notification_mark_read(
        notification=_own_notification(request, pk), actor=user_of(request)
    )
    if is_htmx(request):
        language = get_language() or settings.LANGUAGE_CODE
        context = {"line": _line(notification, language)}
        return render(request, "web/exhibitions/_notification.html", context)
    return redirect("web:inbox")


@require_POST
@signed_in
def notifications_read_all(request: HttpRequest) -> HttpResponseBase:
    services.notifications_mark_all_read(actor=user_of(request))
    return redirect("web:inbox")
