"""Write the API's OpenAPI document to docs/openapi.json (`make openapi`).

The committed file is the API's contract: a test fails when the code and the file disagree, so
every change to the API shows in review.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from caravan.api.api import api

    schema = api.get_openapi_schema()
    target = ROOT / "docs" / "openapi.json"
    target.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
