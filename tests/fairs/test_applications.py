"""The booth applications: eligibility on the event's date, the deadline, editing, withdrawing,
the staff's decisions (booth count never exceeded, also at the same moment), booths, outcomes,
reminders and the emails."""

import datetime
import threading

import pytest
from django.db import connection, connections
from django.utils import translation

from fairs.models import Application, ApplicationLog, BoothType, Event, EventSupport
from fairs.services import applications as services
from fairs.services.applications import SupportWanted
from ocop_portal.errors import ApplicationError
from ocop_portal.models import OutboundEmail
from registrations.models import Registration
from tests.factories import CertificateFactory, CooperativeFactory, MembershipFactory, ProductFactory, StaffUserFactory
from tests.factories.fairs import ApplicationFactory, EventFactory, EventSupportFactory, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def member():
    return MembershipFactory(user__email="chunhiem@htx.vn").user


def _certified(cooperative, *, stars=4, valid_until=None):
    certificate = CertificateFactory(product__cooperative=cooperative, stars=stars)
    if valid_until:
        certificate.valid_until = valid_until
        certificate.save()
    return certificate.product


def _submit(event, cooperative, products, user, **kwargs):
    return services.application_submit(
        event=event,
        cooperative=cooperative,
        booth_type=event.booth_types.order_by("pk").first(),
        products=products,
        by=user,
        **kwargs,
    )


def test_apply_with_two_own_certified_products_records_everything_and_emails(member):
    cooperative = member.membership.cooperative
    event = EventFactory()
    StaffUserFactory(email="canbo@lienminh.vn")
    support = EventSupportFactory(event=event, kind=EventSupport.Kind.BOOTH_FEE, share_percent=50)
    transport = EventSupportFactory(
        event=event, kind=EventSupport.Kind.TRANSPORT, share_percent=None, amount_vnd=1_000_000
    )
    products = [_certified(cooperative), _certified(cooperative, stars=3)]

    application = _submit(
        event,
        cooperative,
        products,
        member,
        supports=[SupportWanted(support.pk), SupportWanted(transport.pk)],
        booth_staff=[{"name": "Nguyễn Thị Lan", "phone": "0912000111"}, {"name": "", "phone": ""}],
        notes="Cần ổ điện",
    )

    assert application.status == Application.Status.SUBMITTED
    assert [s.product for s in application.shown_products.all()] == products
    granted = sorted(application.support_requests.values_list("granted_vnd", flat=True))
    assert granted == [1_000_000, 1_000_000]  # half of the 2.000.000 booth fee; the fixed transport amount
    assert application.booth_staff == [{"name": "Nguyễn Thị Lan", "phone": "0912000111"}]
    assert application.log.get().action == ApplicationLog.Action.SUBMITTED
    recipients = [email.to for email in OutboundEmail.objects.order_by("pk")]
    assert ["chunhiem@htx.vn"] in recipients and ["canbo@lienminh.vn"] in recipients


def test_apply_after_the_deadline_is_refused_and_saves_nothing(member):
    cooperative = member.membership.cooperative
    event = EventFactory(starts_on=in_days(5), application_deadline=in_days(-1))

    with pytest.raises(ApplicationError, match=r"The application deadline \(.+\) has passed") as error:
        _submit(event, cooperative, [_certified(cooperative)], member)

    assert "deadline" in error.value.message
    assert not Application.objects.exists() and not OutboundEmail.objects.exists()


def test_apply_with_another_cooperatives_product_is_refused(member):
    cooperative = member.membership.cooperative
    foreign = _certified(CooperativeFactory())

    with pytest.raises(ApplicationError, match="is not a product of your cooperative") as error:
        _submit(EventFactory(), cooperative, [_certified(cooperative), foreign], member)

    assert error.value.message == f"“{foreign.name}” is not a product of your cooperative."
    assert not Application.objects.exists()


def test_eligibility_is_judged_on_the_first_day_of_the_event(member):
    cooperative = member.membership.cooperative
    event = EventFactory(starts_on=in_days(60), application_deadline=in_days(10))
    expires_before = _certified(cooperative, valid_until=in_days(59))
    valid_that_day = _certified(cooperative, valid_until=in_days(60))

    with pytest.raises(ApplicationError, match="has no OCOP certificate valid on") as error:
        _submit(event, cooperative, [expires_before], member)
    application = _submit(event, cooperative, [valid_that_day], member)

    day = in_days(60).strftime("%d/%m/%Y")
    assert (
        error.value.message
        == f"“{expires_before.name}” has no OCOP certificate valid on {day}, the first day of the event."
    )
    assert application.shown_products.get().product == valid_that_day


def test_minimum_stars_and_pipeline_products(member):
    cooperative = member.membership.cooperative
    four_stars_only = EventFactory(min_stars=4)
    three = _certified(cooperative, stars=3)
    with pytest.raises(ApplicationError, match="has 3 stars; this event asks for at least 4") as error:
        _submit(four_stars_only, cooperative, [three], member)
    assert error.value.message == f"“{three.name}” has 3 stars; this event asks for at least 4."

    pipeline_event = EventFactory(eligibility=Event.Eligibility.PIPELINE)
    new_product = ProductFactory(cooperative=cooperative)
    with pytest.raises(ApplicationError, match="has no OCOP certificate valid on .+ and no dossier under review"):
        _submit(pipeline_event, cooperative, [new_product], member)
    from tests.factories.registrations import draft_make

    dossier = draft_make(user=member, product=new_product, complete=False)
    Registration.objects.filter(pk=dossier.pk).update(state=Registration.State.SUBMITTED)
    assert _submit(pipeline_event, cooperative, [new_product], member).status == "submitted"


def test_a_second_application_to_the_same_event_is_refused(member):
    cooperative = member.membership.cooperative
    event = EventFactory()
    product = _certified(cooperative)
    _submit(event, cooperative, [product], member)

    with pytest.raises(ApplicationError, match="already applied"):
        _submit(event, cooperative, [product], member)


def test_edit_until_the_deadline_then_refused(member):
    cooperative = member.membership.cooperative
    application = ApplicationFactory(cooperative=cooperative)
    other = _certified(cooperative)

    services.application_update(
        application=application, booth_type=application.booth_type, products=[other], notes="Đổi sản phẩm", by=member
    )
    assert [s.product for s in application.shown_products.all()] == [other]

    Event.objects.filter(pk=application.event_id).update(
        application_deadline=in_days(-1), starts_on=in_days(3), ends_on=in_days(4)
    )
    with pytest.raises(ApplicationError, match="deadline"):
        services.application_update(
            application=application, booth_type=application.booth_type, products=[other], by=member
        )


def test_withdraw_frees_the_booth_and_tells_the_staff(member, staff_user):
    application = ApplicationFactory(cooperative=member.membership.cooperative)
    services.application_decide(application=application, decision="accepted", by=staff_user)
    services.booths_allocate(event=application.event, numbers={application.pk: "a7"}, by=staff_user)

    services.application_withdraw(application=application, by=member)

    application.refresh_from_db()
    assert (application.status, application.booth_number) == ("withdrawn", "")
    assert any(application.event.name in e.subject for e in OutboundEmail.objects.filter(to=[staff_user.email]))


def test_accepting_beyond_the_booth_count_is_refused(staff_user):
    event = EventFactory(booth_count=1)
    first, second = ApplicationFactory(event=event), ApplicationFactory(event=event)
    services.application_decide(application=first, decision="accepted", by=staff_user)

    with pytest.raises(
        ApplicationError, match="booths are already given; put the application on the reserve list"
    ) as error:
        services.application_decide(application=second, decision="accepted", by=staff_user)

    assert error.value.message.startswith("All 1 booths are already given")
    second.refresh_from_db()
    assert second.status == "submitted"


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL row locks (SQLite locks the whole file)"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_staff_accepting_the_last_booth_at_once_only_one_succeeds():
    event = EventFactory(booth_count=3)
    for _ in range(2):
        services.application_decide(
            application=ApplicationFactory(event=event), decision="accepted", by=StaffUserFactory()
        )
    candidates = [ApplicationFactory(event=event), ApplicationFactory(event=event)]
    staff = [StaffUserFactory(), StaffUserFactory()]
    barrier = threading.Barrier(2)
    outcomes = []

    def accept(application, user):
        try:
            translation.activate("en")
            barrier.wait()
            services.application_decide(application=application, decision="accepted", by=user)
            outcomes.append("ok")
        except ApplicationError as error:
            outcomes.append(error.message)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=accept, args=pair) for pair in zip(candidates, staff, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes)[1] == "ok" and outcomes.count("ok") == 1
    assert Application.objects.filter(event=event, status="accepted").count() == 3


def test_refusing_needs_a_note_for_the_cooperative(staff_user):
    application = ApplicationFactory(cooperative__email="htx@example.vn")

    with pytest.raises(ApplicationError, match="Say why"):
        services.application_decide(application=application, decision="refused", by=staff_user)
    services.application_decide(application=application, decision="refused", note="Hết gian hàng", by=staff_user)

    email = OutboundEmail.objects.get()
    assert "Hết gian hàng" in email.body


def test_a_cooperative_cannot_decide(member):
    with pytest.raises(ApplicationError, match="Only Alliance staff"):
        services.application_decide(application=ApplicationFactory(), decision="accepted", by=member)


def test_booth_numbers_are_unique_unless_shared(staff_user):
    event = EventFactory()
    shared = BoothType.objects.create(event=event, kind=BoothType.Kind.SHARED, size="", fee_vnd=500_000)
    one, two = ApplicationFactory(event=event), ApplicationFactory(event=event, cooperative__email="two@htx.vn")
    s1, s2 = ApplicationFactory(event=event, booth_type=shared), ApplicationFactory(event=event, booth_type=shared)
    for application in (one, two, s1, s2):
        services.application_decide(application=application, decision="accepted", by=staff_user)

    with pytest.raises(ApplicationError, match="Booth A1 is given twice"):
        services.booths_allocate(event=event, numbers={one.pk: "A1", two.pk: "a1"}, by=staff_user)
    changed = services.booths_allocate(
        event=event, numbers={one.pk: "A1", two.pk: "A2", s1.pk: "C", s2.pk: "C"}, by=staff_user
    )

    assert len(changed) == 4
    [email] = [e for e in OutboundEmail.objects.all() if e.to == ["two@htx.vn"] and "A2" in e.subject]
    assert "A2" in email.body


def test_the_booth_count_cannot_go_below_the_booths_given(staff_user):
    event = EventFactory(booth_count=5)
    for _ in range(3):
        services.application_decide(application=ApplicationFactory(event=event), decision="accepted", by=staff_user)

    with pytest.raises(ApplicationError, match="3 booths are already given to accepted cooperatives") as error:
        services.event_booth_count_check(event=event, booth_count=2)
    services.event_booth_count_check(event=event, booth_count=3)

    assert error.value.message.startswith("3 booths are already given")


def test_outcomes_reported_after_the_start_and_corrected_by_staff(member, staff_user):
    application = ApplicationFactory(cooperative=member.membership.cooperative, status="accepted")
    values = {"sales_vnd": 4_500_000, "contracts_count": 2, "contracts_value_vnd": 60_000_000, "new_buyers": 5}
    with pytest.raises(ApplicationError, match="first day"):
        services.outcome_report(application=application, values=values, by=member)

    Event.objects.filter(pk=application.event_id).update(
        starts_on=datetime.date.today(), application_deadline=datetime.date.today()
    )
    report = services.outcome_report(application=application, values=values, by=member)
    with pytest.raises(ApplicationError, match="negative"):
        services.outcome_correct(report=report, values={**values, "sales_vnd": -1}, note="Sai số", by=staff_user)
    services.outcome_correct(
        report=report, values={**values, "sales_vnd": 5_000_000}, note="Theo hoá đơn", by=staff_user
    )

    report.refresh_from_db()
    assert report.sales_vnd == 5_000_000
    assert report.history.count() == 2
    assert report.history.first().history_change_reason == "Theo hoá đơn"


def test_a_contract_value_without_contracts_is_refused(member):
    application = ApplicationFactory(cooperative=member.membership.cooperative, status="accepted")
    Event.objects.filter(pk=application.event_id).update(
        starts_on=datetime.date.today(), application_deadline=datetime.date.today()
    )

    with pytest.raises(ApplicationError, match="number of orders"):
        services.outcome_report(application=application, values={"contracts_value_vnd": 1_000_000}, by=member)


def test_reminders_go_once_to_exhibitors_of_events_starting_soon(staff_user):
    soon = EventFactory(starts_on=in_days(2), application_deadline=in_days(0))
    later = EventFactory(starts_on=in_days(20))
    reminded = ApplicationFactory(event=soon, status="accepted", cooperative__email="htx@example.vn")
    ApplicationFactory(event=soon, status="reserve")
    ApplicationFactory(event=later, status="accepted")

    first = services.reminders_send()
    second = services.reminders_send()

    assert [a.pk for a in first] == [reminded.pk] and second == []
    assert [e.to for e in OutboundEmail.objects.all()] == [["htx@example.vn"]]


def test_the_reminder_task_is_on_the_beat_schedule():
    from fairs.schedule import BEAT_SCHEDULE
    from fairs.tasks import reminders_daily

    assert BEAT_SCHEDULE["fairs-reminders-daily"]["task"] == reminders_daily.name
