"""The Nu HTML checker (vnu.jar from npm's `vnu-jar`, run with Java) finds no error on the public
pages the issue lists. CI installs both (.ci/run), so there the test never skips; elsewhere it
skips, saying what is missing, when Java or the jar is absent."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tests.audit_pages import audit_pages

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _checker() -> list[str]:
    java = shutil.which("java")
    missing = []
    if not java:
        missing.append("Java (apt-get install default-jre-headless)")
    if not VNU_JAR.exists():
        missing.append(f"{VNU_JAR.relative_to(settings.BASE_DIR)} (npm ci)")
    if missing:
        reason = "the Nu HTML checker needs " + " and ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(reason + ": CI must install it (.ci/run)")
        pytest.skip(reason)
    return [java, "-Xss1024k", "-jar", str(VNU_JAR)]


@pytest.mark.django_db
def test_the_public_pages_have_no_html_errors(client, tmp_path):
    checker = _checker()
    pages = audit_pages()
    files = {}
    for name, url in pages.items():
        for prefix in ("", "/en"):
            response = client.get(prefix + url if not url.startswith("/q/") else url)
            assert response.status_code == (404 if name == "404" else 200), f"{prefix}{url}"
            path = tmp_path / f"{name.replace(' ', '-')}{prefix.replace('/', '-')}.html"
            path.write_bytes(response.content)
            files[str(path)] = prefix + url

    result = subprocess.run(
        [*checker, "--errors-only", "--format", "json", *files], capture_output=True, text=True, timeout=300
    )

    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert not errors, "Nu HTML checker errors:\n" + "\n".join(errors)
