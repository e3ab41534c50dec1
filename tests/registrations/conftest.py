import os
from pathlib import Path

import pytest

from tests.factories import StaffUserFactory

ROOT = Path(__file__).resolve().parents[2]


def criteria_dir() -> Path:
    """The shared real score sheets: OCOP_CRITERIA_DIR, else ../shared/ocop-criteria-148 beside
    the clone (where CI puts them)."""
    return Path(os.environ.get("OCOP_CRITERIA_DIR") or ROOT.parent / "shared" / "ocop-criteria-148")


@pytest.fixture
def staff(db):
    return StaffUserFactory()


@pytest.fixture
def mailoutbox_clear(mailoutbox):
    mailoutbox.clear()
    return mailoutbox


@pytest.fixture(autouse=True)
def _english():
    """Service messages are asserted in English (their msgids); pages are fetched without a
    language prefix, so they answer in Vietnamese as users see them."""
    from django.utils import translation

    with translation.override("en"):
        yield
