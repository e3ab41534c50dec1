"""Forms of trainings. They only check shapes; the rules (capacity, dates, whose person) are the
services', whose refusals come back onto the form (ocop_portal.errors.error_to_form)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cooperatives.models import Cooperative, Person
from ocop_portal.uploads import DocumentUploadField

from .models import Course, Registration, Session, Topic

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, person):
        label = person.full_name
        if person.position:
            label += f" — {person.position}"
        return label


class RegisterForm(forms.Form):
    """A cooperative registers some of its people (the leader ticked by default) and may add a
    new person by name."""

    people = PeopleChoiceField(
        label=_("Participants"), queryset=Person.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    new_name = forms.CharField(label=_("Someone else (full name)"), max_length=150, required=False)
    new_position = forms.CharField(label=_("Their position"), max_length=100, required=False)
    new_phone = forms.CharField(label=_("Their phone"), max_length=20, required=False)

    def __init__(self, *args, cooperative, taken=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.cooperative = cooperative
        self.fields["people"].queryset = Person.objects.current().filter(cooperative=cooperative).exclude(pk__in=taken)
        if not self.is_bound:
            self.initial["people"] = list(
                self.fields["people"].queryset.filter(is_leader=True).values_list("pk", flat=True)
            )

    def clean(self):
        data = super().clean()
        if not data.get("people") and not (data.get("new_name") or "").strip():
            raise forms.ValidationError(_("Choose at least one participant."))
        return data


class StaffRegisterForm(forms.Form):
    """Staff register people of a cooperative on its behalf (the cooperative chosen first)."""

    cooperative = forms.ModelChoiceField(label=_("Cooperative"), queryset=Cooperative.objects.active())
    people = PeopleChoiceField(
        label=_("Participants"), queryset=Person.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    new_name = forms.CharField(label=_("Someone else (full name)"), max_length=150, required=False)

    def __init__(self, *args, cooperative=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.chosen = cooperative
        if cooperative is not None:
            self.fields["people"].queryset = Person.objects.current().filter(cooperative=cooperative)
            self.initial.setdefault("cooperative", cooperative.pk)

    def clean(self):
        data = super().clean()
        if not data.get("people") and not (data.get("new_name") or "").strip():
            raise forms.ValidationError(_("Choose at least one participant."))
        return data


class DecisionForm(forms.Form):
    ACTIONS = [
        ("approve", _("Approve")),
        ("refuse", _("Refuse")),
        ("seat", _("Give a seat")),
        ("waiting", _("Move to the waiting list")),
        ("withdraw", _("Withdraw")),
    ]
    action = forms.ChoiceField(choices=ACTIONS)
    note = forms.CharField(label=_("Note to the cooperative"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class BootstrapMixin:
    """Bootstrap classes on the widgets (the staff pages render the fields one by one)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, (forms.CheckboxSelectMultiple, forms.RadioSelect)):
                continue
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")


class CourseForm(BootstrapMixin, forms.ModelForm):
    programme_document = DocumentUploadField(label=_("programme (public document)"), required=False)
    online_url = forms.URLField(label=_("online link"), required=False, assume_scheme="https")

    class Meta:
        model = Course
        fields = [
            "title",
            "kind",
            "topics",
            "organiser",
            "organiser_name",
            "audience",
            "description",
            "programme_document",
            "venue_commune",
            "venue_address",
            "online_url",
            "capacity",
            "registration_opens_on",
            "registration_closes_on",
            "needs_approval",
            "status",
            "certificate_rule",
            "certificate_min_sessions",
        ]
        widgets = {
            "registration_opens_on": DATE_INPUT,
            "registration_closes_on": DATE_INPUT,
            "topics": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = Topic.objects.filter(is_active=True)
        self.fields["venue_commune"].queryset = self.fields["venue_commune"].queryset.in_portal_province()

    def _post_clean(self):
        # The model's own validation runs in the service (course_save), which reports it on the form.
        opts = self._meta
        self.instance = forms.models.construct_instance(self, self.instance, opts.fields, opts.exclude)


class SessionForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Session
        fields = ["date", "starts_at", "ends_at", "place", "title"]
        widgets = {"date": DATE_INPUT, "starts_at": TIME_INPUT, "ends_at": TIME_INPUT}

    def _post_clean(self):
        opts = self._meta
        self.instance = forms.models.construct_instance(self, self.instance, opts.fields, opts.exclude)


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=255, required=False)
    file = DocumentUploadField(label=_("file"))


class MessageForm(forms.Form):
    message = forms.CharField(label=_("Message to the participants"), widget=forms.Textarea(attrs={"rows": 3}))


class CancelForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the participants"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    confirm = forms.BooleanField(label=_("Yes, cancel the course and tell everyone registered"))


class RegistrationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, registration):
        return f"{registration.person.full_name} — {registration.cooperative.name}"


class SheetForm(forms.Form):
    """The paper sign-in sheet typed in afterwards: who was present at the session."""

    present = RegistrationChoiceField(
        label=_("Present"), queryset=Registration.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = (
            Registration.objects.filter(course_id=session.course_id, status=Registration.Status.CONFIRMED)
            .select_related("cooperative", "person")
            .order_by("cooperative__name", "person__full_name")
        )
        if not self.is_bound:
            self.initial["present"] = list(session.attendances.values_list("registration_id", flat=True))


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DATE_INPUT)
    end = forms.DateField(label=_("To"), widget=DATE_INPUT)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("The end of the period cannot come before its start."))
        return data


class InviteForm(forms.Form):
    course = forms.ModelChoiceField(label=_("Course"), queryset=Course.objects.none())
    cooperatives = forms.ModelMultipleChoiceField(queryset=Cooperative.objects.all(), widget=forms.MultipleHiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = Course.objects.filter(status=Course.Status.OPEN).order_by("title")
