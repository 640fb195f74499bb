"""Institutions, the alliances they form, their memberships and their staff contacts."""

from __future__ import annotations

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from caravan.core.codes import validate_country_code
from caravan.core.fields import LanguageMapField
from caravan.core.langmap import display_text
from caravan.core.storage import protected_storage

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


# --- Admission and governance -----------------------------------------------------------------


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    REVIEWED = "reviewed", _("Reviewed by the secretariat")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Not accepted")


class DecisionKind(models.TextChoices):
    ADMISSION = "admission", _("Admission of members")
    REJECTION = "rejection", _("Application not accepted")
    OFFICE = "office", _("Election or appointment")
    CONVENER = "convener", _("Convener rotation")
    DECLARATION = "declaration", _("Declaration adopted")
    OTHER = "other", _("Other decision")


class CouncilDecision(models.Model):
    """A decision of an alliance's council, as minuted: what, when, at which meeting, the vote."""

    alliance = models.ForeignKey(
        Alliance, verbose_name=_("alliance"), on_delete=models.CASCADE, related_name="decisions"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DecisionKind.choices)
    decided_on = models.DateField(_("decided on"))
    meeting = LanguageMapField(_("meeting"))
    text = LanguageMapField(_("decision"))
    votes_for = models.PositiveIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("votes against"), null=True, blank=True)
    abstentions = models.PositiveIntegerField(_("abstentions"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("council decision")
        verbose_name_plural = _("council decisions")

    def __str__(self) -> str:
        return f"{self.alliance.code} {self.decided_on:%Y-%m-%d}: {self.get_kind_display()}"

    @property
    def has_vote(self) -> bool:
        return self.votes_for is not None


class MembershipApplication(models.Model):
    """An institution's application to join an alliance, from the public form to the decision.

    The applicant may not be registered yet: the form carries the institution's details, and
    acceptance creates the institution (or uses the registered one with the same code).
    """

    alliance = models.ForeignKey(
        Alliance, verbose_name=_("alliance"), on_delete=models.CASCADE, related_name="applications"
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    institution_code = models.CharField(
        _("proposed code"), max_length=40, validators=[validate_code]
    )
    institution_names = LanguageMapField(_("institution name"))
    country = models.CharField(_("country"), max_length=2, validators=[validate_country_code])
    institution_type = models.CharField(
        _("type"), max_length=32, choices=InstitutionType.choices, default=InstitutionType.OTHER
    )
    city = LanguageMapField(_("city"))
    website = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    motivation = LanguageMapField(_("why join"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
        db_index=True,
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    submitted_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_note = LanguageMapField(_("secretariat's review"))
    reviewed_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    decision = models.ForeignKey(
        CouncilDecision,
        verbose_name=_("council decision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    membership = models.ForeignKey(
        Membership,
        verbose_name=_("membership"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")

    def __str__(self) -> str:
        return f"{display_text(self.institution_names, self.institution_code)} → {self.alliance}"

    @property
    def is_open(self) -> bool:
        return self.status in (ApplicationStatus.SUBMITTED, ApplicationStatus.REVIEWED)


def application_document_path(instance: ApplicationDocument, filename: str) -> str:
    return f"applications/{instance.application_id}/{filename}"


class ApplicationDocument(models.Model):
    """A supporting document of an application; kept in protected storage (secretariat only)."""

    application = models.ForeignKey(
        MembershipApplication, on_delete=models.CASCADE, related_name="documents"
    )
    title = LanguageMapField(_("title"))
    file = models.FileField(
        _("file"), upload_to=application_document_path, storage=protected_storage
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("supporting document")
        verbose_name_plural = _("supporting documents")

    def __str__(self) -> str:
        return display_text(self.title, self.file.name.rsplit("/", 1)[-1])


class Office(models.TextChoices):
    PRESIDENT = "president", _("President")
    VICE_PRESIDENT = "vice_president", _("Vice-president")
    SECRETARY_GENERAL = "secretary_general", _("Secretary-general")
    CONVENER = "convener", _("Rotating convener")


# Offices held by one institution at a time; vice-presidents are several.
SINGLE_HOLDER_OFFICES = frozenset({Office.PRESIDENT, Office.SECRETARY_GENERAL, Office.CONVENER})


class OfficeTerm(models.Model):
    """A term of office in an alliance, held by a member institution (and optionally a person).

    A term runs from ``start_date`` up to, not including, ``end_date`` — the day the next holder
    takes over — so consecutive terms of a rotation share their boundary date.
    """

    alliance = models.ForeignKey(
        Alliance, verbose_name=_("alliance"), on_delete=models.CASCADE, related_name="office_terms"
    )
    office = models.CharField(_("office"), max_length=20, choices=Office.choices)
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="office_terms",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="office_terms",
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    decision = models.ForeignKey(
        CouncilDecision,
        verbose_name=_("council decision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="office_terms",
    )
    note = LanguageMapField(_("note"))

    class Meta:
        ordering = ["alliance", "office", "start_date", "id"]
        verbose_name = _("term of office")
        verbose_name_plural = _("terms of office")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gt=models.F("start_date")),
                name="office_term_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.alliance.code} {self.office}: {self.institution.code} from {self.start_date}"

    def covers(self, day: datetime.date) -> bool:
        return self.start_date <= day and (self.end_date is None or day < self.end_date)
