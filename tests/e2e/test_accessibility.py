"""axe-core (the copy shipped in the axe-playwright-python package, injected from the test, no
CDN) finds no serious or critical violation on the public pages the issue lists, at desktop and
phone widths (the Nu HTML checker walks the English pages too)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.audit_pages import audit_pages
from tests.e2e.helpers import e2e_db

FAILING_IMPACTS = {"serious", "critical"}


@pytest.fixture(scope="module")
def axe():
    return Axe()


def _violations(axe, page) -> list[str]:
    results = axe.run(page)
    return [
        f"{violation['impact']} {violation['id']}: {violation['help']} — "
        + "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in results.response["violations"]
        if violation["impact"] in FAILING_IMPACTS
    ]


def _audit(axe, page, urls) -> list[str]:
    found = []
    for name, url in urls.items():
        page.goto(url)
        found += [f"{name} ({url}): {violation}" for violation in _violations(axe, page)]
    return found


@e2e_db
def test_no_serious_accessibility_violation_on_the_public_pages(page, phone_page, axe):
    urls = audit_pages()

    found = _audit(axe, page, urls) + _audit(axe, phone_page, urls)

    assert not found, "axe-core violations:\n" + "\n".join(found)
