"""A web worker loads the document libraries only when it makes a document: fpdf2 with fontTools
costs each gunicorn worker some 25 MB, python-docx and docxtpl a few more, and most workers
never print a certificate or a report."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("fpdf", "fontTools", "docx", "docxtpl")
PROBE = f"""
import json, sys, django
django.setup()
from django.urls import get_resolver

def walk(patterns):  # include() imports each app's urls and views
    for pattern in patterns:
        walk(getattr(pattern, "url_patterns", []))

walk(get_resolver().url_patterns)
import ocop_portal.wsgi
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {HEAVY!r})))
"""


def test_the_url_configuration_and_every_view_load_without_the_document_libraries():
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(DEBUG="1", DJANGO_SETTINGS_MODULE="ocop_portal.settings")
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []
