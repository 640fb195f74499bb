"""Commands for institutions, alliances and memberships."""

from __future__ import annotations

import datetime
import re
from typing import Any

import click

from caravan.cli.base import CliError, echo_json, reported_as_cli_errors, start_django

_TAGGED = re.compile(r"^(?P<tag>[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)=(?P<text>.+)$", re.DOTALL)
INSTITUTION_TYPES = (
    "history",
    "art",
    "archaeology",
    "science_technology",
    "natural_history",
    "planetarium",
    "library_archive",
    "other",
)
ROLES = ("founding_member", "member", "president", "vice_president", "secretariat", "convener")
STATUSES = ("applicant", "member", "suspended", "withdrawn")

name_option = click.option(
    "--name",
    "names",
    multiple=True,
    required=True,
    help="The name; repeat as LANG=NAME for other languages (e.g. --name zh-Hans=故宫博物院).",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")


def date_option(*names: str, help: str) -> Any:
    """An optional YYYY-MM-DD option."""
    return click.option(*names, type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help=help)


def language_map_from_options(values: tuple[str, ...], default_language: str) -> dict[str, str]:
    """Options to a language map: 'Palace Museum', 'zh-Hans=故宫博物院' → en and zh-Hans texts."""
    from caravan.core.langmap import LanguageMapError, clean_language_map

    raw: dict[str, str] = {}
    for value in values:
        tagged = _TAGGED.match(value)
        tag, text = (tagged["tag"], tagged["text"]) if tagged else (default_language, value)
        raw[tag] = text
    try:
        return clean_language_map(raw)
    except LanguageMapError as error:
        raise CliError(str(error)) from error


def institution_as_dict(institution: Any) -> dict[str, Any]:
    return {
        "code": institution.code,
        "names": institution.names,
        "country": institution.country,
        "type": institution.type,
        "city": institution.city,
        "website": institution.website,
    }


@click.group()
def institution() -> None:
    """Member institutions: museums, libraries, archives."""


@institution.command(name="add")
@click.argument("code")
@name_option
@click.option("--country", required=True, help="ISO 3166-1 alpha-2 code, e.g. CN, AM, KZ.")
@click.option(
    "--type", "type_", type=click.Choice(INSTITUTION_TYPES), default="other", show_default=True
)
@click.option(
    "--lang",
    "language",
    default="en",
    show_default=True,
    help="Language of a --name given without LANG=.",
)
@click.option("--city", default="", help="City, in the --lang language.")
@click.option("--website", default="")
@json_option
def institution_add(
    code: str,
    names: tuple[str, ...],
    country: str,
    type_: str,
    language: str,
    city: str,
    website: str,
    as_json: bool,
) -> None:
    """Add an institution with the short CODE used in URLs and imports (e.g. palace-museum)."""
    start_django()
    from caravan.institutions.services import institution_create

    name_map = language_map_from_options(names, language)
    with reported_as_cli_errors():
        created = institution_create(
            code=code,
            names=name_map,
            country=country.strip(),
            type=type_,
            city=language_map_from_options((city,), language) if city else {},
            website=website,
        )
    if as_json:
        echo_json(institution_as_dict(created))
    else:
        click.echo(f"Added institution {created.code}: {created}")


@institution.command(name="list")
@json_option
def institution_list(as_json: bool) -> None:
    """List institutions with their country and type."""
    start_django()
    from caravan.institutions.models import Institution

    institutions = list(Institution.objects.order_by("code"))
    if as_json:
        echo_json([institution_as_dict(item) for item in institutions])
        return
    for item in institutions:
        click.echo(f"{item.code:<24} {item.country}  {item.type:<20} {item}")


@click.group()
def alliance() -> None:
    """Alliances of institutions."""


@alliance.command(name="add")
@click.argument("code")
@name_option
@click.option(
    "--lang",
    "language",
    default="en",
    show_default=True,
    help="Language of a --name given without LANG=.",
)
@click.option("--acronym", default="")
@date_option("--founded", help="Founding date, YYYY-MM-DD.")
@click.option("--secretariat", default="", help="Code of the secretariat institution.")
@json_option
def alliance_add(
    code: str,
    names: tuple[str, ...],
    language: str,
    acronym: str,
    founded: datetime.datetime | None,
    secretariat: str,
    as_json: bool,
) -> None:
    """Add an alliance with the short CODE used in URLs."""
    start_django()
    from caravan.institutions.models import Institution
    from caravan.institutions.services import alliance_create

    with reported_as_cli_errors():
        secretariat_institution = Institution.objects.get(code=secretariat) if secretariat else None
        created = alliance_create(
            code=code,
            names=language_map_from_options(names, language),
            acronym=acronym,
            founded=founded.date() if founded else None,
            secretariat=secretariat_institution,
        )
    if as_json:
        echo_json(alliance_as_dict(created, member_count=0))
    else:
        click.echo(f"Added alliance {created.code}: {created}")


def alliance_as_dict(item: Any, *, member_count: int) -> dict[str, Any]:
    return {
        "code": item.code,
        "names": item.names,
        "acronym": item.acronym,
        "founded": item.founded.isoformat() if item.founded else None,
        "secretariat": item.secretariat.code if item.secretariat else None,
        "members": member_count,
        "is_sample": item.is_sample,
    }


@alliance.command(name="list")
@json_option
def alliance_list(as_json: bool) -> None:
    """List alliances with their number of current members."""
    start_django()
    from caravan.institutions.selectors import alliances_with_member_counts

    alliances = list(alliances_with_member_counts().select_related("secretariat"))
    if as_json:
        echo_json(
            [
                alliance_as_dict(item, member_count=item.member_count)  # type: ignore[attr-defined]
                for item in alliances
            ]
        )
        return
    for item in alliances:
        sample = "  [sample]" if item.is_sample else ""
        count = item.member_count  # type: ignore[attr-defined]  # annotated by the selector
        click.echo(f"{item.code:<24} {count:>4} members  {item}{sample}")


@click.group()
def member() -> None:
    """Memberships: which institution belongs to which alliance, in which role."""


@member.command(name="add")
@click.argument("institution_code", metavar="INSTITUTION")
@click.argument("alliance_code", metavar="ALLIANCE")
@click.option("--role", type=click.Choice(ROLES), default="member", show_default=True)
@click.option("--status", type=click.Choice(STATUSES), default="member", show_default=True)
@date_option("--since", help="Start date, YYYY-MM-DD (default today).")
@json_option
def member_add(
    institution_code: str,
    alliance_code: str,
    role: str,
    status: str,
    since: datetime.datetime | None,
    as_json: bool,
) -> None:
    """Make INSTITUTION a member of ALLIANCE (both by code)."""
    start_django()
    from caravan.institutions.models import Alliance, Institution
    from caravan.institutions.services import membership_add

    with reported_as_cli_errors():
        institution_obj = _get(Institution, institution_code, "institution")
        alliance_obj = _get(Alliance, alliance_code, "alliance")
        membership = membership_add(
            institution=institution_obj,
            alliance=alliance_obj,
            role=role,
            status=status,
            start_date=since.date() if since else None,
        )
    if as_json:
        echo_json(membership_as_dict(membership))
    else:
        click.echo(
            f"{institution_code} is now {role} ({status}) of {alliance_code} "
            f"from {membership.start_date}"
        )


def _current_membership(institution_code: str, alliance_code: str) -> Any:
    from caravan.institutions.models import Membership

    membership = Membership.objects.filter(
        institution__code=institution_code, alliance__code=alliance_code, end_date__isnull=True
    ).first()
    if membership is None:
        raise CliError(f"{institution_code} has no current membership of {alliance_code}")
    return membership


@member.command(name="change")
@click.argument("institution_code", metavar="INSTITUTION")
@click.argument("alliance_code", metavar="ALLIANCE")
@click.option("--role", type=click.Choice(ROLES), default=None, help="The new role.")
@click.option("--status", type=click.Choice(STATUSES), default=None, help="The new status.")
@date_option("--on", "effective", help="From when, YYYY-MM-DD (default today).")
@json_option
def member_change(
    institution_code: str,
    alliance_code: str,
    role: str | None,
    status: str | None,
    effective: datetime.datetime | None,
    as_json: bool,
) -> None:
    """Change a member's role or status from a date; the earlier period stays in the history."""
    if role is None and status is None:
        raise CliError("give --role, --status or both")
    start_django()
    from caravan.institutions.services import membership_change

    with reported_as_cli_errors():
        changed = membership_change(
            membership=_current_membership(institution_code, alliance_code),
            role=role,
            status=status,
            on=effective.date() if effective else None,
        )
    if as_json:
        echo_json(membership_as_dict(changed))
    else:
        click.echo(
            f"{institution_code} is {changed.role} ({changed.status}) of {alliance_code} "
            f"from {changed.start_date}"
        )


@member.command(name="end")
@click.argument("institution_code", metavar="INSTITUTION")
@click.argument("alliance_code", metavar="ALLIANCE")
@date_option("--on", "effective", help="Date of withdrawal, YYYY-MM-DD (default today).")
@json_option
def member_end(
    institution_code: str, alliance_code: str, effective: datetime.datetime | None, as_json: bool
) -> None:
    """Record that INSTITUTION withdrew from ALLIANCE; its history is kept."""
    start_django()
    from caravan.institutions.services import membership_end

    with reported_as_cli_errors():
        ended = membership_end(
            membership=_current_membership(institution_code, alliance_code),
            on=effective.date() if effective else None,
        )
    if as_json:
        echo_json(membership_as_dict(ended))
    else:
        click.echo(f"{institution_code} withdrew from {alliance_code} on {ended.start_date}")


@member.command(name="list")
@click.option("--alliance", "alliance_code", default="", help="Only this alliance's members.")
@click.option("--history", is_flag=True, help="Include ended periods (the dated history).")
@json_option
def member_list(alliance_code: str, history: bool, as_json: bool) -> None:
    """List memberships (current ones unless --history)."""
    start_django()
    from caravan.institutions.models import Membership

    memberships = Membership.objects.select_related("institution", "alliance").order_by(
        "alliance__code", "institution__code", "start_date", "id"
    )
    if alliance_code:
        memberships = memberships.filter(alliance__code=alliance_code)
    if not history:
        memberships = memberships.filter(end_date__isnull=True)
    rows = [membership_as_dict(item) for item in memberships]
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        until = row["end_date"] or "now"
        click.echo(
            f"{row['alliance']:<20} {row['institution']:<24} {row['role']:<16} "
            f"{row['status']:<10} {row['start_date']} – {until}"
        )


def membership_as_dict(item: Any) -> dict[str, Any]:
    return {
        "institution": item.institution.code,
        "alliance": item.alliance.code,
        "role": item.role,
        "status": item.status,
        "start_date": item.start_date.isoformat(),
        "end_date": item.end_date.isoformat() if item.end_date else None,
    }


def _get(model: Any, code: str, label: str) -> Any:
    found = model.objects.filter(code=code).first()
    if found is None:
        raise CliError(f"no {label} with code '{code}'")
    return found


def register(group: click.Group) -> None:
    for command in (institution, alliance, member):
        group.add_command(command)
