"""Agreements and memoranda between institutions and alliances."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from caravan.cooperation.models.validators import ChoiceListValidator
from caravan.core.fields import LanguageMapField
from caravan.core.langmap import display_text
from caravan.core.storage import protected_storage
from caravan.institutions.models import Alliance, Institution, validate_code


class AgreementKind(models.TextChoices):
    MOU = "mou", _("Memorandum of understanding")
    FRAMEWORK = "framework", _("Cooperation framework")
    RESOURCE_SHARING = "resource_sharing", _("Resource-sharing agreement")
    LOAN = "loan", _("Loan agreement")
    OTHER = "other", _("Other agreement")


class AgreementScope(models.TextChoices):
    JOINT_EXHIBITIONS = "joint_exhibitions", _("Joint exhibitions")
    DIGITAL_SHARING = "digital_sharing", _("Digital sharing")
    STAFF_EXCHANGE = "staff_exchange", _("Staff exchange")
    RESEARCH = "research", _("Research")
    TRAINING = "training", _("Training")
    CREATIVE_PRODUCTS = "creative_products", _("Creative products")


class AgreementVisibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members of the alliance")
    PRIVATE = "private", _("The parties only")


validate_scope = ChoiceListValidator(AgreementScope.values)


class Agreement(models.Model):
    code = models.CharField(_("code"), max_length=40, unique=True, validators=[validate_code])
    kind = models.CharField(_("type"), max_length=20, choices=AgreementKind.choices)
    titles = LanguageMapField(_("title"))
    summary = LanguageMapField(_("summary"))
    alliance = models.ForeignKey(
        Alliance,
        verbose_name=_("alliance"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agreements",
        help_text=_("The alliance it was made in; its members see members-only agreements."),
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_at = LanguageMapField(_("place of signing"))
    signed_at_event = models.ForeignKey(
        "cooperation.Event",
        verbose_name=_("signed at the event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agreements_signed",
    )
    starts_on = models.DateField(_("in force from"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    scope = models.JSONField(_("scope"), default=list, blank=True, validators=[validate_scope])
    outcomes = LanguageMapField(_("what came of it"))
    visibility = models.CharField(
        _("visible to"),
        max_length=10,
        choices=AgreementVisibility.choices,
        default=AgreementVisibility.PUBLIC,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-signed_on", "code"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return display_text(self.titles, self.code)

    def scope_labels(self) -> list[str]:
        return [str(AgreementScope(tag).label) for tag in self.scope if tag in AgreementScope]


class AgreementParty(models.Model):
    """One party to an agreement: an institution or a whole alliance."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreement_parties",
    )
    alliance = models.ForeignKey(
        Alliance,
        verbose_name=_("alliance"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreement_parties",
    )
    signatory = LanguageMapField(_("signed by"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.CheckConstraint(
                condition=(Q(institution__isnull=False) & Q(alliance__isnull=True))
                | (Q(institution__isnull=True) & Q(alliance__isnull=False)),
                name="party_is_an_institution_or_an_alliance",
            ),
        ]

    def __str__(self) -> str:
        return str(self.institution or self.alliance)

    @property
    def party(self) -> Institution | Alliance:
        party = self.institution or self.alliance
        assert party is not None  # noqa: S101 - the check constraint guarantees one
        return party


def agreement_document_path(instance: AgreementDocument, filename: str) -> str:
    return f"agreements/{instance.agreement_id}/{filename}"


class AgreementDocument(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="documents")
    titles = LanguageMapField(_("title"))
    language = models.CharField(_("language"), max_length=35, blank=True)
    file = models.FileField(_("file"), upload_to=agreement_document_path, storage=protected_storage)

    class Meta:
        ordering = ["id"]
        verbose_name = _("signed document")
        verbose_name_plural = _("signed documents")

    def __str__(self) -> str:
        return display_text(self.titles, self.file.name.rsplit("/", 1)[-1])
