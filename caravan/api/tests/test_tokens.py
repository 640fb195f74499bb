"""Tokens are made in the admin or on the command line, shown once, and revoked, not deleted."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from caravan.api.models import ApiToken
from caravan.cli import main

pytestmark = pytest.mark.django_db


def run(capsys: Any, *args: str) -> tuple[int, str, str]:
    try:
        main(list(args))
        code = 0
    except SystemExit as stopped:
        code = int(stopped.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_command_line_makes_lists_and_revokes_tokens(capsys, alliance_world, make_user, client):
    make_user("registrar", institution=alliance_world["palace"])
    code, out, _ = run(capsys, "token", "create", "--user", "registrar", "--name", "TMS", "--json")
    assert code == 0
    made = json.loads(out)
    assert made["institution"] == "palace" and made["token"].startswith("cvn_")
    token = ApiToken.objects.get(pk=made["id"])
    assert made["token"] not in token.key_hash  # only a hash is kept
    headers = {"Authorization": f"Bearer {made['token']}"}
    assert client.get("/api/v1/harvest-runs", headers=headers).status_code == 200

    code, out, _ = run(capsys, "token", "list", "--json")
    (listed,) = json.loads(out)
    assert listed["user"] == "registrar" and "token" not in listed
    assert listed["last_used"] is not None

    assert run(capsys, "token", "revoke", str(token.pk))[0] == 0
    assert client.get("/api/v1/harvest-runs", headers=headers).status_code == 401
    code, _, err = run(capsys, "token", "create", "--user", "nobody", "--name", "x")
    assert code != 0 and "no active user 'nobody'" in err


def test_the_admin_shows_a_new_tokens_secret_once(client, alliance_world, make_user):
    user = make_user("curator", institution=alliance_world["hermitage"])
    client.force_login(user)
    answer = client.post("/admin/api/apitoken/add/", {"name": "Hermitage CMS"}, follow=True)
    assert answer.status_code == 200
    secret = re.search(r"cvn_[A-Za-z0-9_-]+", answer.content.decode())
    assert secret is not None
    token = ApiToken.objects.get(name="Hermitage CMS")
    assert token.user == user and secret.group(0).startswith(token.prefix)
    headers = {"Authorization": f"Bearer {secret.group(0)}"}
    private = alliance_world["objects"][("hermitage", "private")]
    assert client.get(f"/api/v1/objects/{private.pk}", headers=headers).status_code == 200
    listing = client.get("/admin/api/apitoken/")
    assert secret.group(0) not in listing.content.decode()
