"""Benchmark data for the course pages (bench/run.py, `manage.py bench_data`): 40 public courses
— 20 upcoming, 20 past — each with two sessions, two topics and 30 registrations of the
benchmark's producers. Bulk-inserted; idempotent by slug prefix."""

import datetime

from django.utils import timezone

from cooperatives.models import Person

from .models import Course, Registration, Session, Topic, ticket_code_new

SLUG_PREFIX = "bench-course-"
COURSES = 40
PARTICIPANTS = 30


def bench_courses_load(*, cooperatives, reset: bool = False) -> int:
    """`cooperatives`: a queryset of the benchmark's producers. Returns how many courses exist."""
    if Course.objects.filter(slug__startswith=SLUG_PREFIX).count() == COURSES and not reset:
        return COURSES
    bench_courses_delete()
    cooperative_ids = list(cooperatives.values_list("pk", flat=True)[: PARTICIPANTS * 4])
    if not cooperative_ids:
        return 0
    people = Person.objects.bulk_create(
        [Person(cooperative_id=c, full_name=f"Học viên đo hiệu năng {c}", position="bench") for c in cooperative_ids]
    )
    topics = list(Topic.objects.order_by("position")[:4])
    today = timezone.localdate()
    kinds = list(Course.Kind.values)
    for n in range(COURSES):
        first = today + datetime.timedelta(days=(n - COURSES // 2) * 7 + 3)
        course = Course.objects.create(
            slug=f"{SLUG_PREFIX}{n:03d}",
            title=f"Khóa tập huấn OCOP đo hiệu năng số {n + 1}",
            kind=kinds[n % len(kinds)],
            venue_address="Hội trường Liên minh HTX tỉnh",
            capacity=PARTICIPANTS + 5,
            registration_opens_on=first - datetime.timedelta(days=30),
            registration_closes_on=first - datetime.timedelta(days=2),
            status=Course.Status.HELD if first < today else Course.Status.OPEN,
            description="Khóa học tổng hợp cho đo hiệu năng.",
        )
        course.topics.set(topics[n % 2 : n % 2 + 2])
        Session.objects.bulk_create(
            [
                Session(
                    course=course,
                    date=first + datetime.timedelta(days=d),
                    starts_at=datetime.time(8),
                    ends_at=datetime.time(11),
                )
                for d in range(2)
            ]
        )
        chosen = people[(n * 3) % len(people) :][:PARTICIPANTS] or people[:PARTICIPANTS]
        Registration.objects.bulk_create(
            [
                Registration(
                    course=course,
                    cooperative_id=p.cooperative_id,
                    person=p,
                    status=Registration.Status.CONFIRMED,
                    ticket_code=ticket_code_new(),
                )
                for p in chosen
            ]
        )
    return COURSES


def bench_courses_delete() -> None:
    courses = Course.objects.filter(slug__startswith=SLUG_PREFIX)
    Registration.objects.filter(course__in=courses).delete()
    courses.delete()
    Person.objects.filter(position="bench", full_name__startswith="Học viên đo hiệu năng").delete()


def bench_course_targets() -> list[str]:
    return [
        f"/trainings/{slug}/"
        for slug in Course.objects.filter(slug__startswith=SLUG_PREFIX).order_by("slug").values_list("slug", flat=True)
    ]


# The benchmark's app protocol (bench.data finds every installed app's bench.py).


def bench_load(*, products, reset: bool = False) -> None:
    from cooperatives.models import Cooperative

    cooperatives = Cooperative.objects.filter(pk__in=products.values("cooperative_id")).order_by("pk")
    bench_courses_load(cooperatives=cooperatives, reset=reset)


def bench_delete() -> None:
    bench_courses_delete()


def bench_pages() -> list[tuple]:
    return [("course list", ["/trainings/"]), ("course page", bench_course_targets())]
