"""The short form a participant fills after a course, and its summary for staff."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop_portal.errors import ApplicationError, raise_validation

from ..models import Course, Feedback, Registration
from ..models.feedback import QUESTIONS


def feedback_open(registration: Registration, *, today=None) -> bool:
    """The form opens once the participant has attended a session and the course's first session
    is over; it stays open (a cooperative may correct its answers)."""
    today = today or timezone.localdate()
    if registration.status != Registration.Status.CONFIRMED:
        return False
    first = registration.course.sessions.order_by("date").values_list("date", flat=True).first()
    return first is not None and first <= today and registration.attendances.exists()


def feedback_save(
    *, registration: Registration, by, scores: dict[str, int], liked: str = "", suggestions: str = ""
) -> Feedback:
    """Store (or correct) the feedback of `registration`. Raises ApplicationError, saving
    nothing, when the form is not open or a score is not 1–5."""
    if not feedback_open(registration):
        raise ApplicationError(_("Feedback opens after the participant has attended the course."))
    with transaction.atomic():
        feedback = Feedback.objects.select_for_update().filter(registration=registration).first() or Feedback(
            registration=registration
        )
        for code, _label in QUESTIONS:
            setattr(feedback, code, scores.get(code))
        feedback.liked = (liked or "").strip()
        feedback.suggestions = (suggestions or "").strip()
        feedback.by = by
        try:
            feedback.full_clean(exclude=["registration"])
        except ValidationError as error:
            raise_validation(error)
        feedback.save()
    return feedback


def feedback_summary(course: Course) -> dict:
    """Per question: the average and how many gave 1…5; the number of answers and the
    comments (newest first). Three queries whatever the number of answers."""
    answers = Feedback.objects.filter(registration__course=course)
    averages = answers.aggregate(count=Count("pk"), **{code: Avg(code) for code, _label in QUESTIONS})
    questions = []
    for code, label in QUESTIONS:
        counts = dict(answers.values_list(code).annotate(n=Count("pk")).values_list(code, "n"))
        total = sum(counts.values())
        questions.append(
            {
                "code": code,
                "label": label,
                "average": averages[code],
                "distribution": [
                    {
                        "score": score,
                        "count": counts.get(score, 0),
                        "percent": round(100 * counts.get(score, 0) / total) if total else 0,
                    }
                    for score in range(1, 6)
                ],
            }
        )
    comments = list(
        answers.exclude(liked="", suggestions="")
        .select_related("registration__person", "registration__cooperative")
        .order_by("-updated_at")
    )
    return {"count": averages["count"], "questions": questions, "comments": comments}
