"""The consignment ledger: stock computed from the movements and never negative, append-only
with reversals, monthly statements that add up (printable, Excel, in the space), the public
page; scoping and bad input."""

import datetime
import threading

import pytest
from django.db import connection, connections
from django.urls import reverse
from django.utils import translation

from ocop_portal.errors import ApplicationError
from salescentre.models import ProductStock, StockMovement
from salescentre.services import movement_record, movement_reverse
from salescentre.statements import statement_for
from tests.factories import CertificateFactory, MembershipFactory, ProductFactory, StaffUserFactory
from tests.factories.fairs import SalesCentreFactory
from tests.factories.registry import xlsx_read

pytestmark = pytest.mark.django_db

MARCH = datetime.date(2026, 3, 1)


@pytest.fixture
def centre():
    return SalesCentreFactory(opened_on=datetime.date(2026, 1, 1))


def _on(day):
    return datetime.date(2026, 3, day)


def _move(centre, product, kind, quantity, price=None, day=10, by=None):
    return movement_record(
        centre=centre,
        product=product,
        kind=kind,
        quantity=quantity,
        unit_price_vnd=price,
        occurred_on=_on(day),
        by=by or StaffUserFactory(),
    )


def test_stock_is_the_sum_of_the_movements(centre, staff_user):
    product = ProductFactory(unit="hộp")
    _move(centre, product, "received", 30, 40_000, by=staff_user)
    _move(centre, product, "sold", 12, 55_000, by=staff_user)
    _move(centre, product, "returned", 3, by=staff_user)
    _move(centre, product, "damaged", 1, by=staff_user)

    stock = ProductStock.objects.get(product=product)
    assert stock.on_hand == 14 == sum(StockMovement.objects.filter(product=product).values_list("delta", flat=True))
    assert stock.agreed_price_vnd == 40_000
    assert StockMovement.objects.get(kind="sold").agreed_price_vnd == 40_000


def test_a_sale_above_the_stock_is_refused_and_saves_nothing(centre, staff_user):
    product = ProductFactory(unit="kg")
    _move(centre, product, "received", 5, 40_000, by=staff_user)

    with translation.override("vi"), pytest.raises(ApplicationError, match="Trong kho chỉ còn 5 kg") as error:
        _move(centre, product, "sold", 6, 55_000, by=staff_user)

    assert error.value.message == f"Trong kho chỉ còn 5 kg “{product.name}”; không thể xuất 6."
    assert StockMovement.objects.count() == 1 and ProductStock.objects.get().on_hand == 5


@pytest.mark.parametrize(
    ("quantity", "price", "field", "message"),
    [
        (0, 10_000, "quantity", "Số lượng phải là số nguyên từ 1 trở lên"),
        (-3, 10_000, "quantity", "Số lượng phải là số nguyên từ 1 trở lên"),
        (2, -1, "unit_price_vnd", "Giá không được âm"),
        (2, None, "unit_price_vnd", "Hãy ghi đơn giá thoả thuận với hợp tác xã"),
    ],
)
def test_bad_quantities_and_prices_are_refused(centre, staff_user, quantity, price, field, message):
    with pytest.raises(ApplicationError, match=message) as error:
        _move(centre, ProductFactory(), "received", quantity, price, by=staff_user)
    assert error.value.field == field and not StockMovement.objects.exists()


def test_a_future_date_is_refused(centre, staff_user):
    with pytest.raises(ApplicationError, match="future|tương lai"):
        movement_record(
            centre=centre,
            product=ProductFactory(),
            kind="received",
            quantity=1,
            unit_price_vnd=1,
            occurred_on=datetime.date.today() + datetime.timedelta(days=1),
            by=staff_user,
        )


def test_movements_are_append_only(centre, staff_user):
    movement = _move(centre, ProductFactory(), "received", 5, 40_000, by=staff_user)
    with pytest.raises(ValueError, match="append-only"):
        movement.save()
    with pytest.raises(ValueError, match="append-only"):
        movement.delete()
    if connection.vendor == "postgresql":
        from django.db import transaction
        from django.db.utils import InternalError

        with pytest.raises(InternalError, match="append-only"), transaction.atomic():
            StockMovement.objects.filter(pk=movement.pk).update(quantity=50)


def test_a_reversal_corrects_a_mistake_once(centre, staff_user):
    product = ProductFactory()
    _move(centre, product, "received", 10, 40_000, by=staff_user)
    mistake = _move(centre, product, "sold", 4, 50_000, by=staff_user)

    reversal = movement_reverse(movement=mistake, note="Khách trả lại", by=staff_user, occurred_on=_on(12))

    assert reversal.delta == 4 and reversal.reverses == mistake and reversal.created_by == staff_user
    assert ProductStock.objects.get().on_hand == 10
    with pytest.raises(ApplicationError, match="Nghiệp vụ này đã được đảo"):
        movement_reverse(movement=mistake, note="again", by=staff_user)
    with pytest.raises(ApplicationError, match="Không đảo được một bút toán đảo"):
        movement_reverse(movement=reversal, note="again", by=staff_user)
    with pytest.raises(ApplicationError, match="Hãy ghi lý do đảo bút toán"):
        movement_reverse(movement=mistake, note="  ", by=staff_user)


def test_reversing_a_receipt_already_sold_is_refused(centre, staff_user):
    product = ProductFactory()
    receipt = _move(centre, product, "received", 5, 40_000, by=staff_user)
    _move(centre, product, "sold", 4, 50_000, by=staff_user)

    with pytest.raises(ApplicationError, match="Trong kho chỉ còn 1 kg"):
        movement_reverse(movement=receipt, note="Nhập nhầm", by=staff_user)
    assert ProductStock.objects.get().on_hand == 1


def test_only_staff_keep_the_ledger(centre):
    member = MembershipFactory().user
    with pytest.raises(ApplicationError, match="Chỉ cán bộ Liên minh"):
        _move(centre, ProductFactory(), "received", 5, 40_000, by=member)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL row locks (SQLite locks the whole file)"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_sales_of_the_last_units_at_once_never_go_negative():
    centre = SalesCentreFactory(opened_on=datetime.date(2026, 1, 1))
    product = ProductFactory()
    _move(centre, product, "received", 3, 40_000)
    barrier = threading.Barrier(2)
    outcomes = []

    def sell(user):
        try:
            barrier.wait()
            _move(centre, product, "sold", 2, 50_000, by=user)
            outcomes.append("ok")
        except ApplicationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    users = [StaffUserFactory(), StaffUserFactory()]
    threads = [threading.Thread(target=sell, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["ok", "refused"]
    assert ProductStock.objects.get().on_hand == 1


def test_the_monthly_statement_adds_up(centre, staff_user):
    product = ProductFactory(unit="chai")
    cooperative = product.cooperative
    movement_record(
        centre=centre,
        product=product,
        kind="received",
        quantity=20,
        unit_price_vnd=80_000,
        occurred_on=datetime.date(2026, 2, 20),
        by=staff_user,
    )
    _move(centre, product, "received", 10, 80_000, day=3, by=staff_user)
    _move(centre, product, "sold", 8, 120_000, day=5, by=staff_user)
    wrong = _move(centre, product, "sold", 2, 120_000, day=6, by=staff_user)
    movement_reverse(movement=wrong, note="Nhập trùng", occurred_on=_on(7), by=staff_user)
    _move(centre, product, "returned", 4, day=20, by=staff_user)
    _move(centre, product, "damaged", 1, day=21, by=staff_user)

    statement = statement_for(cooperative=cooperative, month=MARCH)

    [line] = statement.lines
    assert (line.opening, line.received, line.sold, line.returned, line.damaged) == (20, 10, 8, 4, 1)
    assert line.closing == line.opening + line.received - line.sold - line.returned - line.damaged == 17
    assert line.sold_value_vnd == 8 * 120_000 and line.owed_vnd == 8 * 80_000
    assert statement_for(cooperative=cooperative, month=datetime.date(2026, 4, 1)).lines[0].opening == 17


def test_statements_in_the_space_are_the_cooperatives_own(client, centre, staff_user):
    member = MembershipFactory().user
    own = ProductFactory(cooperative=member.membership.cooperative, name="Miến dong Yên Mô")
    other = ProductFactory(name="Chiếu cói Kim Sơn")
    for product in (own, other):
        _move(centre, product, "received", 10, 50_000, day=2, by=staff_user)
        _move(centre, product, "sold", 3, 70_000, day=4, by=staff_user)
    client.force_login(member)

    listing = client.get(reverse("salescentre:space_statements")).content.decode()
    page = client.get(reverse("salescentre:space_statement", args=["2026-03"])).content.decode()
    headers, rows, _sheet = xlsx_read(
        client.get(reverse("salescentre:space_statement", args=["2026-03"]) + "?format=xlsx").content
    )

    assert "150.000" in listing or "03/2026" in listing
    assert "Miến dong Yên Mô" in page and "Chiếu cói Kim Sơn" not in page
    assert rows[0][0] == "Miến dong Yên Mô" and rows[0][4] == 3 and rows[-1][9] == 150_000
    assert client.get(reverse("salescentre:space_statement", args=["2026-13"])).status_code == 404


def test_space_statements_need_a_login(client):
    response = client.get(reverse("salescentre:space_statements"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_staff_ledger_page_records_and_reverses(staff_client, centre, staff_user):
    product = ProductFactory()
    url = reverse("salescentre:ledger")

    bad = staff_client.post(
        url,
        {
            "kind": "sold",
            "product": product.pk,
            "quantity": "5",
            "unit_price_vnd": "50.000",
            "occurred_on": "2026-03-10",
        },
    )
    assert bad.status_code == 400 and not StockMovement.objects.exists()
    staff_client.post(
        url,
        {
            "kind": "received",
            "product": product.pk,
            "quantity": "5",
            "unit_price_vnd": "40.000",
            "occurred_on": "2026-03-10",
        },
    )
    movement = StockMovement.objects.get()
    staff_client.post(reverse("salescentre:reverse", args=[movement.pk]), {"note": "Sai sản phẩm"})
    assert StockMovement.objects.filter(reverses=movement).exists()
    assert ProductStock.objects.get().on_hand == 0


def test_ledger_pages_are_for_staff_only(client, centre):
    client.force_login(MembershipFactory().user)
    assert client.get(reverse("salescentre:ledger")).status_code == 404
    assert client.get(reverse("salescentre:statement")).status_code == 404


def test_staff_statement_printable_and_excel(staff_client, centre, staff_user):
    product = ProductFactory()
    _move(centre, product, "received", 10, 50_000, day=2, by=staff_user)
    query = f"?cooperative={product.cooperative_id}&month=2026-03"

    page = staff_client.get(reverse("salescentre:statement") + query).content.decode()
    headers, rows, _sheet = xlsx_read(
        staff_client.get(reverse("salescentre:statement") + query + "&format=xlsx").content
    )

    assert product.name in page
    assert headers[0] == "Sản phẩm" and rows[0][3] == 10


def test_public_page_lists_what_is_in_stock(client, centre, staff_user):
    certified = CertificateFactory(product__name="Nếp cái hoa vàng").product
    sold_out = ProductFactory(name="Hết hàng rồi")
    movement_record(
        centre=centre,
        product=certified,
        kind="received",
        quantity=5,
        unit_price_vnd=1,
        occurred_on=_on(1),
        by=staff_user,
    )
    movement_record(
        centre=centre,
        product=sold_out,
        kind="received",
        quantity=1,
        unit_price_vnd=1,
        occurred_on=_on(1),
        by=staff_user,
    )
    movement_record(
        centre=centre, product=sold_out, kind="sold", quantity=1, unit_price_vnd=2, occurred_on=_on(2), by=staff_user
    )

    page = client.get(reverse("salescentre:public")).content.decode()

    assert "Nếp cái hoa vàng" in page and certified.get_absolute_url() in page
    assert "Hết hàng rồi" not in page
    assert centre.address in page


def test_public_page_runs_the_same_queries_for_3_or_30_products(client, centre, staff_user):
    from django.core.cache import cache
    from django.test.utils import CaptureQueriesContext

    def stock(n):
        for _ in range(n):
            movement_record(
                centre=centre,
                product=ProductFactory(),
                kind="received",
                quantity=2,
                unit_price_vnd=1,
                occurred_on=_on(1),
                by=staff_user,
            )

    stock(3)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("salescentre:public"))
    stock(27)
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("salescentre:public"))
    assert len(few) == len(many)


def test_admin_pages_open_and_the_ledger_is_read_only(staff_client, centre, staff_user):
    _move(centre, ProductFactory(), "received", 1, 1, by=staff_user)
    for model in ("salescentre", "stockmovement", "productstock"):
        assert staff_client.get(reverse(f"admin:salescentre_{model}_changelist")).status_code == 200
    assert staff_client.get(reverse("admin:salescentre_stockmovement_add")).status_code == 403
