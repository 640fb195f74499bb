"""Where records come from (Source) and what each ingest did (HarvestRun, RunIssue)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from caravan.institutions.models import Institution


class SourceKind(models.TextChoices):
    OAI_PMH = "oai-pmh", _("OAI-PMH endpoint")
    FILE = "file", _("File or folder import")
    PUSH = "push", _("Pushed through the API")


class Source(models.Model):
    """How one institution's records come in: an OAI-PMH endpoint, a file or folder, or a push."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="sources", verbose_name=_("institution")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=SourceKind.choices)
    format = models.CharField(
        _("format"), max_length=40, help_text=_("The mapper: lido, edm, oai_dc, csv, json…")
    )
    location = models.CharField(
        _("location"),
        max_length=500,
        help_text=_("The OAI-PMH base URL, or the path of the file or folder."),
    )
    metadata_prefix = models.CharField(_("metadata prefix"), max_length=60, blank=True)
    set_spec = models.CharField(_("set"), max_length=200, blank=True)
    mapping = models.TextField(
        _("mapping"), blank=True, help_text=_("The TOML mapping file for CSV and JSON sources.")
    )
    default_language = models.CharField(_("default language"), max_length=35, default="und")
    # The datestamp of the newest record of the last successful harvest: the next `from`.
    harvested_until = models.CharField(_("harvested until"), max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.code


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    INTERRUPTED = "interrupted", _("Interrupted")
    FAILED = "failed", _("Failed")


class RunKind(models.TextChoices):
    INGEST = "ingest", _("File import")
    HARVEST = "harvest", _("Harvest")
    REMAP = "remap", _("Re-map")
    PUSH = "push", _("API push")


class HarvestRun(models.Model):
    """One ingest, harvest or re-map, with its counts and a report line per problem record."""

    source = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="runs",
        verbose_name=_("source"),
    )
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="harvest_runs",
        verbose_name=_("institution"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=RunKind.choices)
    format = models.CharField(_("format"), max_length=40)
    location = models.CharField(_("location"), max_length=500)
    status = models.CharField(
        _("status"), max_length=12, choices=RunStatus.choices, default=RunStatus.RUNNING
    )
    failure = models.TextField(_("failure"), blank=True)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    seen = models.PositiveIntegerField(_("seen"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    withdrawn = models.PositiveIntegerField(_("withdrawn"), default=0)
    rejected = models.PositiveIntegerField(_("rejected"), default=0)
    warned = models.PositiveIntegerField(_("warned"), default=0)
    # How far the run has got, for progress bars: bytes of a file, or records of a harvest.
    progress_done = models.BigIntegerField(_("progress"), default=0)
    progress_total = models.BigIntegerField(_("progress total"), null=True, blank=True)
    # Where an interrupted harvest picks up: the OAI-PMH request parameters of the next page.
    resume_from = models.JSONField(_("resume from"), default=dict, blank=True)
    from_datestamp = models.CharField(_("from datestamp"), max_length=40, blank=True)
    newest_datestamp = models.CharField(_("newest datestamp"), max_length=40, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("harvest run")
        verbose_name_plural = _("harvest runs")

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind} {self.location}"

    def counts(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in COUNT_FIELDS}


COUNT_FIELDS = ("seen", "created", "updated", "unchanged", "withdrawn", "rejected", "warned")


class Severity(models.TextChoices):
    ERROR = "error", _("Error: record rejected")
    WARNING = "warning", _("Warning: record stored")


class RunIssue(models.Model):
    """A problem with one record of a run. Rejected records keep their raw source here."""

    run = models.ForeignKey(
        HarvestRun, on_delete=models.CASCADE, related_name="issues", verbose_name=_("run")
    )
    identifier = models.CharField(_("identifier"), max_length=500)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    problem = models.TextField(_("problem"))
    raw_record = models.TextField(_("raw source record"), blank=True)

    class Meta:
        ordering = ["run", "id"]
        verbose_name = _("run issue")
        verbose_name_plural = _("run issues")
        indexes = [models.Index(fields=["run", "severity"])]

    def __str__(self) -> str:
        return f"{self.identifier}: {self.problem}"
