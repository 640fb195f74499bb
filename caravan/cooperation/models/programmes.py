"""Exchange and training programmes."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from caravan.cooperation.models.agreements import Agreement
from caravan.cooperation.models.validators import ChoiceListValidator
from caravan.core.fields import LanguageMapField
from caravan.core.langmap import display_text
from caravan.institutions.models import Alliance, Institution, Person, validate_code


class ProgrammeKind(models.TextChoices):
    EXCHANGE = "exchange", _("Staff exchange")
    TRAINING = "training", _("Training")
    RESIDENCY = "residency", _("Residency")


class ProgrammeFormat(models.TextChoices):
    LECTURES = "lectures", _("Lectures")
    ON_SITE_TEACHING = "on_site_teaching", _("On-site teaching")
    RESIDENCY = "residency", _("Residency")
    WORKSHOP = "workshop", _("Workshop")
    STUDY_VISIT = "study_visit", _("Study visit")
    ONLINE = "online", _("Online")


validate_formats = ChoiceListValidator(ProgrammeFormat.values)


class Programme(models.Model):
    code = models.CharField(_("code"), max_length=40, unique=True, validators=[validate_code])
    kind = models.CharField(_("type"), max_length=20, choices=ProgrammeKind.choices)
    titles = LanguageMapField(_("title"))
    topic = LanguageMapField(_("topic"))
    formats = models.JSONField(_("format"), default=list, blank=True, validators=[validate_formats])
    host = models.ForeignKey(
        Institution,
        verbose_name=_("host"),
        on_delete=models.PROTECT,
        related_name="programmes_hosted",
    )
    sending = models.ManyToManyField(
        Institution,
        verbose_name=_("sending institutions"),
        blank=True,
        related_name="programmes_sent",
    )
    alliance = models.ForeignKey(
        Alliance,
        verbose_name=_("alliance"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programmes",
    )
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("under the agreement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programmes",
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    outcomes = LanguageMapField(_("outcomes"))
    report = LanguageMapField(_("report"))

    class Meta:
        ordering = ["-starts_on", "code"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return display_text(self.titles, self.code)

    def format_labels(self) -> list[str]:
        return [str(ProgrammeFormat(tag).label) for tag in self.formats if tag in ProgrammeFormat]


class ParticipantRole(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    LECTURER = "lecturer", _("Lecturer")
    COORDINATOR = "coordinator", _("Coordinator")


class ProgrammeParticipant(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="programmes"
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=ParticipantRole.choices,
        default=ParticipantRole.PARTICIPANT,
    )

    class Meta:
        ordering = ["role", "id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"
