"""The installed `caravan` command, run as a separate process on its own SQLite data directory."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CARAVAN = Path(sys.executable).with_name("caravan")


def caravan(data_dir, *args, extra=None):
    environment = {**os.environ, "CARAVAN_DATA_DIR": str(data_dir)}
    for variable in ("CARAVAN_DATABASE_URL", "CARAVAN_SECRET_KEY", "DJANGO_SETTINGS_MODULE"):
        environment.pop(variable, None)
    environment.update(extra or {})
    return subprocess.run(  # noqa: S603 - our own command
        [str(CARAVAN), *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.skipif(not CARAVAN.exists(), reason="the caravan command is not installed")
def test_a_fresh_data_directory_gets_a_database_and_a_secret(tmp_path):
    assert caravan(tmp_path, "migrate").returncode == 0
    assert (tmp_path / "caravan.sqlite3").exists()
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600

    refused = caravan(tmp_path, "institution", "add", "x", "--name", "X", "--country", "XX")
    assert refused.returncode == 1
    assert refused.stderr.startswith("caravan: ")
    assert len(refused.stderr.strip().splitlines()) == 1

    added = caravan(tmp_path, "alliance", "add", "silk", "--name", "Silk Road", "--json")
    assert added.returncode == 0, added.stderr
    listed = caravan(tmp_path, "alliance", "list", "--json")
    assert [item["code"] for item in json.loads(listed.stdout)] == ["silk"]
    assert json.loads(caravan(tmp_path, "institution", "list", "--json").stdout) == []


@pytest.mark.skipif(not CARAVAN.exists(), reason="the caravan command is not installed")
def test_database_problems_are_one_line(tmp_path):
    not_migrated = caravan(tmp_path, "institution", "list")
    assert not_migrated.returncode == 1
    assert not_migrated.stderr == (
        "caravan: the database has no Caravan tables yet: run 'caravan migrate' first\n"
    )
    environment_url = {"CARAVAN_DATABASE_URL": "nonsense://somewhere"}
    misconfigured = caravan(tmp_path, "institution", "list", extra=environment_url)
    assert misconfigured.returncode == 1
    assert misconfigured.stderr.startswith("caravan: configuration error: ")
    assert len(misconfigured.stderr.strip().splitlines()) == 1
    unreachable = caravan(
        tmp_path,
        "institution",
        "list",
        extra={"CARAVAN_DATABASE_URL": "postgres://nobody@127.0.0.1:9/caravan"},
    )
    assert unreachable.returncode == 1
    assert unreachable.stderr.startswith("caravan: database error: ")
    assert len(unreachable.stderr.strip().splitlines()) == 1
