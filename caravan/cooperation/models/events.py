"""Conferences and meetings: sessions, delegations, documents and decisions."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from caravan.core.codes import validate_country_code
from caravan.core.fields import LanguageMapField
from caravan.core.langmap import display_text
from caravan.core.storage import protected_storage
from caravan.institutions.models import Alliance, Institution, Person, validate_code


class EventKind(models.TextChoices):
    CONFERENCE = "conference", _("Conference")
    GENERAL_ASSEMBLY = "general_assembly", _("General assembly")
    COUNCIL_MEETING = "council_meeting", _("Council meeting")
    SYMPOSIUM = "symposium", _("Symposium")
    FORUM = "forum", _("Forum")


class Event(models.Model):
    code = models.CharField(_("code"), max_length=40, unique=True, validators=[validate_code])
    kind = models.CharField(_("type"), max_length=20, choices=EventKind.choices)
    titles = LanguageMapField(_("title"))
    summary = LanguageMapField(_("summary"))
    alliance = models.ForeignKey(
        Alliance,
        verbose_name=_("alliance"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    venue = LanguageMapField(_("venue"))
    city = LanguageMapField(_("city"))
    country = models.CharField(
        _("country"), max_length=2, blank=True, validators=[validate_country_code]
    )
    host = models.ForeignKey(
        Institution,
        verbose_name=_("host"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events_hosted",
    )
    organisers = models.ManyToManyField(
        Institution, verbose_name=_("organisers"), blank=True, related_name="events_organised"
    )

    class Meta:
        ordering = ["-starts_on", "code"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return display_text(self.titles, self.code)


class SessionKind(models.TextChoices):
    OPENING = "opening", _("Opening")
    KEYNOTE = "keynote", _("Keynote")
    PLENARY = "plenary", _("Plenary session")
    PARALLEL = "parallel", _("Parallel session")
    PANEL = "panel", _("Panel")
    SIGNING = "signing", _("Signing ceremony")
    CLOSING = "closing", _("Closing")


class EventSession(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(_("type"), max_length=20, choices=SessionKind.choices)
    titles = LanguageMapField(_("title"))
    topic = LanguageMapField(_("topic"))
    day = models.DateField(_("day"), null=True, blank=True)
    starts_at = models.TimeField(_("starts at"), null=True, blank=True)
    room = LanguageMapField(_("room"))
    speakers = models.ManyToManyField(
        Person, verbose_name=_("speakers"), blank=True, related_name="event_sessions"
    )

    class Meta:
        ordering = ["day", "starts_at", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return display_text(self.titles, f"session {self.pk}")


class EventParticipation(models.Model):
    """An institution's delegation to an event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participations")
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="event_participations",
    )
    delegates = models.PositiveSmallIntegerField(_("delegates"), default=1)

    class Meta:
        ordering = ["institution__country", "institution__code"]
        verbose_name = _("participating institution")
        verbose_name_plural = _("participating institutions")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "institution"], name="one_delegation_per_event"
            )
        ]

    def __str__(self) -> str:
        return f"{self.institution} at {self.event}"


class DocumentKind(models.TextChoices):
    DECLARATION = "declaration", _("Declaration")
    WORK_REPORT = "work_report", _("Work report")
    MINUTES = "minutes", _("Minutes")
    PROGRAMME = "programme", _("Programme")
    OTHER = "other", _("Other document")


class DocumentVisibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members of the alliance")


def event_document_path(instance: EventDocument, filename: str) -> str:
    return f"events/{instance.event_id}/{filename}"


class EventDocument(models.Model):
    """A document of a meeting; its text may be given in several languages."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("type"), max_length=20, choices=DocumentKind.choices)
    titles = LanguageMapField(_("title"))
    text = LanguageMapField(_("text"))
    file = models.FileField(
        _("file"), upload_to=event_document_path, storage=protected_storage, blank=True
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    visibility = models.CharField(
        _("visible to"),
        max_length=10,
        choices=DocumentVisibility.choices,
        default=DocumentVisibility.PUBLIC,
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")

    def __str__(self) -> str:
        return display_text(self.titles, self.get_kind_display())


class EventDecision(models.Model):
    """A council decision taken at this event, and the document it adopted, if any."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="decisions")
    decision = models.ForeignKey(
        "institutions.CouncilDecision",
        verbose_name=_("council decision"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    document = models.ForeignKey(
        EventDocument,
        verbose_name=_("document adopted"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("decision taken")
        verbose_name_plural = _("decisions taken")
        constraints = [
            models.UniqueConstraint(fields=["event", "decision"], name="decision_once_per_event")
        ]

    def __str__(self) -> str:
        return str(self.decision)
