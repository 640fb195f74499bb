"""What an alliance's members do together: agreements, programmes, meetings, shared resources."""

from caravan.cooperation.models.agreements import (
    Agreement,
    AgreementDocument,
    AgreementKind,
    AgreementParty,
    AgreementScope,
    AgreementVisibility,
)
from caravan.cooperation.models.events import (
    DocumentKind,
    DocumentVisibility,
    Event,
    EventDecision,
    EventDocument,
    EventKind,
    EventParticipation,
    EventSession,
    SessionKind,
)
from caravan.cooperation.models.programmes import (
    ParticipantRole,
    Programme,
    ProgrammeFormat,
    ProgrammeKind,
    ProgrammeParticipant,
)
from caravan.cooperation.models.resources import (
    Access,
    RequestStatus,
    ResourceDownload,
    ResourceKind,
    ResourceRequest,
    SharedResource,
)

__all__ = [
    "Access",
    "Agreement",
    "AgreementDocument",
    "AgreementKind",
    "AgreementParty",
    "AgreementScope",
    "AgreementVisibility",
    "DocumentKind",
    "DocumentVisibility",
    "Event",
    "EventDecision",
    "EventDocument",
    "EventKind",
    "EventParticipation",
    "EventSession",
    "ParticipantRole",
    "Programme",
    "ProgrammeFormat",
    "ProgrammeKind",
    "ProgrammeParticipant",
    "RequestStatus",
    "ResourceDownload",
    "ResourceKind",
    "ResourceRequest",
    "SessionKind",
    "SharedResource",
]
