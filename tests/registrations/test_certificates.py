import datetime
import threading
from decimal import Decimal

import pytest
from django.db import connection, connections
from django.utils import timezone, translation

from ocop_portal.errors import ApplicationError
from ocop_portal.models import OutboundEmail
from products.models import Certificate
from products.services.certificates import (
    certificate_issue,
    certificate_reminders_send,
    certificate_revoke,
    product_code_allocate,
)
from registrations.models import ProductCodeSerial, Registration
from registrations.services import workflow
from registrations.tasks import certificates_daily
from tests.factories import CertificateFactory, CooperativeFactory, ProductFactory
from tests.factories.registrations import advance, council_score_all, criteria_version, draft_make, member_of

TODAY = datetime.date(2026, 11, 28)


def _issue(product, *, decision_date=TODAY - datetime.timedelta(days=1), number="1/QĐ-UBND", **kwargs):
    return certificate_issue(
        product=product, stars=4, score=Decimal("75"), decision_number=number, decision_date=decision_date, **kwargs
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("decision_date", "valid_until"),
    [
        (datetime.date(2026, 3, 25), datetime.date(2029, 3, 25)),
        (datetime.date(2024, 2, 29), datetime.date(2027, 2, 28)),
        (datetime.date(2025, 12, 31), datetime.date(2028, 12, 31)),
        (datetime.date(2026, 8, 31), datetime.date(2029, 8, 31)),
    ],
)
def test_issue_when_decided_is_valid_36_months_to_the_same_day(decision_date, valid_until):
    certificate = _issue(ProductFactory(), decision_date=decision_date)

    assert (certificate.valid_from, certificate.valid_until) == (decision_date, valid_until)
    assert certificate.is_valid_on(valid_until)
    assert not certificate.is_valid_on(valid_until + datetime.timedelta(days=1))


@pytest.mark.django_db
def test_issue_when_the_criteria_in_force_say_30_months_ends_on_the_months_last_day():
    version = criteria_version()
    version.certificate_validity_months = 30
    version.valid_from = datetime.date(2023, 2, 24)
    version.save()

    certificate = _issue(ProductFactory(), decision_date=datetime.date(2026, 8, 31))

    assert certificate.valid_until == datetime.date(2029, 2, 28)


@pytest.mark.django_db
def test_certify_when_the_dossiers_criteria_give_24_months_uses_them(staff):
    registration = advance(draft_make(), "under_review", staff=staff)
    council_score_all(registration, points=(20, 10, 5, 30, 5))
    workflow.registration_finalize(registration=registration, by=staff)
    version = registration.sheet.version
    version.certificate_validity_months = 24
    version.save()

    workflow.registration_certify(
        registration=registration, by=staff, decision_number="9/QĐ-UBND", decision_date=datetime.date(2026, 3, 31)
    )

    registration.refresh_from_db()
    assert registration.certificate.valid_until == datetime.date(2028, 3, 31)


@pytest.mark.django_db
def test_reminders_follow_the_validity_counted_to_the_same_day(django_capture_on_commit_callbacks):
    certificate = CertificateFactory(decision_date=datetime.date(2026, 3, 25))
    assert certificate.valid_until == datetime.date(2029, 3, 25)

    day_before = certificate_reminders_send(today=datetime.date(2028, 9, 25))  # 181 days before
    opening_day = certificate_reminders_send(today=datetime.date(2028, 9, 26))  # 180 days before
    second_call = certificate_reminders_send(today=datetime.date(2028, 11, 25))  # 120 days before

    assert (day_before, opening_day, second_call) == ([], [(certificate.pk, 180)], [(certificate.pk, 120)])


@pytest.mark.django_db
def test_rerating_opens_180_days_before_the_new_end_date(staff):
    from registrations.services.dossiers import _check_kind

    certificate = CertificateFactory(decision_date=datetime.date(2026, 3, 25))

    with pytest.raises(ApplicationError, match="opens on 26/09/2028"):
        _check_kind(
            product=certificate.product,
            kind=Registration.Kind.RERATING,
            previous_certificate=certificate,
            today=datetime.date(2028, 9, 25),
        )
    assert (
        _check_kind(
            product=certificate.product,
            kind=Registration.Kind.RERATING,
            previous_certificate=certificate,
            today=datetime.date(2028, 9, 26),
        )
        == certificate
    )


@pytest.mark.django_db
def test_validity_migration_moves_old_defaults_and_keeps_typed_dates():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("products.migrations.0004_certificate_validity")
    old_default = CertificateFactory(decision_date=datetime.date(2026, 3, 25))
    leap = CertificateFactory(decision_date=datetime.date(2024, 2, 29))
    typed = CertificateFactory(decision_date=datetime.date(2026, 3, 25))
    Certificate.objects.filter(pk=old_default.pk).update(valid_until=datetime.date(2029, 3, 24))
    Certificate.objects.filter(pk=leap.pk).update(valid_until=datetime.date(2027, 2, 27))
    Certificate.objects.filter(pk=typed.pk).update(valid_until=datetime.date(2028, 12, 31))
    history_before = Certificate.history.count()

    migration.forwards(apps, None)
    migration.forwards(apps, None)  # a second run changes nothing

    ends = dict(Certificate.objects.values_list("pk", "valid_until"))
    assert ends == {
        old_default.pk: datetime.date(2029, 3, 25),
        leap.pk: datetime.date(2027, 2, 28),
        typed.pk: datetime.date(2028, 12, 31),
    }
    assert Certificate.history.count() == history_before + 2
    assert Certificate.history.filter(id=leap.pk).latest().valid_until == datetime.date(2027, 2, 28)


@pytest.mark.django_db
def test_validity_migration_when_expired_yesterday_by_the_old_rule_makes_it_valid_again(monkeypatch):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("products.migrations.0004_certificate_validity")
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: datetime.date(2026, 11, 28))
    certificate = CertificateFactory(decision_date=datetime.date(2023, 11, 28), stars=4)
    Certificate.objects.filter(pk=certificate.pk).update(valid_until=datetime.date(2026, 11, 27), status="expired")
    certificate.product.__class__.objects.filter(pk=certificate.product_id).update(stars=None, certified_at=None)

    migration.forwards(apps, None)

    certificate.refresh_from_db()
    certificate.product.refresh_from_db()
    assert (certificate.valid_until, certificate.status) == (datetime.date(2026, 11, 28), "valid")
    assert certificate.product.stars == 4


@pytest.mark.django_db
def test_issue_when_several_in_a_year_numbers_codes_in_sequence():
    commune_code = 14608
    products = [ProductFactory() for _ in range(3)]

    codes = [_issue(p, number=f"{i}/QĐ").product_code for i, p in enumerate(products)]

    assert codes == [f"37-{commune_code}-001-2026", f"37-{commune_code}-002-2026", f"37-{commune_code}-003-2026"]
    assert Certificate.objects.filter(product_code__in=codes).count() == 3


@pytest.mark.django_db
def test_issue_when_codes_exist_already_continues_after_them_and_restarts_each_year():
    CertificateFactory(product_code="37-14608-007-2026")
    CertificateFactory(product_code="37-14464-011-2025")

    this_year = _issue(ProductFactory()).product_code
    last_year = _issue(ProductFactory(), decision_date=datetime.date(2025, 6, 1)).product_code

    assert this_year == "37-14608-008-2026"
    assert last_year == "37-14608-012-2025"
    assert dict(ProductCodeSerial.objects.values_list("year", "last_serial")) == {2026: 8, 2025: 12}


@pytest.mark.django_db
def test_allocate_when_code_typed_by_hand_ahead_skips_it():
    from places.models import Commune

    commune = Commune.objects.get(code=14608)
    product_code_allocate(commune=commune, year=2026)
    CertificateFactory(product_code="37-14608-002-2026")

    assert product_code_allocate(commune=commune, year=2026) == "37-14608-003-2026"


@pytest.mark.django_db
def test_issue_when_commune_missing_is_refused_and_nothing_saved():
    product = ProductFactory(cooperative=CooperativeFactory(commune=None))

    with pytest.raises(ApplicationError, match="no commune"):
        _issue(product)

    assert not Certificate.objects.exists()


@pytest.mark.django_db
def test_issue_when_decision_in_future_is_refused():
    with pytest.raises(ApplicationError, match="future"):
        _issue(ProductFactory(), decision_date=timezone.localdate() + datetime.timedelta(days=1))

    assert not Certificate.objects.exists()


@pytest.mark.django_db
def test_issue_updates_product_public_stars_at_once():
    product = ProductFactory()

    _issue(product)

    product.refresh_from_db()
    assert product.stars == 4


@pytest.mark.django_db
def test_rerating_when_certified_links_new_certificate_to_old(staff):
    old = CertificateFactory(decision_date=datetime.date(2024, 1, 10), stars=3, product_code="37-14608-001-2024")
    user = member_of(old.product.cooperative)
    registration = draft_make(user=user, product=old.product, kind=Registration.Kind.RERATING)
    assert registration.previous_certificate == old
    advance(registration, "under_review", staff=staff)
    council_score_all(registration, points=(20, 10, 5, 30, 5))
    workflow.registration_finalize(registration=registration, by=staff)

    workflow.registration_certify(
        registration=registration, by=staff, decision_number="55/QĐ-UBND", decision_date=timezone.localdate()
    )

    registration.refresh_from_db()
    assert registration.certificate.previous == old
    assert list(old.renewals.all()) == [registration.certificate]
    old.product.refresh_from_db()
    assert old.product.stars == 4


@pytest.mark.django_db
def test_revoke_when_ground_given_removes_public_stars_and_tells_cooperative(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    certificate = _issue(ProductFactory())
    manager = member_of(certificate.product.cooperative)

    with django_capture_on_commit_callbacks(execute=True):
        certificate_revoke(
            certificate=certificate,
            ground=Certificate.RevocationGround.LABELLING_VIOLATION,
            note="Nhãn ghi sai hạn dùng.",
            by=staff,
        )

    certificate.refresh_from_db()
    assert (certificate.status, certificate.revocation_ground) == ("revoked", "labelling_violation")
    assert certificate.revoked_on == timezone.localdate()
    certificate.product.refresh_from_db()
    assert certificate.product.stars is None
    (message,) = mailoutbox
    assert message.to == [manager.email]
    assert "Nhãn ghi sai hạn dùng." in message.body


@pytest.mark.django_db
def test_revoke_when_ground_unknown_or_not_staff_is_refused(staff):
    certificate = _issue(ProductFactory())

    with pytest.raises(ApplicationError, match="legal grounds"):
        certificate_revoke(certificate=certificate, ground="dislike", by=staff)
    with pytest.raises(ApplicationError, match="Only Alliance staff"):
        certificate_revoke(certificate=certificate, ground="other", by=member_of(certificate.product.cooperative))

    certificate.refresh_from_db()
    assert certificate.status == "valid"


def _expiring(days_left: int, **kwargs) -> Certificate:
    valid_until = TODAY + datetime.timedelta(days=days_left)
    return CertificateFactory(
        decision_date=valid_until - datetime.timedelta(days=1000), valid_until=valid_until, **kwargs
    )


@pytest.mark.django_db
def test_reminders_when_run_twice_send_each_once(mailoutbox, django_capture_on_commit_callbacks):
    at_179 = _expiring(179)
    at_119 = _expiring(119)
    far = _expiring(200)
    for certificate in (at_179, at_119, far):
        member_of(certificate.product.cooperative)

    with django_capture_on_commit_callbacks(execute=True):
        first = certificate_reminders_send(today=TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        second = certificate_reminders_send(today=TODAY)

    assert sorted(first) == sorted([(at_179.pk, 180), (at_119.pk, 120)])
    assert second == []
    assert len(mailoutbox) == 2
    at_179.refresh_from_db()
    at_119.refresh_from_db()
    assert (at_179.reminders_sent, at_119.reminders_sent) == ([180], [180, 120])
    assert far.reminders_sent == []


@pytest.mark.django_db
def test_reminders_when_120_days_come_later_send_the_second_one(django_capture_on_commit_callbacks):
    certificate = _expiring(150)

    certificate_reminders_send(today=TODAY)
    certificate_reminders_send(today=TODAY + datetime.timedelta(days=29))
    certificate_reminders_send(today=TODAY + datetime.timedelta(days=30))
    certificate_reminders_send(today=TODAY + datetime.timedelta(days=31))

    certificate.refresh_from_db()
    assert certificate.reminders_sent == [180, 120]
    assert OutboundEmail.objects.count() == 0  # the cooperative has no address: nothing queued


@pytest.mark.django_db
def test_daily_task_when_run_twice_expires_and_reminds_once(
    mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    expired = _expiring(-1)
    reminded = _expiring(100)
    member_of(reminded.product.cooperative)
    expired.product.refresh_from_db()
    assert expired.product.stars is None  # already not valid today; the task makes the status say so

    with django_capture_on_commit_callbacks(execute=True):
        first = certificates_daily.delay().get()
    with django_capture_on_commit_callbacks(execute=True):
        second = certificates_daily.delay().get()

    assert first == {"expired": 1, "reminded": 1}
    assert second == {"expired": 0, "reminded": 0}
    expired.refresh_from_db()
    assert expired.status == "expired"
    assert len(mailoutbox) == 1 and reminded.product_code in mailoutbox[0].subject


def test_beat_schedule_runs_the_daily_task():
    from registrations.schedule import BEAT_SCHEDULE

    assert BEAT_SCHEDULE["certificates-daily"]["task"] == certificates_daily.name


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL row locks (SQLite locks the whole file)"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_certify_when_two_staff_at_once_one_succeeds_other_told(staff):
    registration = advance(draft_make(), "under_review", staff=staff)
    council_score_all(registration)
    workflow.registration_finalize(registration=registration, by=staff)
    other_staff = type(staff).objects.get(pk=staff.pk)
    barrier = threading.Barrier(2)
    outcomes = []

    def certify(user, number):
        try:
            translation.activate("en")
            barrier.wait()
            workflow.registration_certify(
                registration=registration, by=user, decision_number=number, decision_date=timezone.localdate()
            )
            outcomes.append("ok")
        except ApplicationError as error:
            outcomes.append(error.message)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=certify, args=(staff, "100/QĐ-UBND")),
        threading.Thread(target=certify, args=(other_staff, "101/QĐ-UBND")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    code = Certificate.objects.get().product_code
    assert sorted(outcomes) == sorted(
        ["ok", f"This dossier has just been certified by someone else (product code {code}); nothing was changed."]
    )
    registration.refresh_from_db()
    assert registration.state == "certified"
    assert registration.events.filter(to_state="certified").count() == 1
