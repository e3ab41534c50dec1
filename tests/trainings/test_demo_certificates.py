"""The demo issues the certificates the held courses' participants earned, and some feedback;
loading it twice changes nothing."""

import io

import pytest
from django.core.management import call_command

from trainings.models import Certificate, Feedback
from trainings.services.certificates import certificate_eligibility

pytestmark = pytest.mark.django_db


def test_the_demo_issues_earned_certificates_once(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "Demo-lan-dau-2026")
    call_command("load_demo", stdout=io.StringIO())
    counts = (Certificate.objects.count(), Feedback.objects.count())
    call_command("load_demo", stdout=io.StringIO())

    assert (Certificate.objects.count(), Feedback.objects.count()) == counts
    assert counts[0] > 0 and counts[1] == 3
    for certificate in Certificate.objects.select_related("registration__course"):
        assert certificate_eligibility(certificate.registration).eligible
        assert certificate.registration.course.status == "held"
