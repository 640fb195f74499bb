"""Writes made through the API: tokens, and records pushed by member systems.

A pushed record goes through the ingest pipeline like any imported one (the `caravan` record
mapper, the same validation, normalisation, concept linking and report), as a run of its own, so
a registrar sees pushes beside harvests and file imports.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from caravan.accounts.models import User
from caravan.accounts.permissions import can_edit_institution_records
from caravan.api.models import ApiToken
from caravan.catalogue.models import CatalogueObject
from caravan.ingest.mappers.base import RawRecord
from caravan.ingest.models import HarvestRun, RunIssue, RunKind, RunStatus, Severity
from caravan.ingest.pipeline import run_pieces
from caravan.ingest.services import mapping_context, run_finish, run_start, term_linker
from caravan.institutions.models import Institution

TOKEN_PREFIX = "cvn_"  # noqa: S105 - a marker that tells a token apart, not a secret
PUSH_FORMAT = "caravan"
# A token's last use is written at most this often: not one write per request.
LAST_USED_PRECISION = timedelta(minutes=5)


# --------------------------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------------------------


def token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for the user, and its secret (shown once; only its hash is kept)."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=secret[: len(TOKEN_PREFIX) + 6], key_hash=_hash(secret)
    )
    return token, secret


def token_revoke(token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def token_authenticate(secret: str) -> ApiToken | None:
    """The live token with this secret (its user active), or None."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_hash(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def _hash(secret: str) -> str:
    # The secrets are 256 random bits: a plain digest is enough, no slow password hash needed.
    return hashlib.sha256(secret.encode()).hexdigest()


# --------------------------------------------------------------------------------------------
# Pushed records
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PushOutcome:
    run: HarvestRun
    outcome: str  # created, updated, unchanged, withdrawn, not_found or rejected
    object_id: int | None
    problems: list[dict[str, str]]


def record_push(*, user: User, institution: Institution, local_id: str, body: bytes) -> PushOutcome:
    """Create or update one of the institution's records from its JSON; idempotent by content.

    Raises PermissionDenied (before anything is written) when the user may not edit the
    institution's records. A record that fails validation is reported in the run, with its raw
    text kept, and nothing else changes.
    """
    _check_may_edit(user, institution)
    text = body.decode("utf-8", errors="replace")
    run = run_start(
        institution=institution,
        kind=RunKind.PUSH,
        format_name=PUSH_FORMAT,
        location=f"API: PUT {local_id}",
    )
    run_pieces(
        run,
        [RawRecord(identifier=local_id, data=_with_local_id(text, local_id))],
        context=mapping_context(
            institution=institution, source_name="", format_name=PUSH_FORMAT, mapping_text=""
        ),
        link_term=term_linker(),
        workers=1,
    )
    run = run_finish(run, RunStatus.SUCCEEDED)
    stored = CatalogueObject.objects.filter(institution=institution, local_id=local_id)
    object_id = stored.values_list("pk", flat=True).first()
    return PushOutcome(run, _outcome(run), object_id if not run.rejected else None, _problems(run))


def record_withdraw(*, user: User, institution: Institution, local_id: str) -> PushOutcome:
    """Withdraw one of the institution's records: it leaves every public surface, and its row,
    raw record and history stay (a later PUT brings it back)."""
    _check_may_edit(user, institution)
    with transaction.atomic():
        run = run_start(
            institution=institution,
            kind=RunKind.PUSH,
            format_name=PUSH_FORMAT,
            location=f"API: DELETE {local_id}",
        )
        stored = CatalogueObject.objects.filter(institution=institution, local_id=local_id)
        withdrawn = stored.filter(withdrawn_at__isnull=True).update(withdrawn_at=timezone.now())
        HarvestRun.objects.filter(pk=run.pk).update(seen=1, withdrawn=withdrawn)
    run = run_finish(run, RunStatus.SUCCEEDED)
    object_id = stored.values_list("pk", flat=True).first()
    outcome = "withdrawn" if withdrawn else "unchanged"
    return PushOutcome(run, "not_found" if object_id is None else outcome, object_id, [])


def _check_may_edit(user: User, institution: Institution) -> None:
    if not can_edit_institution_records(user, institution.pk):
        raise PermissionDenied(
            f"this token may not change the records of institution '{institution.code}'"
        )


def _with_local_id(text: str, local_id: str) -> str:
    """The body with the URL's local identifier, which names the record; a body naming another
    one is left as it is and refused by the check in record_push's caller."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return text  # the mapper reports it, with the text kept
    if isinstance(data, dict) and "local_id" not in data:
        data["local_id"] = local_id
        return json.dumps(data, ensure_ascii=False)
    return text


def body_local_id(body: bytes) -> str | None:
    """The local identifier a JSON body names, if it names one."""
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    if isinstance(data, dict) and data.get("local_id") is not None:
        return str(data["local_id"])
    return None


def _outcome(run: HarvestRun) -> str:
    for name in ("rejected", "created", "updated", "unchanged"):
        if getattr(run, name):
            return name
    return "rejected"


def _problems(run: HarvestRun) -> list[dict[str, str]]:
    issues = RunIssue.objects.filter(run=run).order_by("pk")
    return [
        {
            "severity": "error" if issue.severity == Severity.ERROR else "warning",
            "problem": issue.problem,
        }
        for issue in issues
    ]
