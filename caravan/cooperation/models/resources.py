"""The shared resource library and its ledger of requests and downloads."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from caravan.cooperation.models.validators import validate_language_tags
from caravan.core.codes import validate_rights_uri
from caravan.core.fields import LanguageMapField, UnicodeJSONEncoder
from caravan.core.langmap import display_text
from caravan.core.storage import protected_storage
from caravan.institutions.models import Alliance, Institution, validate_code


class ResourceKind(models.TextChoices):
    TRAVELLING_EXHIBITION = "travelling_exhibition", _("Travelling exhibition package")
    EXHIBIT_DESIGN = "exhibit_design", _("Exhibit design")
    EDUCATIONAL_ACTIVITY = "educational_activity", _("Educational activity plan")
    FILM = "film", _("Film")
    MODEL_3D = "3d_model", _("3D model")
    DATASET = "dataset", _("Dataset")
    TRAINING_MATERIAL = "training_material", _("Training material")


class Access(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members of the alliance")
    ON_REQUEST = "on-request", _("On request")


def resource_file_path(instance: SharedResource, filename: str) -> str:
    return f"resources/{instance.code}/{filename}"


class SharedResource(models.Model):
    code = models.CharField(_("code"), max_length=40, unique=True, validators=[validate_code])
    kind = models.CharField(_("type"), max_length=30, choices=ResourceKind.choices)
    titles = LanguageMapField(_("title"))
    description = LanguageMapField(_("description"))
    offered_by = models.ForeignKey(
        Institution,
        verbose_name=_("offered by"),
        on_delete=models.PROTECT,
        related_name="resources_offered",
    )
    alliance = models.ForeignKey(
        Alliance,
        verbose_name=_("shared within"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resources",
        help_text=_("For members-only resources: the alliance whose current members may use it."),
    )
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        encoder=UnicodeJSONEncoder,
        validators=[validate_language_tags],
    )
    licence = models.CharField(
        _("licence"), max_length=200, blank=True, validators=[validate_rights_uri]
    )
    terms = LanguageMapField(_("sharing terms"))
    access = models.CharField(
        _("access"), max_length=12, choices=Access.choices, default=Access.MEMBERS
    )
    file = models.FileField(
        _("file"), upload_to=resource_file_path, storage=protected_storage, blank=True
    )
    external_url = models.URLField(_("link"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "code"]
        verbose_name = _("shared resource")
        verbose_name_plural = _("shared resources")
        constraints = [
            models.CheckConstraint(
                condition=~Q(access="members") | Q(alliance__isnull=False),
                name="members_only_resource_names_its_alliance",
            ),
        ]

    def __str__(self) -> str:
        return display_text(self.titles, self.code)


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    GRANTED = "granted", _("Granted")
    DECLINED = "declined", _("Declined")


class ResourceRequest(models.Model):
    resource = models.ForeignKey(SharedResource, on_delete=models.CASCADE, related_name="requests")
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="resource_requests",
    )
    requested_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = LanguageMapField(_("message"))
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("resource request")
        verbose_name_plural = _("resource requests")

    def __str__(self) -> str:
        return f"{self.institution} → {self.resource}: {self.status}"


class ResourceDownload(models.Model):
    """One download: the ledger counts these per resource and per member institution."""

    resource = models.ForeignKey(SharedResource, on_delete=models.CASCADE, related_name="downloads")
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resource_downloads",
    )
    user = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("download")
        verbose_name_plural = _("downloads")

    def __str__(self) -> str:
        return f"{self.resource.code} by {self.institution_id or 'public'} at {self.at:%Y-%m-%d}"
