"""Tickets: the QR code in the cooperative's space (its own participants only) and on the
signed public page linked from the confirmation email."""

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory
from tests.factories.trainings import RegistrationFactory
from trainings.models import Registration
from trainings.tickets import ticket_token, ticket_url

pytestmark = pytest.mark.django_db


def test_the_space_shows_the_ticket_with_its_qr_code(client):
    registration = RegistrationFactory(person__full_name="Đoàn Thị Mai")
    client.force_login(MembershipFactory(cooperative=registration.cooperative).user)

    page = client.get(reverse("trainings:space_ticket", args=[registration.pk])).content.decode()

    assert "Đoàn Thị Mai" in page and registration.ticket_code in page
    assert "<svg" in page
    assert ticket_url(registration) in page  # to pass on to the participant


def test_another_cooperatives_ticket_answers_404(client):
    registration = RegistrationFactory()
    client.force_login(MembershipFactory().user)

    assert client.get(reverse("trainings:space_ticket", args=[registration.pk])).status_code == 404


def test_the_signed_ticket_page_opens_without_an_account(client):
    registration = RegistrationFactory(person__full_name="Đoàn Thị Mai", person__phone="0912345678")

    response = client.get(reverse("trainings:ticket", args=[ticket_token(registration)]))

    page = response.content.decode()
    assert response.status_code == 200 and registration.ticket_code in page and "<svg" in page
    assert "0912345678" not in page


def test_an_altered_ticket_link_answers_404(client):
    registration = RegistrationFactory()
    token = ticket_token(registration)

    assert client.get(reverse("trainings:ticket", args=[token[:-2] + "xx"])).status_code == 404


def test_a_ticket_without_a_confirmed_seat_shows_no_qr_code(client):
    registration = RegistrationFactory(status=Registration.Status.WAITING, waiting_position=1)

    page = client.get(reverse("trainings:ticket", args=[ticket_token(registration)])).content.decode()

    assert "<svg" not in page and "Vé này không có giá trị" in page
