"""The benchmark's page list and its yardstick view (bench/, `make bench`)."""

import pytest

from bench.data import app_bench_modules, bench_targets
from bench.run import _verdict
from showcase import views

pytestmark = pytest.mark.django_db


def test_pages_include_deep_faceted_searched_and_app_registered_pages():
    names = [page[0] for page in bench_targets()["pages"]]  # (name, URLs[, Cookie header])

    assert {"catalogue", "catalogue, page 50", "catalogue, 2 facets", "search “mat ong”", "producer page"} <= set(names)
    assert {"event list", "event page"} <= set(names)  # registered by fairs/bench.py
    assert {"OCOP in numbers", "staff dashboard", "staff dashboard, recomputed"} <= set(names)  # plans/bench.py
    assert {"course list", "course page"} <= set(names)  # trainings/bench.py
    assert "fairs.bench" in [module.__name__ for module in app_bench_modules()]


def test_template_yardstick_renders_about_five_kilobytes_without_a_query(rf, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = views.bench_template(rf.get("/bench/template/"))

    assert response.status_code == 200
    assert 4500 <= len(response.content) <= 6500
    assert "Sản phẩm mẫu số 29" in response.content.decode()


def test_verdict_names_the_missed_targets():
    row = {"phase": "uncached", "page": "catalogue", "rps_x_yardstick": 0.1, "p99_x_yardstick": 4}

    assert _verdict(row, {"sql_ms": 30, "queries": 6}) == "missed: req/s < 0.15×, SQL > 25 ms"
    assert _verdict({**row, "rps_x_yardstick": 0.2}, {"sql_ms": 3, "queries": 6}) == "met"


def test_dashboard_verdict_compares_its_median_with_the_uncached_catalogue():
    row = {"phase": "cached", "page": "staff dashboard", "p50_ms": 60.0}

    assert _verdict(row, None, 40.0) == "met: p50 1.5 × uncached catalogue (< 2×)"
    assert _verdict({**row, "page": "staff dashboard, recomputed", "p50_ms": 400.0}, None, 40.0) == (
        "missed: p50 10.0 × uncached catalogue (< 2×)"
    )
    assert _verdict(row, None, None) == ""
