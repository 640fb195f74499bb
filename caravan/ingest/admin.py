"""The ingest admin: sources, runs with their progress and reports, and background imports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from caravan.accounts.admin_scoping import InstitutionScopedAdmin
from caravan.accounts.permissions import institution_id_of, is_secretariat
from caravan.core.configuration import data_dir
from caravan.ingest.models import COUNT_FIELDS, HarvestRun, RunIssue, Source
from caravan.ingest.plugins import mapper_names
from caravan.ingest.selectors import run_issues, run_report_csv
from caravan.ingest.services import ingest_enqueue, source_check
from caravan.ingest.tasks import harvest_source_task
from caravan.institutions.models import Institution


@admin.register(Source)
class SourceAdmin(InstitutionScopedAdmin):
    list_display = ("code", "institution", "kind", "format", "location", "harvested_until")
    list_filter = ("kind", "format", "institution")
    search_fields = ("code", "location")
    readonly_fields = ("harvested_until", "created_at")
    actions = ["harvest_in_background"]

    def save_model(self, request: HttpRequest, obj: Source, form: Any, change: bool) -> None:
        source_check(obj)
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Harvest the selected sources in the background"))
    def harvest_in_background(self, request: HttpRequest, queryset: Any) -> None:
        for source in queryset:
            harvest_source_task.enqueue(source.pk)
        self.message_user(
            request,
            _("%(count)d harvests queued; their runs appear below as the worker starts them.")
            % {"count": queryset.count()},
            messages.SUCCESS,
        )


class ImportForm(forms.Form):
    institution = forms.ModelChoiceField(queryset=Institution.objects.all(), label=_("Institution"))
    upload = forms.FileField(label=_("File"))
    format = forms.ChoiceField(label=_("Format"), required=False)
    mapping = forms.FileField(
        label=_("Mapping file (TOML)"), required=False, help_text=_("Needed for CSV and JSON.")
    )

    def __init__(self, *args: Any, institutions: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = institutions  # type: ignore[attr-defined]
        self.fields["format"].choices = [("", _("Guess from the file"))] + [  # type: ignore[attr-defined]
            (name, name) for name in mapper_names()
        ]


SHOWN_ISSUES = 50


@admin.register(HarvestRun)
class HarvestRunAdmin(InstitutionScopedAdmin):
    list_display = (
        "id",
        "status",
        "kind",
        "institution",
        "source",
        "progress",
        *COUNT_FIELDS,
        "started_at",
    )
    list_filter = ("status", "kind", "institution")
    search_fields = ("location",)
    list_select_related = ("institution", "source")
    readonly_fields = (
        "institution",
        "source",
        "kind",
        "format",
        "location",
        "status",
        "failure",
        "progress",
        *COUNT_FIELDS,
        "started_at",
        "finished_at",
        "from_datestamp",
        "newest_datestamp",
        "resume_from",
        "report",
        "first_issues",
    )
    fieldsets = (
        (
            None,
            {
                "fields": (
                    ("institution", "source"),
                    ("kind", "format", "status"),
                    "location",
                    "failure",
                    ("progress", "report"),
                )
            },
        ),
        (
            _("Counts"),
            {
                "fields": (
                    ("seen", "created", "updated", "unchanged"),
                    ("withdrawn", "rejected", "warned"),
                )
            },
        ),
        (_("Report"), {"fields": ("first_issues",)}),
        (
            _("Times and resumption"),
            {
                "classes": ["collapse"],
                "fields": (
                    ("started_at", "finished_at"),
                    ("from_datestamp", "newest_datestamp"),
                    "resume_from",
                ),
            },
        ),
    )

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("progress"))
    def progress(self, run: HarvestRun) -> str:
        if run.progress_total:
            return f"{min(100, 100 * run.progress_done // run.progress_total)} %"
        return f"{run.seen:,}"

    @admin.display(description=_("report"))
    def report(self, run: HarvestRun) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:ingest_harvestrun_report", args=[run.pk]),
            _("Download the report as CSV"),
        )

    @admin.display(description=_("first report lines"))
    def first_issues(self, run: HarvestRun) -> str:
        issues = run_issues(run)[:SHOWN_ISSUES]
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            ((issue.identifier, issue.get_severity_display(), issue.problem) for issue in issues),
        )
        all_lines = reverse("admin:ingest_runissue_changelist") + f"?run__id__exact={run.pk}"
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody>"
            '</table><p><a href="{}">{}</a></p>',
            _("identifier"),
            _("severity"),
            _("problem"),
            rows,
            all_lines,
            _("All report lines, with the raw records of rejected ones"),
        )

    def get_urls(self) -> list[URLPattern]:
        own = [
            path(
                "<int:run_id>/report.csv",
                self.admin_site.admin_view(self.report_csv),
                name="ingest_harvestrun_report",
            ),
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="ingest_harvestrun_import",
            ),
        ]
        return own + super().get_urls()

    def report_csv(self, request: HttpRequest, run_id: int) -> StreamingHttpResponse:
        run = get_object_or_404(self.get_queryset(request), pk=run_id)
        response = StreamingHttpResponse(
            run_report_csv(run), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="run-{run.pk}-report.csv"'
        return response

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_module_permission(request):
            raise PermissionDenied
        institutions = Institution.objects.all()
        if not is_secretariat(request.user):
            institutions = institutions.filter(pk=institution_id_of(request.user) or 0)
        form = ImportForm(request.POST or None, request.FILES or None, institutions=institutions)
        if request.method == "POST" and form.is_valid():
            return self._queue_import(request, form)
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "title": _("Import records in the background"),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/ingest/import.html", context)

    def _queue_import(self, request: HttpRequest, form: ImportForm) -> HttpResponse:
        upload = form.cleaned_data["upload"]
        folder = data_dir() / "uploads"
        folder.mkdir(parents=True, exist_ok=True)
        target = _free_path(folder / get_valid_filename(upload.name))
        with target.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        mapping = form.cleaned_data["mapping"]
        try:
            run = ingest_enqueue(
                str(target),
                institution=form.cleaned_data["institution"],
                format_name=form.cleaned_data["format"] or None,
                mapping_text=mapping.read().decode("utf-8") if mapping else "",
            )
        except (ValidationError, ValueError) as error:
            self.message_user(request, str(error), messages.ERROR)
            return redirect("admin:ingest_harvestrun_import")
        self.message_user(
            request, _("The import is queued as run %(run)d.") % {"run": run.pk}, messages.SUCCESS
        )
        return redirect("admin:ingest_harvestrun_change", run.pk)


def _free_path(path: Path) -> Path:
    candidate, number = path, 1
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        number += 1
    return candidate


@admin.register(RunIssue)
class RunIssueAdmin(InstitutionScopedAdmin):
    institution_path = "run__institution"
    list_display = ("run", "identifier", "severity", "problem")
    list_filter = ("severity",)
    search_fields = ("identifier", "problem")
    list_select_related = ("run",)

    def lookup_allowed(self, lookup: str, value: str, request: HttpRequest | None = None) -> bool:
        # The run page links here with ?run__id__exact=N to list all of one run's lines.
        return lookup == "run__id__exact" or super().lookup_allowed(lookup, value, request)

    readonly_fields = ("run", "identifier", "severity", "problem", "raw_record")

    def _institution_id(self, obj: Any) -> int | None:
        return int(obj.run.institution_id)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
