"""Loans: one record per lender and exhibition, seen by both sides, with its dated history."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from caravan.catalogue.models import CatalogueObject
from caravan.core.fields import LanguageMapField
from caravan.core.storage import protected_storage
from caravan.exhibitions.models.exhibitions import ChecklistItem, Exhibition, Venue
from caravan.exhibitions.models.validators import validate_currency_code
from caravan.exhibitions.workflow import LoanStatus, Side
from caravan.institutions.models import Institution


class LoanRequest(models.Model):
    """The loan of one lender's objects to one exhibition: the same row on both sides' desks.

    The borrower is the exhibition's lead organiser; the status moves only through
    ``services.loans.loan_transition``, which records each move as a LoanTransition.
    """

    exhibition = models.ForeignKey(
        Exhibition, verbose_name=_("exhibition"), on_delete=models.PROTECT, related_name="loans"
    )
    lender = models.ForeignKey(
        Institution, verbose_name=_("lender"), on_delete=models.PROTECT, related_name="loans_out"
    )
    borrower = models.ForeignKey(
        Institution, verbose_name=_("borrower"), on_delete=models.PROTECT, related_name="loans_in"
    )
    venues = models.ManyToManyField(
        Venue,
        verbose_name=_("venues"),
        blank=True,
        related_name="loans",
        help_text=_("The stops of the itinerary the objects travel to."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=LoanStatus.choices,
        default=LoanStatus.DRAFT,
        db_index=True,
    )
    conditions = LanguageMapField(
        _("conditions"), help_text=_("The lender's conditions of the loan, set on approval.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The lender sees the loan from its first submission on; a draft is the borrower's alone.
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("last moved"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-status_changed_at", "-id"]
        verbose_name = _("loan request")
        verbose_name_plural = _("loan requests")
        constraints = [
            models.CheckConstraint(
                condition=~Q(lender=F("borrower")), name="loan_lender_is_not_the_borrower"
            ),
            # New checklist objects join the lender's draft, so there is at most one.
            models.UniqueConstraint(
                fields=["exhibition", "lender"],
                condition=Q(status="draft"),
                name="one_draft_loan_per_lender",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.lender} → {self.borrower}"

    @property
    def reference(self) -> str:
        return f"L{self.pk or 0:05d}"

    def side_institution(self, side: str) -> Institution:
        return self.lender if side == Side.LENDER else self.borrower


class ObjectDecision(models.TextChoices):
    PENDING = "pending", _("Not decided")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


class LoanObject(models.Model):
    """One checklist object in a loan, with its own decision and its terms."""

    loan = models.ForeignKey(
        LoanRequest, verbose_name=_("loan"), on_delete=models.CASCADE, related_name="loan_objects"
    )
    # The object itself is kept, so a declined or finished loan still says what it was about
    # after the item leaves the checklist.
    object = models.ForeignKey(
        CatalogueObject,
        verbose_name=_("object"),
        on_delete=models.PROTECT,
        related_name="loan_objects",
    )
    item = models.ForeignKey(
        ChecklistItem,
        verbose_name=_("checklist item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="loan_objects",
    )
    decision = models.CharField(
        _("decision"),
        max_length=10,
        choices=ObjectDecision.choices,
        default=ObjectDecision.PENDING,
    )
    decision_reason = LanguageMapField(_("reason"))
    insurance_value = models.DecimalField(
        _("insurance value"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    insurance_currency = models.CharField(
        _("currency"),
        max_length=3,
        blank=True,
        validators=[validate_currency_code],
        help_text=_("ISO 4217 code, e.g. CNY, EUR, USD."),
    )
    courier_required = models.BooleanField(_("courier required"), default=False)
    courier_notes = LanguageMapField(_("courier notes"))
    credit_line = LanguageMapField(_("credit line"))

    class Meta:
        ordering = ["loan", "item__position", "id"]
        verbose_name = _("loan object")
        verbose_name_plural = _("loan objects")
        constraints = [
            models.UniqueConstraint(fields=["loan", "object"], name="object_once_per_loan"),
        ]

    def __str__(self) -> str:
        return f"{self.loan.reference}: {self.object}"


class LoanTransition(models.Model):
    """One move of a loan: from, to, by whom (and for which side), when, with what comment."""

    loan = models.ForeignKey(
        LoanRequest, verbose_name=_("loan"), on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(_("from"), max_length=20, choices=LoanStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=LoanStatus.choices)
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="loan_transitions",
    )
    # Kept as text too, so the history still says who acted after an account is deleted.
    by_name = models.CharField(_("by (name)"), max_length=150, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    comment = LanguageMapField(_("comment"))

    class Meta:
        ordering = ["loan", "at", "id"]
        verbose_name = _("loan transition")
        verbose_name_plural = _("loan history")

    def __str__(self) -> str:
        return f"{self.loan.reference}: {self.from_status or '–'} → {self.to_status}"


class Checkpoint(models.TextChoices):
    OUTGOING = "outgoing", _("Outgoing (at the lender, before dispatch)")
    ARRIVAL = "arrival", _("Arrival (at the venue)")
    DEPARTURE = "departure", _("Departure (at the venue, before packing)")
    RETURN = "return", _("Return (at the lender)")


# Who examines an object at each checkpoint: the lender at home, the borrower at the venues.
CHECKPOINT_SIDES: dict[str, str] = {
    Checkpoint.OUTGOING: Side.LENDER,
    Checkpoint.ARRIVAL: Side.BORROWER,
    Checkpoint.DEPARTURE: Side.BORROWER,
    Checkpoint.RETURN: Side.LENDER,
}


class ConditionGrade(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    GOOD = "good", _("Good")
    FAIR = "fair", _("Fair")
    POOR = "poor", _("Poor")
    DAMAGED = "damaged", _("Damaged")


class ConditionReport(models.Model):
    """The state of one loaned object at one checkpoint, as its examiner found it."""

    loan_object = models.ForeignKey(
        LoanObject,
        verbose_name=_("loan object"),
        on_delete=models.CASCADE,
        related_name="condition_reports",
    )
    checkpoint = models.CharField(_("checkpoint"), max_length=10, choices=Checkpoint.choices)
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="condition_reports",
        help_text=_("For arrival and departure: which stop of the itinerary."),
    )
    grade = models.CharField(_("condition"), max_length=10, choices=ConditionGrade.choices)
    notes = LanguageMapField(_("notes"))
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("examined by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reported_on = models.DateField(_("examined on"))
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["loan_object", "reported_on", "id"]
        verbose_name = _("condition report")
        verbose_name_plural = _("condition reports")

    def __str__(self) -> str:
        return f"{self.loan_object}: {self.checkpoint} {self.reported_on:%Y-%m-%d}"


def condition_photo_path(instance: ConditionPhoto, filename: str) -> str:
    return f"condition-reports/{instance.report_id}/{filename}"


class ConditionPhoto(models.Model):
    """A photograph of a condition report; in protected storage (the two sides only)."""

    report = models.ForeignKey(
        ConditionReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(
        _("photograph"), upload_to=condition_photo_path, storage=protected_storage, max_length=300
    )
    caption = LanguageMapField(_("caption"))
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "id"]
        verbose_name = _("condition photograph")
        verbose_name_plural = _("condition photographs")

    def __str__(self) -> str:
        return self.image.name.rsplit("/", 1)[-1]
