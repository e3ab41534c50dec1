"""The feedback form after a course (in the cooperative's space, one per participant) and the
staff summary of a course's answers."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from cooperatives.access import get_owned_or_404
from cooperatives.views.base import space_render
from ocop_portal.errors import ApplicationError, error_to_form
from ocop_portal.guards import space_view, staff_view

from ..models import Course, Feedback, Registration
from ..models.feedback import QUESTIONS
from ..services.feedback import feedback_open, feedback_save, feedback_summary

SCORES = [(5, gettext_lazy("5 — very good")), (4, "4"), (3, "3"), (2, "2"), (1, gettext_lazy("1 — poor"))]


class FeedbackForm(forms.Form):
    liked = forms.CharField(
        label=gettext_lazy("What was most useful"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    suggestions = forms.CharField(
        label=gettext_lazy("What should be better next time"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, instance: Feedback | None = None, **kwargs):
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {code: getattr(instance, code) for code, _label in QUESTIONS} | {
                "liked": instance.liked,
                "suggestions": instance.suggestions,
            }
        super().__init__(*args, **kwargs)
        scores = {}
        for code, label in QUESTIONS:
            scores[code] = forms.TypedChoiceField(
                label=label,
                choices=SCORES,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose a score from 1 to 5.")},
            )
        self.fields = {**scores, **self.fields}

    def score_fields(self):
        return [self[code] for code, _label in QUESTIONS]


@require_http_methods(["GET", "POST"])
@space_view("trainings.register")
def space_feedback(request, cooperative, pk):
    registration = get_owned_or_404(
        Registration.objects.select_related("course", "person", "cooperative"), request.user, pk=pk
    )
    if not feedback_open(registration):
        messages.info(request, _("Feedback opens after the participant has attended the course."))
        return redirect("trainings:registration", pk=registration.pk)
    existing = Feedback.objects.filter(registration=registration).first()
    form = FeedbackForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        try:
            feedback_save(
                registration=registration,
                by=request.user,
                scores={code: form.cleaned_data[code] for code, _label in QUESTIONS},
                liked=form.cleaned_data["liked"],
                suggestions=form.cleaned_data["suggestions"],
            )
        except ApplicationError as error:
            error_to_form(form, error)
        else:
            messages.success(request, _("Thank you: your feedback helps the Alliance improve its courses."))
            return redirect("trainings:registration", pk=registration.pk)
    return space_render(
        request,
        "trainings/feedback/form.html",
        "trainings",
        {"registration": registration, "course": registration.course, "form": form, "existing": existing},
        status=400 if form.errors else 200,
    )


@require_GET
@staff_view("trainings.manage_courses")
def staff_feedback(request, pk):
    course = get_object_or_404(Course, pk=pk)
    attended = Registration.objects.filter(course=course, attendances__isnull=False).distinct().count()
    return render(
        request,
        "trainings/feedback/summary.html",
        {"course": course, "summary": feedback_summary(course), "attended": attended},
    )
