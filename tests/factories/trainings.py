"""Factories for courses, sessions, registrations and attendance."""

import datetime

import factory
from django.utils import timezone

from trainings.models import Attendance, Course, Registration, Session, Topic


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Chủ đề {n}")
    counts_toward_leaders_target = False


class CourseFactory(factory.django.DjangoModelFactory):
    """An open training course (registration open from yesterday for 10 days), 20 seats, with one
    session in 14 days from 08:00 to 11:30 (pass sessions=False for none)."""

    class Meta:
        model = Course
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Tập huấn chu trình OCOP số {n}")
    slug = factory.Sequence(lambda n: f"tap-huan-ocop-{n}")
    kind = Course.Kind.TRAINING
    organiser_name = "Ban Tuyên truyền – Đào tạo"
    venue_address = "Hội trường Liên minh HTX tỉnh, 15 đường Lê Hồng Phong"
    capacity = 20
    registration_opens_on = factory.LazyFunction(lambda: in_days(-1))
    registration_closes_on = factory.LazyFunction(lambda: in_days(10))
    status = Course.Status.OPEN

    @factory.post_generation
    def sessions(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            Session.objects.create(
                course=obj, date=in_days(14), starts_at=datetime.time(8, 0), ends_at=datetime.time(11, 30)
            )

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.topics.set(extracted)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    course = factory.SubFactory(CourseFactory, sessions=False)
    date = factory.LazyFunction(lambda: in_days(14))
    starts_at = datetime.time(13, 30)
    ends_at = datetime.time(17, 0)


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed registration of a person of the cooperative (created directly, no service)."""

    class Meta:
        model = Registration

    course = factory.SubFactory(CourseFactory)
    cooperative = factory.SubFactory("tests.factories.cooperatives.CooperativeFactory")
    person = factory.SubFactory(
        "tests.factories.cooperatives.PersonFactory", cooperative=factory.SelfAttribute("..cooperative")
    )
    status = Registration.Status.CONFIRMED


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    registration = factory.SubFactory(RegistrationFactory)
    session = factory.LazyAttribute(lambda o: o.registration.course.sessions.first())
    method = Attendance.Method.SHEET
