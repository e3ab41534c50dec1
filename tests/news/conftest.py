import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _vietnamese_first():
    translation.activate("vi")
    yield
    translation.deactivate()
