"""Alternative cases inside a criteria group (rules R9, R10): the importer recognises them from
the rows, a scorecard chooses the case, only its criteria are shown, required and counted, and
no part or total is ever recorded above its maximum."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from openpyxl import load_workbook

from ocop_portal.errors import ApplicationError
from registrations.models import Answer, CaseAnswer, CaseChoice, CriteriaGroup, Criterion, Option, Scorecard, ScoreSheet
from registrations.scoring import Card, ScoreAboveMaximum, card_check, part_totals, result_compute, sheet_load
from registrations.selectors import card_choices, registration_missing, self_assessment
from registrations.services import dossiers, workflow
from registrations.services.sheets_import import SheetFileError, score_sheet_import
from tests.factories import ProductFactory, product_set
from tests.factories.registrations import (
    CASES_SHEET_CSV,
    FORM,
    SHARED_CASES_CSV,
    advance,
    criteria_version,
    member_of,
    required_documents_add,
    sheet_from_csv,
    shipped_sheet_path,
)


def _sheet_26() -> ScoreSheet:
    path = shipped_sheet_path("26")
    return score_sheet_import(
        data=path.read_bytes(), file_name=path.name, product_set=product_set("26"), version=criteria_version()
    )


def _criterion(sheet, title_start) -> Criterion:
    return Criterion.objects.get(sheet=sheet, title__startswith=title_start)


def _option(sheet, title_start, points) -> Option:
    return Option.objects.get(criterion=_criterion(sheet, title_start), points=points)


def _best(view, criteria) -> dict:
    return {c.pk: max(c.options.all(), key=lambda o: o.points).pk for c in criteria}


# --- The importer -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_import_sheet_26_recognises_two_cases_chosen_once_for_groups_8_9_15():
    sheet = _sheet_26()

    (choice,) = sheet.case_choices.all()
    assert [(c.number, c.label) for c in choice.cases.all()] == [
        (1, "Cộng đồng dịch vụ du lịch"),
        (2, "Điểm dịch vụ du lịch"),
    ]
    groups = [g.title.split(".")[0] for g in choice.groups.order_by("part__position", "position")]
    assert groups == ["8", "9", "15"]
    group_8 = CriteriaGroup.objects.get(part__sheet=sheet, title__startswith="8.")
    assert [(c.case.number, c.max_points) for c in group_8.criteria.all()] == [(1, 3), (2, 3)]
    assert group_8.max_points == 3
    assert any("rule R9" in w["note"] for w in sheet.warnings)


@pytest.mark.django_db
def test_sheet_26_best_answers_give_100_and_part_c_35_with_either_case():
    sheet = _sheet_26()
    view = sheet_load(sheet)
    (choice,) = view.choices

    for case in choice.cases.all():
        card = Card(cases={choice.pk: case.pk})
        card.options = {cid: view.options_by_id[oid] for cid, oid in _best(view, view.applicable(card)).items()}
        totals = {part.code: points for part, points in part_totals(view, card).items()}

        assert totals == {"A": 40, "B": 25, "C": 35}
        assert card_check(view, card) == 100


@pytest.mark.django_db
def test_sheet_26_without_its_case_markers_is_refused_naming_the_groups():
    text = shipped_sheet_path("26").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    for row in rows:
        row[0] = row[0].replace("Trường hợp 1: ", "").replace("Trường hợp 2: ", "")
    out = io.StringIO()
    csv.writer(out).writerows(rows)

    with pytest.raises(SheetFileError, match="the best answers give part C 43 points, more than its 35") as refused:
        score_sheet_import(
            data=out.getvalue().encode(), file_name="26.csv", product_set=product_set("26"), version=criteria_version()
        )

    message = refused.value.message
    assert "part C 43 points, more than its 35" in message
    assert "“8. CHẤT LƯỢNG VỀ ĐIỀU KIỆN KINH DOANH DỊCH VỤ”, 6 of its 3 points" in message
    assert "“9. CHẤT LƯỢNG AN TOÀN VÀ AN NINH TRẬT TỰ”, 4 of its 2 points" in message
    assert "“15. TIỆN NGHI”, 6 of its 3 points" in message
    assert not ScoreSheet.objects.exists()


@pytest.mark.django_db
def test_import_three_cases_in_part_a_and_two_in_part_b_are_chosen_per_group():
    sheet = sheet_from_csv(CASES_SHEET_CSV)

    choices = list(sheet.case_choices.prefetch_related("cases", "groups"))
    assert [[str(c) for c in choice.cases.all()] for choice in choices] == [
        [
            "Case 1: Tự sản xuất nguyên liệu",
            "Case 2: Mua nguyên liệu có hợp đồng",
            "Case 3: Mua nguyên liệu tự do",
        ],
        ["Case 1: Bán lẻ", "Case 2: Bán buôn"],
    ]
    assert [[g.title for g in c.groups.all()] for c in choices] == [["1. NGUYÊN LIỆU"], ["3. KÊNH BÁN HÀNG"]]
    group_1 = CriteriaGroup.objects.get(part__sheet=sheet, title="1. NGUYÊN LIỆU")
    assert [(c.title, c.case.number if c.case else None) for c in group_1.criteria.all()] == [
        ("a) Kế hoạch sản xuất", None),
        ("Vùng nguyên liệu", 1),
        ("Chứng nhận vùng trồng", 1),
        ("c) Trường hợp 2: Mua nguyên liệu có hợp đồng", 2),
        ("d) Trường hợp 3: Mua nguyên liệu tự do", 3),
    ]
    assert group_1.max_points == 20


@pytest.mark.django_db
def test_import_same_cases_in_parts_a_and_c_are_one_choice_for_the_sheet():
    sheet = sheet_from_csv(SHARED_CASES_CSV)

    (choice,) = sheet.case_choices.all()
    assert [g.title for g in choice.groups.order_by("part__position")] == ["1. TỔ CHỨC DỊCH VỤ", "3. TIỆN NGHI"]
    assert Criterion.objects.filter(sheet=sheet, case__isnull=False).count() == 4


def _broken(text: str, old: str, new: str) -> bytes:
    assert old in text
    return text.replace(old, new).encode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            "a) Trường hợp 1: Bán lẻ,,2,,25\n□ Trong xã,,3,,5\n□ Toàn quốc,,3,,25\nb) Trường hợp 2: Bán buôn",
            "a) Bán lẻ,,2,,25\n□ Trong xã,,3,,5\n□ Toàn quốc,,3,,25\nb) Bán buôn",
            "the best answers give part B 50 points, more than its 25; check the group “3. KÊNH BÁN HÀNG”, "
            "50 of its 25 points",
        ),
        (
            "b) Trường hợp 2: Bán buôn",
            "b) Trường hợp 3: Bán buôn",
            "the group “3. KÊNH BÁN HÀNG” has alternative cases numbered 1, 3; they must be numbered 1, 2 (3…), "
            "at least two.",
        ),
        (
            "b) Trường hợp 2: Bán buôn",
            "b) Trường hợp 1: Bán buôn",
            "the group “3. KÊNH BÁN HÀNG” has case 1 twice.",
        ),
        (
            "a) Kế hoạch sản xuất,,2,,4\n□ Không có,,3,,0\n□ Có kế hoạch,,3,,4",
            "a) Kế hoạch sản xuất,,2,,8\n□ Không có,,3,,0\n□ Có kế hoạch,,3,,8",
            "the best answers give part A 44 points, more than its 40; check the group “1. NGUYÊN LIỆU”, "
            "24 of its 20 points",
        ),
        (
            "d) Trường hợp 3: Mua nguyên liệu tự do,,2,,16\n□ Không rõ nguồn,,3,,0\n□ Rõ nguồn gốc,,3,,12\n",
            "d) Trường hợp 3: Mua nguyên liệu tự do,,2,,16\n",
            "the case 3 has no criteria.",
        ),
    ],
    ids=["case-markers-missing", "case-2-missing", "case-twice", "common-plus-best-case-too-high", "empty-case"],
)
def test_import_when_cases_do_not_add_up_is_refused_and_saves_nothing(old, new, problem):
    with pytest.raises(SheetFileError, match=re.escape(problem)) as refused:
        score_sheet_import(
            data=_broken(CASES_SHEET_CSV, old, new),
            file_name="cases.csv",
            product_set=product_set("03"),
            version=criteria_version(),
        )

    assert problem in refused.value.message
    assert refused.value.message.startswith("cases.csv, row ")
    assert not ScoreSheet.objects.exists() and not CaseChoice.objects.exists()


@pytest.mark.django_db
def test_import_when_a_group_has_a_single_case_is_refused_naming_it():
    text = CASES_SHEET_CSV.replace("b) Trường hợp 2: Bán buôn,,2,,25\n□ Một đại lý,,3,,10\n□ Nhiều đại lý,,3,,25\n", "")

    with pytest.raises(SheetFileError, match="“3. KÊNH BÁN HÀNG” has alternative cases numbered 1;"):
        score_sheet_import(
            data=text.encode(), file_name="c.csv", product_set=product_set("03"), version=criteria_version()
        )


# --- Scoring ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_scoring_counts_only_the_chosen_case():
    sheet = sheet_from_csv(CASES_SHEET_CSV)
    view = sheet_load(sheet)
    first, second = view.choices
    case = {c.number: c for choice in view.choices for c in choice.cases.all() if choice == first}
    every_best = {cid: view.options_by_id[oid] for cid, oid in _best(view, view.criteria).items()}

    own_materials = Card(options=every_best, cases={first.pk: case[1].pk, second.pk: second.cases.first().pk})
    bought_freely = Card(options=every_best, cases={first.pk: case[3].pk, second.pk: second.cases.first().pk})
    undecided = Card(options=every_best)

    assert {p.code: t for p, t in part_totals(view, own_materials).items()} == {"A": 40, "B": 25, "C": 35}
    assert {p.code: t for p, t in part_totals(view, bought_freely).items()} == {"A": 36, "B": 25, "C": 35}
    assert {p.code: t for p, t in part_totals(view, undecided).items()} == {"A": 24, "B": 0, "C": 35}


@pytest.mark.django_db
def test_requirement_of_a_case_not_chosen_does_not_lower_the_stars():
    sheet = sheet_from_csv(CASES_SHEET_CSV)
    view = sheet_load(sheet)
    first, second = view.choices
    case = {c.number: c for c in first.cases.all()}
    certified = _criterion(sheet, "Chứng nhận vùng trồng")  # case 1, its 6 points needed for 4 stars
    options = {cid: view.options_by_id[oid] for cid, oid in _best(view, view.criteria).items()}
    options[certified.pk] = None
    retail = second.cases.first().pk

    case_1 = result_compute(view, [Card(options=options, cases={first.pk: case[1].pk, second.pk: retail})] * 3)
    case_2 = result_compute(view, [Card(options=options, cases={first.pk: case[2].pk, second.pk: retail})] * 3)

    assert (case_1.score, case_1.band_stars, case_1.stars) == (Decimal("94.00"), 5, 3)
    assert (case_2.score, case_2.stars) == (Decimal("100.00"), 5)


@pytest.mark.django_db
def test_safety_net_when_a_sheet_was_changed_to_give_too_much_refuses_loudly_and_saves_nothing(caplog):
    registration = _draft_on(CASES_SHEET_CSV)
    user = registration.cooperative.memberships.first().user
    sheet = registration.sheet
    dossiers.self_assessment_save(
        registration=registration, by=user, choices=_all_best(sheet), cases=_cases(sheet, 1, 1)
    )
    card = self_assessment(registration)
    saved = (card.total, sorted(Answer.objects.filter(scorecard=card).values_list("criterion_id", "option_id")))
    # Someone edits an option in the database: part C's best option now gives 36 of its 35.
    Option.objects.filter(criterion__sheet=sheet, label="Tốt").update(points=36)
    good = Option.objects.get(criterion__sheet=sheet, label="Tốt")
    bad = Option.objects.get(criterion__sheet=sheet, label="Kém")
    dossiers.self_assessment_save(registration=registration, by=user, choices={good.criterion_id: bad.pk})

    with pytest.raises(ScoreAboveMaximum, match="part C would get 36 of its 35 points. Nothing was saved"):
        dossiers.self_assessment_save(registration=registration, by=user, choices={good.criterion_id: good.pk})

    card.refresh_from_db()
    assert card.total == saved[0] - 35
    assert Answer.objects.get(scorecard=card, criterion_id=good.criterion_id).option_id == bad.pk
    assert "Score above its maximum" in caplog.text


@pytest.mark.django_db
def test_safety_net_in_the_database_refuses_a_total_above_100():
    registration = _draft_on(CASES_SHEET_CSV)
    card = Scorecard.objects.get(registration=registration)

    with pytest.raises(IntegrityError, match="scorecard_total_0_100"), transaction.atomic():
        Scorecard.objects.filter(pk=card.pk).update(total=Decimal("100.01"))


# --- Services -----------------------------------------------------------------------------------


def _draft_on(csv_text, *, set_code="03"):
    user = member_of()
    product = ProductFactory(cooperative=user.membership.cooperative, product_set=product_set(set_code))
    sheet_from_csv(csv_text, set_code)
    return dossiers.registration_start(cooperative=product.cooperative, product=product, by=user, **FORM)


def _cases(sheet, *numbers) -> dict:
    choices = list(sheet.case_choices.prefetch_related("cases").order_by("position"))
    return {
        choice.pk: next(c.pk for c in choice.cases.all() if c.number == n)
        for choice, n in zip(choices, numbers, strict=True)
    }


def _all_best(sheet) -> dict:
    view = sheet_load(sheet)
    return _best(view, view.criteria)


@pytest.mark.django_db
def test_self_assessment_when_case_changes_drops_the_answers_of_the_other_case():
    registration = _draft_on(CASES_SHEET_CSV)
    user = registration.cooperative.memberships.first().user
    sheet = registration.sheet

    dossiers.self_assessment_save(
        registration=registration, by=user, choices=_all_best(sheet), cases=_cases(sheet, 1, 2)
    )
    card = self_assessment(registration)
    first_total = card.total
    first_answers = set(Answer.objects.filter(scorecard=card).values_list("criterion__title", flat=True))
    dossiers.self_assessment_save(
        registration=registration,
        by=user,
        choices={_criterion(sheet, "c) Trường hợp 2").pk: _option(sheet, "c) Trường hợp 2", 8).pk},
        cases=_cases(sheet, 2, 2),
    )

    card.refresh_from_db()
    assert first_total == 100
    assert first_answers == {
        "a) Kế hoạch sản xuất",
        "Vùng nguyên liệu",
        "Chứng nhận vùng trồng",
        "a) Tổ chức sản xuất",
        "b) Trường hợp 2: Bán buôn",
        "a) Cảm quan",
    }
    answers = set(Answer.objects.filter(scorecard=card).values_list("criterion__title", flat=True))
    assert answers == first_answers - {"Vùng nguyên liệu", "Chứng nhận vùng trồng"} | {
        "c) Trường hợp 2: Mua nguyên liệu có hợp đồng"
    }
    assert card.total == 4 + 8 + 20 + 25 + 35
    assert CaseAnswer.objects.filter(scorecard=card).count() == 2


@pytest.mark.django_db
def test_self_assessment_when_case_of_another_choice_is_refused_and_saves_nothing():
    registration = _draft_on(CASES_SHEET_CSV)
    user = registration.cooperative.memberships.first().user
    first, second = registration.sheet.case_choices.order_by("position")

    with pytest.raises(ApplicationError, match="not one of this score sheet's cases"):
        dossiers.self_assessment_save(
            registration=registration, by=user, choices={}, cases={first.pk: second.cases.first().pk}
        )

    assert not CaseAnswer.objects.exists()


@pytest.mark.django_db
def test_submit_when_case_not_chosen_lists_it_then_only_the_chosen_case_is_required():
    registration = _draft_on(CASES_SHEET_CSV)
    user = registration.cooperative.memberships.first().user
    sheet = registration.sheet
    required_documents_add(registration, user)
    common = {cid: oid for cid, oid in _all_best(sheet).items() if Criterion.objects.get(pk=cid).case_id is None}
    dossiers.self_assessment_save(registration=registration, by=user, choices=common)

    missing = registration_missing(registration)
    assert missing == [
        "Self-assessment: choose which case applies (Case 1: Tự sản xuất nguyên liệu / Case 2: Mua nguyên liệu có "
        "hợp đồng / Case 3: Mua nguyên liệu tự do).",
        "Self-assessment: choose which case applies (Case 1: Bán lẻ / Case 2: Bán buôn).",
    ]
    with pytest.raises(ApplicationError, match="cannot be sent yet"):
        dossiers.registration_submit(registration=registration, by=user)

    dossiers.self_assessment_save(registration=registration, by=user, choices={}, cases=_cases(sheet, 3, 1))
    assert registration_missing(registration) == ["Self-assessment: 2 of 5 criteria have no answer yet."]
    dossiers.self_assessment_save(
        registration=registration,
        by=user,
        choices={
            _criterion(sheet, "d) Trường hợp 3").pk: _option(sheet, "d) Trường hợp 3", 12).pk,
            _criterion(sheet, "a) Trường hợp 1: Bán lẻ").pk: None,
        },
    )
    assert registration_missing(registration) == []
    dossiers.registration_submit(registration=registration, by=user)


@pytest.mark.django_db
def test_council_hand_in_needs_the_case_and_the_result_counts_each_cards_case(staff):
    registration = advance(_complete_on_shared_cases(), "under_review", staff=staff)
    sheet = registration.sheet
    members = [m.user for m in registration.round.memberships.all()]
    best = _all_best(sheet)

    with pytest.raises(ApplicationError, match="Choose which case applies"):
        workflow.scorecard_save(registration=registration, member=members[0], choices=best, submit=True)
    for member in members:
        workflow.scorecard_save(
            registration=registration, member=member, choices=best, cases=_cases(sheet, 2), submit=True
        )
    workflow.registration_finalize(registration=registration, by=staff)

    registration.refresh_from_db()
    assert (registration.average_score, registration.result_stars) == (Decimal("100.00"), 5)
    view = sheet_load(sheet)
    cards = [card_choices(c, view) for c in Scorecard.objects.filter(registration=registration, kind="council")]
    assert all(len(card.options) == 3 for card in cards)  # the criteria of case 1 were not kept


def _complete_on_shared_cases():
    registration = _draft_on(SHARED_CASES_CSV)
    user = registration.cooperative.memberships.first().user
    dossiers.self_assessment_save(
        registration=registration, by=user, choices=_all_best(registration.sheet), cases=_cases(registration.sheet, 1)
    )
    required_documents_add(registration, user)
    registration.refresh_from_db()
    return registration


# --- Pages --------------------------------------------------------------------------------------


def _tourism_draft():
    registration = _draft_on_file("26")
    return registration, registration.cooperative.memberships.first().user


def _draft_on_file(set_code):
    user = member_of()
    product = ProductFactory(cooperative=user.membership.cooperative, product_set=product_set(set_code))
    path = shipped_sheet_path(set_code)
    score_sheet_import(
        data=path.read_bytes(), file_name=path.name, product_set=product.product_set, version=criteria_version()
    )
    return dossiers.registration_start(cooperative=product.cooperative, product=product, by=user, **FORM)


def _hidden_cases(html: str) -> list[str]:
    import re

    return re.findall(r'class="sheet-case" data-case-of="\d+" data-case="(\d+)" hidden', html)


@pytest.mark.django_db
def test_self_assessment_page_asks_the_case_once_and_then_shows_only_its_criteria(client):
    registration, user = _tourism_draft()
    sheet = registration.sheet
    (choice,) = sheet.case_choices.all()
    community, point = choice.cases.order_by("number")
    client.force_login(user)
    url = f"/dossiers/{registration.pk}/self-assessment/"

    first = client.get(url).content.decode()
    response = client.post(url, {f"k{choice.pk}": point.pk, "save": "1"})
    second = client.get(url).content.decode()

    assert first.count("Trường hợp nào áp dụng cho sản phẩm này?") == 1
    assert _hidden_cases(first) == []  # nothing chosen: every case is on the page
    assert response.status_code == 302
    assert CaseAnswer.objects.get(scorecard__registration=registration).case == point
    assert _hidden_cases(second) == [str(community.pk)] * 3  # groups 8, 9 and 15
    assert f'value="{point.pk}" checked' in second
    assert (
        f'Trường hợp áp dụng (đã chọn ở đầu phiếu): <strong data-case-chosen="{choice.pk}">'
        "Trường hợp 2: Điểm dịch vụ du lịch</strong>"
    ) in second


@pytest.mark.django_db
def test_self_assessment_page_with_per_group_cases_shows_each_choice_in_its_group(client):
    registration = _draft_on(CASES_SHEET_CSV)
    client.force_login(registration.cooperative.memberships.first().user)

    page = client.get(f"/dossiers/{registration.pk}/self-assessment/").content.decode()

    assert page.count("Trường hợp nào áp dụng cho sản phẩm này?") == 2
    assert page.index("1. NGUYÊN LIỆU") < page.index("Trường hợp 1: Tự sản xuất nguyên liệu")
    assert page.index("3. KÊNH BÁN HÀNG") < page.index("Trường hợp 1: Bán lẻ")


@pytest.mark.django_db
def test_council_page_print_and_export_show_the_chosen_case(client, staff):
    registration, user = _tourism_draft()
    sheet = registration.sheet
    (choice,) = sheet.case_choices.all()
    community, point = choice.cases.order_by("number")
    view = sheet_load(sheet)
    dossiers.self_assessment_save(
        registration=registration,
        by=user,
        choices=_best(view, view.applicable(Card(cases={choice.pk: community.pk}))),
        cases={choice.pk: community.pk},
    )
    required_documents_add(registration, user)
    registration = advance(registration, "under_review", staff=staff)
    member = registration.round.memberships.first().user
    client.force_login(member)
    best_point = _best(view, view.applicable(Card(cases={choice.pk: point.pk})))
    post = {f"c{cid}": oid for cid, oid in best_point.items()}

    client.post(f"/dossiers/council/{registration.pk}/", {**post, f"k{choice.pk}": point.pk, "hand_in": "1"})
    client.force_login(staff)
    printed = client.get(f"/dossiers/staff/{registration.pk}/print/").content.decode()
    workbook = load_workbook(io.BytesIO(client.get("/dossiers/staff/export.xlsx", {"state": "all"}).content))

    card = Scorecard.objects.get(registration=registration, member=member)
    assert (card.submitted_at is not None, card.total) == (True, 100)
    assert "Tự chấm: Trường hợp 1: Cộng đồng dịch vụ du lịch" in printed
    assert "Trường hợp 2: Điểm dịch vụ du lịch (1/1)" in printed
    assert "☑ Trường hợp 1: Cộng đồng dịch vụ du lịch" in printed
    dossiers_ws, scores_ws = workbook.worksheets
    header, row = list(dossiers_ws.iter_rows(values_only=True))[:2]
    assert (
        dict(zip(header, row, strict=True))["Trường hợp áp dụng (tự đánh giá)"]
        == "Trường hợp 1: Cộng đồng dịch vụ du lịch"
    )
    handed_in = [row for row in list(scores_ws.iter_rows(values_only=True))[1:] if row[4]]
    assert [row[-1] for row in handed_in] == ["Trường hợp 2: Điểm dịch vụ du lịch"]
