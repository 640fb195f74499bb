"""What an operator relies on: health checks, error pages, production settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_health_reports_the_database(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


@pytest.mark.django_db
def test_not_found_page_is_translated_and_styled(client, settings):
    settings.DEBUG = False
    response = client.get("/ar/institutions/nowhere/")
    assert response.status_code == 404
    content = response.content.decode()
    assert 'dir="rtl"' in content
    assert "caravan.css" in content


def test_production_settings_pass_djangos_deployment_check(tmp_path):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "CARAVAN_DATA_DIR": str(tmp_path),
        "CARAVAN_SECRET_KEY": "a-long-random-production-key-" + "x" * 40,
        "CARAVAN_ALLOWED_HOSTS": "museums.example.org",
    }
    environment.pop("CARAVAN_DATABASE_URL", None)
    checked = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
