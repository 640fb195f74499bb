"""What every exhibition and loan page shares: who is signed in, finding the record the reader
may see (404 otherwise), and turning a service's refusal into a message on the form.

The services raise PermissionDenied (answered 403 by Django), ValidationError and the workflow's
errors; each carries a sentence a person can act on, which is what the pages show.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponseBase
from django.utils.translation import gettext as _

from caravan.accounts.models import User
from caravan.exhibitions import selectors
from caravan.exhibitions.errors import WorkflowError
from caravan.exhibitions.models import Exhibition, LoanRequest
from caravan.exhibitions.permissions import can_edit_exhibition

View = TypeVar("View", bound=Callable[..., HttpResponseBase])

# What a page shows when a service refuses; PermissionDenied is answered 403 by the view.
ServiceError = ValidationError | WorkflowError


def signed_in(view: View) -> View:
    """The staff pages are for signed-in people; others go to the sign-in page first."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return cast(View, wrapper)


def user_of(request: HttpRequest) -> User:
    """The signed-in user (the views that call this are behind ``signed_in``)."""
    return cast(User, request.user)


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def visible_exhibition(request: HttpRequest, code: str) -> Exhibition:
    exhibition = selectors.exhibition_detail(user=request.user, code=code)
    if exhibition is None:
        raise Http404(_("No such exhibition, or it is not shown to you."))
    return exhibition


def editable_exhibition(request: HttpRequest, code: str) -> Exhibition:
    """The exhibition, for its curators only: 404 when unseen, 403 when seen but not theirs."""
    exhibition = visible_exhibition(request, code)
    if not can_edit_exhibition(request.user, exhibition):
        raise PermissionDenied(_("Only the exhibition's curators may change it."))
    return exhibition


def visible_loan(request: HttpRequest, pk: int) -> LoanRequest:
    loan = selectors.loan_detail(user=request.user, pk=pk)
    if loan is None:
        raise Http404(_("No such loan, or it is not shown to you."))
    return loan


def messages_of(error: ServiceError) -> list[str]:
    if isinstance(error, WorkflowError):
        return [error.message]
    return list(error.messages)


def add_service_error(form: forms.Form, error: ServiceError) -> None:
    """Put a service's refusal on the form: on the field it names, else above the form."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, messages_of(error))
