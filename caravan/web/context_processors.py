"""Values every page needs: the site's name, the interface languages and the sample-data flag."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language, get_language_bidi, get_language_info

from caravan.institutions.models import Alliance


def site(request: HttpRequest) -> dict[str, Any]:
    current = get_language() or settings.LANGUAGE_CODE
    return {
        "site_name": settings.CARAVAN_SITE_NAME,
        "ui_language": current,
        "ui_direction": "rtl" if get_language_bidi() else "ltr",
        "language_choices": [
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": translate_url(request.get_full_path(), code),
                "current": code == current,
            }
            for code, _ in settings.LANGUAGES
        ],
        "showing_sample_data": Alliance.objects.filter(is_sample=True).exists(),
    }
