"""`caravan token`: API tokens for member institutions' collection systems."""

from __future__ import annotations

import click

from caravan.cli.base import CliError, echo_json, start_django


@click.group(name="token")
def token_group() -> None:
    """Create, list and revoke API tokens (a token acts as the user it is made for)."""


@token_group.command(name="create")
@click.option("--user", "username", required=True, help="The staff member the token acts as.")
@click.option("--name", required=True, help="What the token is for, e.g. the collection system.")
@click.option("--json", "as_json", is_flag=True, help="Print the token as JSON.")
def create(username: str, name: str, as_json: bool) -> None:
    """Make a token; its secret is printed once and cannot be shown again."""
    start_django()
    from caravan.accounts.models import User
    from caravan.api.services import token_create

    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CliError(f"no active user '{username}'")
    token, secret = token_create(user=user, name=name)
    institution = user.institution.code if user.institution else None
    if as_json:
        echo_json({"id": token.pk, "token": secret, "user": username, "institution": institution})
        return
    click.echo(secret)
    click.echo(
        f"Token {token.pk} acts as {username}"
        + (f" of {institution}" if institution else "")
        + ". Keep the secret above: it is not stored and cannot be shown again.",
        err=True,
    )


@token_group.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print the tokens as JSON.")
def list_tokens(as_json: bool) -> None:
    """The tokens, newest first, without their secrets."""
    start_django()
    from caravan.api.models import ApiToken

    rows = [
        {
            "id": token.pk,
            "prefix": token.prefix,
            "name": token.name,
            "user": token.user.username,
            "created": token.created_at.isoformat(timespec="seconds"),
            "last_used": token.last_used_at.isoformat(timespec="seconds")
            if token.last_used_at
            else None,
            "revoked": token.revoked_at is not None,
        }
        for token in ApiToken.objects.select_related("user")
    ]
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        state = "revoked" if row["revoked"] else f"last used {row['last_used'] or 'never'}"
        click.echo(f"{row['id']:>5}  {row['prefix']}…  {row['user']:<20} {row['name']}  ({state})")


@token_group.command(name="revoke")
@click.argument("token_id", type=int)
def revoke(token_id: int) -> None:
    """Revoke a token at once; requests with it are refused from then on."""
    start_django()
    from caravan.api.models import ApiToken
    from caravan.api.services import token_revoke

    token = ApiToken.objects.filter(pk=token_id).first()
    if token is None:
        raise CliError(f"no token {token_id}")
    token_revoke(token)
    click.echo(f"Token {token_id} revoked.")


def register(group: click.Group) -> None:
    group.add_command(token_group)
