"""The itinerary: adding, changing and removing venues, their attendance and facility reports.

The date checks are the services' (a venue closing before it opens, two venues of one
exhibition overlapping): a refused date comes back on the form with the service's sentence.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caravan.exhibitions import selectors, services
from caravan.exhibitions.models import Exhibition, Venue
from caravan.exhibitions.permissions import can_file_facility_report
from caravan.web.exhibition_forms import (
    AttendanceForm,
    FacilityReportForm,
    VenueForm,
    venue_initial,
)
from caravan.web.exhibitions.common import (
    add_service_error,
    editable_exhibition,
    messages_of,
    signed_in,
)
from caravan.web.exhibitions.projects import render_workspace


def _venue(exhibition: Exhibition, pk: int) -> Venue:
    return get_object_or_404(exhibition.venues.select_related("institution"), pk=pk)


def _venue_values(form: VenueForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "institution": data["institution"],
        "place_name": data["place_name"],
        "city": data["city"],
        "country": data["country"] or "",
        "opens_on": data["opens_on"],
        "closes_on": data["closes_on"],
    }


@require_POST
@signed_in
def venue_add(request: HttpRequest, code: str) -> HttpResponseBase:
    exhibition = editable_exhibition(request, code)
    form = VenueForm(request.POST)
    if form.is_valid():
        try:
            services.venue_add(exhibition=exhibition, actor=request.user, **_venue_values(form))
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The venue was added to the itinerary."))
            return redirect(_itinerary_url(exhibition))
    return render_workspace(request, exhibition, status=400, venue_form=form)


def _itinerary_url(exhibition: Exhibition) -> str:
    from django.urls import reverse

    return reverse("web:exhibition_workspace", args=[exhibition.code]) + "#itinerary"


@signed_in
def venue_edit(request: HttpRequest, code: str, pk: int) -> HttpResponseBase:
    exhibition = editable_exhibition(request, code)
    venue = _venue(exhibition, pk)
    form = VenueForm(request.POST or None, initial=venue_initial(venue))
    if request.method == "POST" and form.is_valid():
        try:
            services.venue_update(venue=venue, actor=request.user, **_venue_values(form))
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return redirect(_itinerary_url(exhibition))
    context = {
        "exhibition": exhibition,
        "venue": venue,
        "form": form,
    }
    return render(
        request, "web/exhibitions/venue_form.html", context, status=400 if form.is_bound else 200
    )


@require_POST
@signed_in
def venue_remove(request: HttpRequest, code: str, pk: int) -> HttpResponseBase:
    exhibition = editable_exhibition(request, code)
    venue = _venue(exhibition, pk)
    try:
        services.venue_remove(venue=venue, actor=request.user)
    except ValidationError as error:
        return render_workspace(request, exhibition, status=400, venue_errors=messages_of(error))
    messages.success(request, _("The venue was removed from the itinerary."))
    return redirect(_itinerary_url(exhibition))


def _reportable_venue(request: HttpRequest, code: str, pk: int) -> Venue:
    """A venue whose facility report or attendance the user may file: the exhibition's curators
    and the venue's own staff (who may not otherwise see an exhibition before it opens)."""
    venue = get_object_or_404(
        Venue.objects.select_related("exhibition", "institution"), pk=pk, exhibition__code=code
    )
    if can_file_facility_report(request.user, venue):
        return venue
    if selectors.exhibition_detail(user=request.user, code=code) is None:
        raise Http404(_("No such exhibition, or it is not shown to you."))
    raise PermissionDenied(_("Only the curators or the venue's own staff file its reports."))


@require_POST
@signed_in
def venue_attendance(request: HttpRequest, code: str, pk: int) -> HttpResponseBase:
    venue = _reportable_venue(request, code, pk)
    form = AttendanceForm(request.POST)
    if form.is_valid():
        try:
            services.venue_attendance_record(
                venue=venue, attendance=form.cleaned_data["attendance"], actor=request.user
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The attendance was recorded."))
            return redirect("web:venue_reports", code=code, pk=pk)
    return _render_reports(request, venue, FacilityReportForm(), form, status=400)


@signed_in
def venue_reports(request: HttpRequest, code: str, pk: int) -> HttpResponseBase:
    """A venue's reports: the current facility report and the form to file a new one, and the
    attendance once the venue has closed."""
    venue = _reportable_venue(request, code, pk)
    form = FacilityReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.facility_report_submit(venue=venue, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The facility report was filed."))
            return redirect("web:venue_reports", code=code, pk=pk)
    attendance = AttendanceForm(initial={"attendance": venue.attendance})
    return _render_reports(request, venue, form, attendance, status=400 if form.is_bound else 200)


def _render_reports(
    request: HttpRequest,
    venue: Venue,
    form: FacilityReportForm,
    attendance_form: AttendanceForm,
    *,
    status: int,
) -> HttpResponseBase:
    context = {
        "exhibition": venue.exhibition,
        "venue": venue,
        "current": selectors.facility_report_current(venue),
        "form": form,
        "attendance_form": attendance_form,
        "closed": venue.closes_on < timezone.localdate(),
        "may_see_exhibition": selectors.exhibition_detail(
            user=request.user, code=venue.exhibition.code
        )
        is not None,
    }
    return render(request, "web/exhibitions/venue_reports.html", context, status=status)
