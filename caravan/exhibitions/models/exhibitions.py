"""Exhibition projects, their itinerary of venues, their checklist and venues' facility reports."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from caravan.catalogue.models import CatalogueObject
from caravan.core.codes import validate_country_code
from caravan.core.fields import LanguageMapField
from caravan.core.langmap import display_text
from caravan.exhibitions.workflow import PUBLIC_EXHIBITION_STATUSES, ExhibitionStatus
from caravan.institutions.models import Alliance, Institution, Person, validate_code


class ClimateRange(models.Model):
    """Temperature and relative humidity ranges: what an object needs, or what a venue keeps."""

    temperature_min_c = models.DecimalField(
        _("temperature from (°C)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    temperature_max_c = models.DecimalField(
        _("temperature to (°C)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    humidity_min = models.DecimalField(
        _("relative humidity from (%)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    humidity_max = models.DecimalField(
        _("relative humidity to (%)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    class Meta:
        abstract = True


class Exhibition(models.Model):
    """A joint exhibition project: who organises it, who curates it, where it travels."""

    code = models.CharField(_("code"), max_length=40, unique=True, validators=[validate_code])
    titles = LanguageMapField(_("title"))
    subtitles = LanguageMapField(_("subtitle"))
    description = LanguageMapField(_("description"))
    theme = LanguageMapField(_("theme"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ExhibitionStatus.choices,
        default=ExhibitionStatus.IDEA,
        db_index=True,
    )
    alliance = models.ForeignKey(
        Alliance,
        verbose_name=_("alliance"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="exhibitions",
        help_text=_("The alliance whose cooperation this exhibition is part of, if any."),
    )
    lead_organiser = models.ForeignKey(
        Institution,
        verbose_name=_("lead organiser"),
        on_delete=models.PROTECT,
        related_name="exhibitions_led",
        help_text=_("The borrower of every loan for this exhibition."),
    )
    co_organisers = models.ManyToManyField(
        Institution,
        verbose_name=_("co-organisers"),
        blank=True,
        related_name="exhibitions_co_organised",
    )
    curators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("curators (users)"),
        blank=True,
        related_name="exhibitions_curated",
    )
    curator_people = models.ManyToManyField(
        Person, verbose_name=_("curators (people)"), blank=True, related_name="exhibitions_curated"
    )
    # For the organisers only: never shown on public pages or in the API.
    budget_notes = LanguageMapField(_("budget notes"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("exhibition")
        verbose_name_plural = _("exhibitions")

    def __str__(self) -> str:
        return display_text(self.titles, self.code)

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_EXHIBITION_STATUSES

    def organiser_ids(self) -> set[int]:
        """The lead organiser and the co-organisers."""
        return {self.lead_organiser_id, *self.co_organisers.values_list("pk", flat=True)}


class Venue(models.Model):
    """One stop of the itinerary: a member institution, or a named place in a city."""

    exhibition = models.ForeignKey(
        Exhibition, verbose_name=_("exhibition"), on_delete=models.CASCADE, related_name="venues"
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="exhibition_venues",
    )
    place_name = LanguageMapField(_("place"))
    city = LanguageMapField(_("city"))
    country = models.CharField(
        _("country"), max_length=2, blank=True, validators=[validate_country_code]
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    attendance = models.PositiveIntegerField(_("attendance"), null=True, blank=True)

    class Meta:
        ordering = ["exhibition", "opens_on", "id"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="venue_closes_after_it_opens"
            ),
        ]

    def __str__(self) -> str:
        where = str(self.institution) if self.institution else display_text(self.place_name, "")
        return f"{where} {self.opens_on:%Y-%m-%d}–{self.closes_on:%Y-%m-%d}".strip()

    def clean(self) -> None:
        if self.institution_id is None and not self.place_name:
            raise ValidationError({"place_name": _("Name the institution or the place.")})
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("A venue cannot close before it opens.")})

    def overlaps(self, start: datetime.date, end: datetime.date) -> bool:
        return self.opens_on <= end and start <= self.closes_on


class ChecklistItem(ClimateRange):
    """An object in the exhibition, from any member's collection, with how it is to be shown.

    Display requirements are typed fields (the lender's conditions, not a free-form note):
    ``light_max_lux`` is the most light on the object; the climate ranges are in °C and per cent
    relative humidity; ``mount`` says how it is mounted or supported.
    """

    exhibition = models.ForeignKey(
        Exhibition, verbose_name=_("exhibition"), on_delete=models.CASCADE, related_name="checklist"
    )
    object = models.ForeignKey(
        CatalogueObject,
        verbose_name=_("object"),
        on_delete=models.PROTECT,
        related_name="checklist_items",
    )
    section = LanguageMapField(_("section"))
    position = models.PositiveIntegerField(_("order"), default=0)
    catalogue_number = models.CharField(_("catalogue number"), max_length=40, blank=True)
    label = LanguageMapField(_("label text"))
    light_max_lux = models.PositiveIntegerField(_("light, at most (lux)"), null=True, blank=True)
    mount = LanguageMapField(_("mount"))
    display_notes = LanguageMapField(_("display notes"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["exhibition", "position", "id"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist")
        constraints = [
            models.UniqueConstraint(
                fields=["exhibition", "object"], name="object_once_per_checklist"
            ),
            models.CheckConstraint(
                condition=Q(temperature_min_c__isnull=True)
                | Q(temperature_max_c__isnull=True)
                | Q(temperature_min_c__lte=F("temperature_max_c")),
                name="checklist_temperature_range",
            ),
            models.CheckConstraint(
                condition=Q(humidity_min__isnull=True)
                | Q(humidity_max__isnull=True)
                | Q(humidity_min__lte=F("humidity_max")),
                name="checklist_humidity_range",
            ),
        ]

    def __str__(self) -> str:
        number = f"{self.catalogue_number} " if self.catalogue_number else ""
        return f"{number}{self.object}"

    def clean(self) -> None:
        _check_range(self, "temperature_min_c", "temperature_max_c")
        _check_range(self, "humidity_min", "humidity_max")


class FireSuppression(models.TextChoices):
    NONE = "none", _("None")
    WET_SPRINKLER = "wet_sprinkler", _("Wet-pipe sprinklers")
    DRY_SPRINKLER = "dry_sprinkler", _("Dry-pipe or pre-action sprinklers")
    WATER_MIST = "water_mist", _("Water mist")
    GAS = "gas", _("Inert gas or clean agent")
    OTHER = "other", _("Other")


class FacilityReport(ClimateRange):
    """What a venue offers the objects it borrows: security, fire, climate, light.

    A venue may file several over time; the newest is the current one.
    """

    venue = models.ForeignKey(
        Venue, verbose_name=_("venue"), on_delete=models.CASCADE, related_name="facility_reports"
    )
    guards_24h = models.BooleanField(_("guards around the clock"), default=False)
    intruder_alarm = models.BooleanField(_("intruder alarm"), default=False)
    cctv = models.BooleanField(_("CCTV"), default=False)
    cases_alarmed = models.BooleanField(_("display cases alarmed"), default=False)
    fire_detection = models.BooleanField(_("automatic fire detection"), default=False)
    fire_suppression = models.CharField(
        _("fire suppression"),
        max_length=20,
        choices=FireSuppression.choices,
        default=FireSuppression.NONE,
    )
    climate_logged = models.BooleanField(_("climate continuously logged"), default=False)
    light_max_lux = models.PositiveIntegerField(
        _("light in the galleries, at most (lux)"), null=True, blank=True
    )
    uv_filtered = models.BooleanField(_("UV filtered"), default=False)
    loading_dock = models.BooleanField(_("covered loading dock"), default=False)
    notes = LanguageMapField(_("notes"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        ordering = ["venue", "-submitted_at", "-id"]
        verbose_name = _("facility report")
        verbose_name_plural = _("facility reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(temperature_min_c__isnull=True)
                | Q(temperature_max_c__isnull=True)
                | Q(temperature_min_c__lte=F("temperature_max_c")),
                name="facility_temperature_range",
            ),
            models.CheckConstraint(
                condition=Q(humidity_min__isnull=True)
                | Q(humidity_max__isnull=True)
                | Q(humidity_min__lte=F("humidity_max")),
                name="facility_humidity_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.venue}: facility report"

    def clean(self) -> None:
        _check_range(self, "temperature_min_c", "temperature_max_c")
        _check_range(self, "humidity_min", "humidity_max")


def _check_range(instance: models.Model, low: str, high: str) -> None:
    lowest, highest = getattr(instance, low), getattr(instance, high)
    if lowest is not None and highest is not None and lowest > highest:
        raise ValidationError({high: _("The upper end is below the lower end.")})
