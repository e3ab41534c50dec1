from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ocop_portal.models import TimeStampedModel

# The questions of the form: stable codes, the labels shown in the form and in the summary.
QUESTIONS = [
    ("content", _("The content was useful for our cooperative")),
    ("trainers", _("The trainers explained clearly")),
    ("materials", _("The documents and materials")),
    ("organisation", _("The organisation (venue, timing, meals, travel)")),
    ("overall", _("Overall satisfaction")),
]

SCORE = [MinValueValidator(1), MaxValueValidator(5)]


class Feedback(TimeStampedModel):
    """A participant's answers to the short form after a course: 1 (poor) to 5 (very good) per
    question, and free text. One per registration; the cooperative may correct it."""

    registration = models.OneToOneField(
        "trainings.Registration", on_delete=models.CASCADE, related_name="feedback", verbose_name=_("registration")
    )
    content = models.PositiveSmallIntegerField(QUESTIONS[0][1], validators=SCORE)
    trainers = models.PositiveSmallIntegerField(QUESTIONS[1][1], validators=SCORE)
    materials = models.PositiveSmallIntegerField(QUESTIONS[2][1], validators=SCORE)
    organisation = models.PositiveSmallIntegerField(QUESTIONS[3][1], validators=SCORE)
    overall = models.PositiveSmallIntegerField(QUESTIONS[4][1], validators=SCORE)
    liked = models.TextField(_("What was most useful"), blank=True, max_length=2000)
    suggestions = models.TextField(_("What should be better next time"), blank=True, max_length=2000)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("course feedback")
        verbose_name_plural = _("course feedback")
        ordering = ["registration", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(**{f"{code}__gte": 1, f"{code}__lte": 5}),
                name=f"feedback_{code}_1_to_5",
                violation_error_message=_("Give a score from 1 to 5."),
            )
            for code, _label in QUESTIONS
        ]

    def __str__(self):
        return f"{self.registration} — {self.overall}/5"
