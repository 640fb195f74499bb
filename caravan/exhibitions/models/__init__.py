"""Joint exhibitions and the loans between members that fill them."""

from caravan.exhibitions.models.exhibitions import (
    ChecklistItem,
    Exhibition,
    FacilityReport,
    FireSuppression,
    Venue,
)
from caravan.exhibitions.models.loans import (
    CHECKPOINT_SIDES,
    Checkpoint,
    ConditionGrade,
    ConditionPhoto,
    ConditionReport,
    LoanObject,
    LoanRequest,
    LoanTransition,
    ObjectDecision,
)
from caravan.exhibitions.models.notifications import Notification
from caravan.exhibitions.workflow import ExhibitionStatus, LoanStatus, Side

__all__ = [
    "CHECKPOINT_SIDES",
    "ChecklistItem",
    "Checkpoint",
    "ConditionGrade",
    "ConditionPhoto",
    "ConditionReport",
    "Exhibition",
    "ExhibitionStatus",
    "FacilityReport",
    "FireSuppression",
    "LoanObject",
    "LoanRequest",
    "LoanStatus",
    "LoanTransition",
    "Notification",
    "ObjectDecision",
    "Side",
    "Venue",
]
