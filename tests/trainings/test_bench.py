import pytest

from cooperatives.models import Cooperative
from tests.factories.cooperatives import CooperativeFactory
from trainings.bench import COURSES, bench_course_targets, bench_courses_delete, bench_courses_load
from trainings.models import Course

pytestmark = pytest.mark.django_db


def test_bench_courses_load_once_and_their_pages_answer(client):
    CooperativeFactory.create_batch(5)
    assert bench_courses_load(cooperatives=Cooperative.objects.order_by("pk")) == COURSES
    assert bench_courses_load(cooperatives=Cooperative.objects.order_by("pk")) == COURSES
    targets = bench_course_targets()
    assert len(targets) == COURSES
    assert client.get(targets[-1]).status_code == 200 and client.get("/trainings/").status_code == 200
    bench_courses_delete()
    assert not Course.objects.exists()
