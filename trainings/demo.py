"""Demo trainings for `manage.py load_demo`, the courses the seed plan names:

- an OCOP-cycle training for cooperative leaders (held in March 2026, most leaders attended),
- a value-chain and trade-promotion course (held in June 2026, some attended),
- a study tour in the province (held in September 2026),
- a study tour outside the province (Hà Nội, January 2027): open, full, with a waiting list,
- an e-commerce course in February 2027: open for registration (the upcoming one).

Each demo cooperative gets a named leader (and a member) as cooperatives.Person, so the leaders'
target (trainings.selectors.leader_coverage) shows something true of the demo data: the leaders
who attended the OCOP-cycle course count as trained; the rest are listed as untrained.

Idempotent: courses are found by slug, people by (cooperative, name), registrations by (course,
person); nothing that exists is changed. Past courses are written directly (the services refuse
registrations after closing), through full_clean."""

import datetime

from django.utils import timezone

from cooperatives.models import Cooperative, Person

from .models import Attendance, Course, Registration, Session, Topic

DEMO_ORDER = 99  # after the producers (10), products (20), dossiers (95) and fairs (97)

LEADERS = [
    "Nguyễn Văn Hùng",
    "Trần Thị Lan",
    "Phạm Văn Minh",
    "Đinh Thị Hoa",
    "Lê Văn Thành",
    "Vũ Thị Hạnh",
    "Hoàng Văn Nam",
    "Bùi Thị Thu",
    "Đỗ Văn Quang",
    "Ngô Thị Mai",
    "Phan Văn Long",
    "Tạ Thị Huyền",
    "Mai Văn Đức",
    "Lương Thị Nga",
    "Trịnh Văn Sơn",
    "Cao Thị Yến",
    "Đặng Văn Tài",
    "Hà Thị Phương",
    "Kiều Văn Bình",
    "Quách Thị Liên",
]
MEMBERS = ["Nguyễn Thị Hằng", "Trần Văn Khoa", "Phạm Thị Duyên", "Lê Văn Tuấn"]

VENUE = "Hội trường Liên minh HTX tỉnh, đường Lê Hồng Phong, phường Hoa Lư"

COURSES = [
    {
        "slug": "tap-huan-chu-trinh-ocop-cho-nguoi-dung-dau-htx-2026",
        "title": "Tập huấn chu trình OCOP cho người đứng đầu hợp tác xã năm 2026",
        "kind": Course.Kind.TRAINING,
        "topics": ["Chu trình OCOP", "Quản trị sản xuất, kinh doanh"],
        "audience": Course.Audience.LEADERS,
        "organiser_name": "Ban Tuyên truyền – Đào tạo, Liên minh HTX tỉnh",
        "description": (
            "Chu trình OCOP hằng năm, bộ tiêu chí đánh giá và phân hạng sản phẩm, cách chuẩn bị hồ sơ "
            "đăng ký; kinh nghiệm của các chủ thể đã đạt 4 sao."
        ),
        "capacity": 40,
        "opens": datetime.date(2026, 2, 1),
        "closes": datetime.date(2026, 3, 5),
        "status": Course.Status.HELD,
        "sessions": [(datetime.date(2026, 3, 10), 8, 11), (datetime.date(2026, 3, 10), 13, 16)],
        "leaders": range(0, 12),
        "attended": range(0, 10),
    },
    {
        "slug": "chuoi-gia-tri-va-xuc-tien-thuong-mai-2026",
        "title": "Liên kết chuỗi giá trị và xúc tiến thương mại sản phẩm OCOP",
        "kind": Course.Kind.WORKSHOP,
        "topics": ["Chuỗi giá trị và liên kết", "Xúc tiến thương mại"],
        "audience": Course.Audience.EVERYONE,
        "organiser_name": "Ban Kinh tế, Liên minh HTX tỉnh",
        "description": "Xây dựng liên kết theo chuỗi, làm việc với nhà phân phối, tham gia hội chợ.",
        "capacity": 30,
        "opens": datetime.date(2026, 5, 1),
        "closes": datetime.date(2026, 6, 10),
        "status": Course.Status.HELD,
        "sessions": [(datetime.date(2026, 6, 16), 8, 11)],
        "leaders": range(8, 16),
        "attended": range(8, 14),
        "members": True,
    },
    {
        "slug": "tham-quan-hoc-tap-trong-tinh-kim-son-2026",
        "title": "Tham quan học tập mô hình HTX sản xuất cói tại Kim Sơn",
        "kind": Course.Kind.STUDY_TOUR_IN,
        "topics": ["Quản trị sản xuất, kinh doanh"],
        "audience": Course.Audience.LEADERS,
        "organiser_name": "Liên minh HTX tỉnh Ninh Bình",
        "description": "Tham quan các HTX cói Kim Sơn: tổ chức sản xuất, thiết kế mẫu mã, bán hàng trực tuyến.",
        "capacity": 20,
        "opens": datetime.date(2026, 8, 1),
        "closes": datetime.date(2026, 9, 1),
        "status": Course.Status.HELD,
        "sessions": [(datetime.date(2026, 9, 8), 7, 17)],
        "leaders": range(14, 20),
        "attended": range(14, 19),
    },
    {
        "slug": "tham-quan-hoc-tap-ha-noi-2027",
        "title": "Tham quan học tập mô hình OCOP tại Hà Nội",
        "kind": Course.Kind.STUDY_TOUR_OUT,
        "topics": ["Xúc tiến thương mại", "Chuỗi giá trị và liên kết"],
        "audience": Course.Audience.LEADERS,
        "organiser_name": "Liên minh HTX tỉnh Ninh Bình phối hợp Liên minh HTX thành phố Hà Nội",
        "description": "Hai ngày tham quan các chủ thể OCOP 5 sao và trung tâm giới thiệu sản phẩm của Hà Nội.",
        "capacity": 6,
        "opens": datetime.date(2026, 11, 15),
        "closes": datetime.date(2027, 1, 5),
        "status": Course.Status.OPEN,
        "sessions": [(datetime.date(2027, 1, 14), 7, 17), (datetime.date(2027, 1, 15), 7, 12)],
        "leaders": range(10, 19),  # 9 for 6 seats: 3 on the waiting list
        "attended": (),
    },
    {
        "slug": "thuong-mai-dien-tu-cho-san-pham-ocop-2027",
        "title": "Thương mại điện tử cho sản phẩm OCOP",
        "kind": Course.Kind.TRAINING,
        "topics": ["Thương mại điện tử"],
        "audience": Course.Audience.EVERYONE,
        "organiser_name": "Ban Tuyên truyền – Đào tạo, Liên minh HTX tỉnh",
        "description": "Mở gian hàng trên sàn thương mại điện tử, chụp ảnh sản phẩm, livestream bán hàng.",
        "capacity": 40,
        "opens": datetime.date(2026, 12, 1),
        "closes": datetime.date(2027, 2, 15),
        "status": Course.Status.OPEN,
        "sessions": [(datetime.date(2027, 2, 24), 8, 11), (datetime.date(2027, 2, 25), 8, 11)],
        "leaders": range(2, 5),
        "attended": (),
        "members": True,
    },
]


def demo_load(*, stdout) -> None:
    people = people_demo_load()
    created = courses_demo_load()
    certificates = certificates_demo_load()
    stdout.write(
        f"Tập huấn (trainings): {created} khóa học tạo mới (courses created), {people} người (people), "
        f"{certificates} giấy chứng nhận (certificates)."
    )


def _person(cooperative, name, *, leader=False, position="") -> tuple[Person, bool]:
    person = Person.objects.filter(cooperative=cooperative, full_name=name).first()
    if person:
        return person, False
    if leader and Person.objects.leaders().filter(cooperative=cooperative).exists():
        return Person.objects.leaders().get(cooperative=cooperative), False
    person = Person(
        cooperative=cooperative,
        full_name=name,
        position=position or ("Giám đốc" if leader else "Thành viên"),
        is_leader=leader,
        phone=cooperative.phone,
    )
    person.full_clean(validate_constraints=False)
    person.save()
    if leader and not cooperative.leader_name:
        Cooperative.objects.filter(pk=cooperative.pk).update(leader_name=name)
    return person, True


def _cooperatives() -> list[Cooperative]:
    """The demo cooperatives with an account in the space first (the demo manager's sees its
    people), then the others, in a stable order."""
    with_accounts = list(Cooperative.objects.filter(memberships__isnull=False).distinct().order_by("pk"))
    others = Cooperative.objects.exclude(pk__in=[c.pk for c in with_accounts]).order_by("pk")
    return (with_accounts + list(others))[: len(LEADERS)]


def people_demo_load() -> int:
    """A leader (and for every other cooperative a member) for the demo cooperatives."""
    created = 0
    for index, cooperative in enumerate(_cooperatives()):
        created += _person(cooperative, LEADERS[index], leader=True)[1]
        created += _person(cooperative, MEMBERS[index % len(MEMBERS)])[1]
    return created


def courses_demo_load() -> int:
    topics = {topic.name: topic for topic in Topic.objects.all()}
    cooperatives = _cooperatives()
    created = 0
    for spec in COURSES:
        if Course.objects.filter(slug=spec["slug"]).exists():
            continue
        course = Course(
            slug=spec["slug"],
            title=spec["title"],
            kind=spec["kind"],
            audience=spec["audience"],
            organiser_name=spec["organiser_name"],
            description=spec["description"],
            venue_address="" if spec["kind"] == Course.Kind.STUDY_TOUR_OUT else VENUE,
            capacity=spec["capacity"],
            registration_opens_on=spec["opens"],
            registration_closes_on=spec["closes"],
            status=spec["status"],
        )
        if spec["kind"] == Course.Kind.STUDY_TOUR_OUT:
            course.venue_address = "Trung tâm giới thiệu sản phẩm OCOP, quận Long Biên, Hà Nội"
        course.full_clean()
        course.save()
        course.topics.set([topics[name] for name in spec["topics"] if name in topics])
        sessions = [
            Session.objects.create(
                course=course, date=day, starts_at=datetime.time(start, 0), ends_at=datetime.time(end, 0)
            )
            for day, start, end in spec["sessions"]
        ]
        _registrations(course, spec, cooperatives, sessions)
        created += 1
    return created


def _registrations(course, spec, cooperatives, sessions) -> None:
    seats = 0
    waiting = 0
    for index in spec["leaders"]:
        if index >= len(cooperatives):
            continue
        cooperative = cooperatives[index]
        candidates = [Person.objects.leaders().filter(cooperative=cooperative).first()]
        if spec.get("members"):
            candidates.append(Person.objects.filter(cooperative=cooperative, is_leader=False).first())
        for person in filter(None, candidates):
            if Registration.objects.filter(course=course, person=person).exists():
                continue
            registration = Registration(course=course, cooperative=cooperative, person=person)
            if seats < course.capacity:
                registration.status = Registration.Status.CONFIRMED
                seats += 1
            else:
                waiting += 1
                registration.status = Registration.Status.WAITING
                registration.waiting_position = waiting
            registration.save()
            if index in spec["attended"] and registration.status == Registration.Status.CONFIRMED:
                for session in sessions:
                    Attendance.objects.get_or_create(
                        registration=registration,
                        session=session,
                        defaults={
                            "method": Attendance.Method.SHEET,
                            "checked_in_at": timezone.make_aware(
                                datetime.datetime.combine(session.date, session.starts_at)
                            ),
                        },
                    )


FEEDBACK = [
    (
        {"content": 5, "trainers": 5, "materials": 4, "organisation": 4, "overall": 5},
        "Hiểu rõ các bước của chu trình OCOP.",
        "",
    ),
    (
        {"content": 4, "trainers": 4, "materials": 3, "organisation": 4, "overall": 4},
        "",
        "Cần thêm tài liệu in cho học viên.",
    ),
    (
        {"content": 5, "trainers": 4, "materials": 4, "organisation": 3, "overall": 4},
        "Ví dụ thực tế của các HTX bạn.",
        "Hội trường hơi chật.",
    ),
]


def certificates_demo_load() -> int:
    """The held courses' participants who attended every session required get their certificate,
    and the first three leave feedback. Idempotent (a certificate is issued once)."""
    from .models import Certificate, Feedback
    from .services.certificates import certificate_eligibility, certificate_issue

    issued = 0
    held = Registration.objects.filter(course__status=Course.Status.HELD, status=Registration.Status.CONFIRMED)
    for registration in held.select_related("course", "person", "cooperative").order_by("course_id", "pk"):
        if Certificate.objects.filter(registration=registration).exists():
            continue
        if certificate_eligibility(registration).eligible:
            certificate_issue(registration=registration)
            issued += 1
    first_course = (
        held.order_by("course__registration_opens_on", "course_id").values_list("course_id", flat=True).first()
    )
    attended = held.filter(course_id=first_course, attendances__isnull=False).distinct().order_by("pk")
    for registration, (scores, liked, suggestions) in zip(attended, FEEDBACK, strict=False):
        Feedback.objects.get_or_create(
            registration=registration, defaults={**scores, "liked": liked, "suggestions": suggestions}
        )
    return issued
