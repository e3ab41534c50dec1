from decimal import Decimal

import pytest

from registrations.scoring import Card, card_total, result_compute, sheet_load, stars_for_score
from tests.factories.registrations import choices_by_points, small_sheet


def _cards(sheet, *point_lists):
    view = sheet_load(sheet)
    cards = []
    for points in point_lists:
        ids = choices_by_points(sheet, list(points))
        cards.append(Card(options={cid: (view.options_by_id[oid] if oid else None) for cid, oid in ids.items()}))
    return view, cards


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("score", "stars"),
    [
        ("0", 1),
        ("29.99", 1),
        ("30", 2),
        ("49.99", 2),
        ("50", 3),
        ("69.99", 3),
        ("70", 4),
        ("89.99", 4),
        ("90", 5),
        ("100", 5),
    ],
)
def test_stars_for_score_at_band_edges(score, stars):
    version = small_sheet().version

    assert stars_for_score(Decimal(score), version) == stars


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("points", "total", "stars"),
    [
        ((10, 10, 4.99, 20, 5), "49.99", 2),
        ((10, 10, 5, 20, 5), "50", 3),
        ((20, 10, 4.99, 30, 5), "69.99", 3),
        ((20, 10, 5, 30, 5), "70", 4),
        ((20, 20, 24.99, 20, 5), "89.99", 4),
        ((20, 20, 25, 20, 5), "90", 5),
    ],
)
def test_result_when_three_members_agree_gives_band_at_the_edge(points, total, stars):
    points = tuple(Decimal(str(p)) for p in points)
    view, cards = _cards(small_sheet(), points, points, points)

    result = result_compute(view, cards)

    assert result.score == Decimal(total)
    assert result.stars == stars


@pytest.mark.django_db
def test_result_when_totals_differ_is_their_average():
    view, cards = _cards(small_sheet(), (10, 10, 5, 20, 5), (20, 10, 5, 20, 5), (20, 20, 5, 20, 5))

    result = result_compute(view, cards)

    assert [card_total(view, c) for c in cards] == [50, 60, 70]
    assert (result.score, result.stars) == (Decimal("60.00"), 3)


@pytest.mark.django_db
def test_result_when_average_just_below_edge_is_truncated_not_rounded_up():
    # (50 + 50 + 49.99) / 3 = 49.9966…: shown 49.99, 2 stars (never 50.00 with 2 stars).
    d = Decimal
    view, cards = _cards(small_sheet(), (10, 10, 5, 20, 5), (10, 10, 5, 20, 5), (10, 10, d("4.99"), 20, 5))

    result = result_compute(view, cards)

    assert (result.score, result.band_stars, result.stars) == (Decimal("49.99"), 2, 2)


@pytest.mark.django_db
def test_result_when_four_star_requirement_missed_is_capped_to_three():
    # 80 points, but b) (required for 4 stars) is at 0.
    view, cards = _cards(small_sheet(), (20, 0, 25, 30, 5))

    result = result_compute(view, cards)

    assert (result.score, result.band_stars, result.stars) == (Decimal("80.00"), 4, 3)
    assert [c.title for c in result.capped_by] == ["b) Liên kết chuỗi"]


@pytest.mark.django_db
def test_result_when_three_star_requirement_missed_drops_below_certificate():
    # 75 points: band 4; b) meets 4 stars but e) (required for 3) is at 0 → 4 then 3 fail → 2.
    view, cards = _cards(small_sheet(), (20, 10, 25, 20, 0))

    result = result_compute(view, cards)

    assert (result.band_stars, result.stars) == (4, 2)


@pytest.mark.django_db
def test_result_when_better_option_than_marked_one_meets_requirement():
    # b) at 20 (the 5-star option) also meets the 4-star requirement (10 points).
    view, cards = _cards(small_sheet(), (20, 20, 5, 30, 5))

    result = result_compute(view, cards)

    assert (result.score, result.stars) == (Decimal("80.00"), 4)


@pytest.mark.django_db
def test_result_when_five_star_requirement_missed_caps_ninety_to_four():
    view, cards = _cards(small_sheet(), (20, 10, 25, 30, 5))

    result = result_compute(view, cards)

    assert (result.score, result.band_stars, result.stars) == (Decimal("90.00"), 5, 4)


@pytest.mark.django_db
def test_result_when_majority_meets_requirement_keeps_stars():
    met, missed = (20, 10, 25, 30, 5), (20, 0, 25, 30, 5)
    view, two_of_three = _cards(small_sheet(), met, met, missed)

    result = result_compute(view, two_of_three)

    assert (result.band_stars, result.stars) == (4, 4)


@pytest.mark.django_db
def test_result_when_only_minority_meets_requirement_is_capped():
    met, missed = (20, 10, 25, 30, 5), (20, 0, 25, 30, 5)
    view, one_of_three = _cards(small_sheet(), met, missed, missed)

    result = result_compute(view, one_of_three)

    assert (result.band_stars, result.stars) == (4, 3)


@pytest.mark.django_db
def test_result_when_criterion_itself_required_needs_one_of_its_options():
    from registrations.models import Criterion

    sheet = small_sheet()
    Criterion.objects.filter(sheet=sheet, title="a) Nguồn nguyên liệu").update(required_stars=4)
    view, none_ticked = _cards(sheet, (None, 10, 25, 30, 5))
    _view, lowest_ticked = _cards(sheet, (0, 10, 25, 30, 5))

    assert result_compute(view, none_ticked).stars == 3
    assert result_compute(view, lowest_ticked).stars == 4
