import pytest

from tests.factories import StaffUserFactory


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
