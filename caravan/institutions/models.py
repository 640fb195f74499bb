"""Institutions, the alliances they form, their memberships and their staff contacts."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from caravan.core.codes import validate_country_code
from caravan.core.fields import LanguageMapField
from caravan.core.langmap import display_text

validate_code = RegexValidator(
    r"^[a-z0-9][a-z0-9-]{0,39}$",
    _("A code is 1–40 lower-case letters, digits or hyphens, starting with a letter or digit."),
)
validate_wikidata = RegexValidator(r"^Q[1-9][0-9]*$", _("A Wikidata item is Q followed by digits."))
validate_isil = RegexValidator(
    r"^[A-Za-z]{1,4}-[A-Za-z0-9:/-]{1,11}$", _("An ISIL is a prefix, a hyphen and an identifier.")
)


class InstitutionType(models.TextChoices):
    HISTORY = "history", _("History museum")
    ART = "art", _("Art museum")
    ARCHAEOLOGY = "archaeology", _("Archaeology museum")
    SCIENCE_TECHNOLOGY = "science_technology", _("Science and technology museum")
    NATURAL_HISTORY = "natural_history", _("Natural history museum")
    PLANETARIUM = "planetarium", _("Planetarium")
    LIBRARY_ARCHIVE = "library_archive", _("Library or archive")
    OTHER = "other", _("Other")


class Institution(models.Model):
    code = models.CharField(_("code"), max_length=40, unique=True, validators=[validate_code])
    names = LanguageMapField(_("names"))
    short_name = LanguageMapField(_("short name"))
    type = models.CharField(
        _("type"), max_length=32, choices=InstitutionType.choices, default=InstitutionType.OTHER
    )
    country = models.CharField(
        _("country"), max_length=2, validators=[validate_country_code], db_index=True
    )
    city = LanguageMapField(_("city"))
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    isil = models.CharField(_("ISIL"), max_length=16, blank=True, validators=[validate_isil])
    wikidata = models.CharField(
        _("Wikidata item"), max_length=16, blank=True, validators=[validate_wikidata]
    )
    website = models.URLField(_("website"), blank=True)
    description = LanguageMapField(_("description"))
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self) -> str:
        return display_text(self.names, self.code)


class Alliance(models.Model):
    code = models.CharField(_("code"), max_length=40, unique=True, validators=[validate_code])
    names = LanguageMapField(_("names"))
    acronym = models.CharField(_("acronym"), max_length=20, blank=True)
    founded = models.DateField(_("founded"), null=True, blank=True)
    secretariat = models.ForeignKey(
        Institution,
        verbose_name=_("secretariat"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="secretariat_of",
    )
    description = LanguageMapField(_("description"))
    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("Shown with a clear 'sample data' label on every page."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("alliance")
        verbose_name_plural = _("alliances")

    def __str__(self) -> str:
        return display_text(self.names, self.code)


class MembershipRole(models.TextChoices):
    FOUNDING_MEMBER = "founding_member", _("Founding member")
    MEMBER = "member", _("Member")
    PRESIDENT = "president", _("President")
    VICE_PRESIDENT = "vice_president", _("Vice-president")
    SECRETARIAT = "secretariat", _("Secretary-general / secretariat")
    CONVENER = "convener", _("Convener")


class MembershipStatus(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    MEMBER = "member", _("Member")
    SUSPENDED = "suspended", _("Suspended")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Membership(models.Model):
    """One period of an institution's standing in an alliance.

    A change of role or status never overwrites a row: it ends the current period and opens a
    new one (see services.membership_change), so the rows are the membership's dated history.
    """

    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    alliance = models.ForeignKey(
        Alliance, verbose_name=_("alliance"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MembershipStatus.choices,
        default=MembershipStatus.MEMBER,
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["alliance", "institution", "-start_date", "-id"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "alliance"],
                condition=Q(end_date__isnull=True),
                name="one_current_membership_per_alliance",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.institution.code} in {self.alliance.code}: {self.role}, {self.status}"

    @property
    def is_current(self) -> bool:
        return self.end_date is None


class Person(models.Model):
    """A staff contact. Contact details are for members' staff only, never shown publicly."""

    names = LanguageMapField(_("names"))
    affiliation = models.ForeignKey(
        Institution,
        verbose_name=_("affiliation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    position = LanguageMapField(_("position"))
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return display_text(self.names, f"person {self.pk}")
