"""The work reports in the admin: the secretariat asks for a report, the worker generates it,
the list offers each ready file for download.

Who: platform secretariat staff for every alliance, and the staff of an alliance's secretariat
institution for that alliance (`can_manage_alliance`, as for admissions and governance).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from caravan.accounts.permissions import can_manage_alliance, institution_id_of, is_secretariat
from caravan.insight.models import ReportStatus, WorkReport
from caravan.insight.report.services import work_report_request
from caravan.institutions.models import Alliance


def managed_alliances(request: HttpRequest) -> QuerySet[Alliance]:
    """The alliances whose reports this staff member may ask for and read."""
    user = request.user
    if not (user.is_active and user.is_staff):
        return Alliance.objects.none()
    if is_secretariat(user):
        return Alliance.objects.all()
    own = institution_id_of(user)
    return Alliance.objects.filter(secretariat_id=own) if own else Alliance.objects.none()


class WorkReportForm(forms.ModelForm[WorkReport]):
    class Meta:
        model = WorkReport
        fields = ["alliance", "year", "language", "format"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year - 1
        # The secretariat writes in the language it works in; English for the others.
        self.fields["language"].initial = (get_language() or "en").lower()
        self.fields["year"].help_text = _("The calendar year the report covers.")


@admin.register(WorkReport)
class WorkReportAdmin(admin.ModelAdmin[WorkReport]):
    form = WorkReportForm
    list_display = ["alliance", "year", "language", "format", "status", "generated_at", "download"]
    list_filter = ["status", "format", "language", "year"]
    readonly_fields = ["status", "error", "requested_by", "requested_at", "generated_at"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[WorkReport]:
        reports = super().get_queryset(request).select_related("alliance")
        return reports.filter(Q(alliance__in=managed_alliances(request)))

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "alliance":
            kwargs["queryset"] = managed_alliances(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # --- Permissions: the alliance rule, not per-model permissions ---------------------------

    def has_module_permission(self, request: HttpRequest) -> bool:
        return managed_alliances(request).exists()

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return self.has_module_permission(request)
        return can_manage_alliance(request.user, obj.alliance)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a report is generated, never edited: ask for a new one

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_view_permission(request, obj)

    # --- Asking for a report queues it ------------------------------------------------------

    def save_model(self, request: HttpRequest, obj: WorkReport, form: Any, change: bool) -> None:
        report = work_report_request(
            alliance=obj.alliance,
            year=obj.year,
            language=obj.language,
            file_format=obj.format,
            actor=request.user,
        )
        obj.pk = report.pk
        obj.status = report.status
        messages.info(
            request, _("The report is queued; it appears here as ready once it is generated.")
        )

    # --- Download ---------------------------------------------------------------------------

    def get_urls(self) -> list[Any]:
        download = self.admin_site.admin_view(self.download_view)
        return [
            path("<int:pk>/download/", download, name="insight_workreport_download"),
            *super().get_urls(),
        ]

    @admin.display(description=_("file"))
    def download(self, report: WorkReport) -> str:
        if report.status != ReportStatus.READY or not report.file:
            return report.get_status_display()
        url = reverse("admin:insight_workreport_download", args=[report.pk])
        return format_html('<a href="{}" download>{}</a>', url, report.filename)

    def download_view(self, request: HttpRequest, pk: int) -> FileResponse:
        report = WorkReport.objects.select_related("alliance").filter(pk=pk).first()
        if report is None or not report.file or report.status != ReportStatus.READY:
            raise Http404("no such report")
        if not can_manage_alliance(request.user, report.alliance):
            raise PermissionDenied("only the alliance's secretariat may read its work report")
        content_type = "application/pdf" if report.format == "pdf" else "text/html; charset=utf-8"
        return FileResponse(
            report.file.open("rb"),
            as_attachment=True,
            filename=report.filename,
            content_type=content_type,
        )
