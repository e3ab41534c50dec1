"""Admin actions that decide something with a note (approve / reject, move a request on): an
intermediate page asks for the note, then each selected object goes through the service.
Also reachable from an object's page through `<pk>/decide/<decision>/`."""

from django import forms
from django.contrib import messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy

from ocop_portal.errors import ApplicationError


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=gettext_lazy("Sent to the person concerned with the decision."),
    )

    def __init__(self, *args, note_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].required = note_required


class Decision:
    """One decision: `service(obj, by=user, note=text)` does the work."""

    def __init__(self, code, label, service, *, note_required=False, done_message=None, button=None):
        self.code, self.label, self.service = code, label, service
        self.button = button or label  # the label on one object's page
        self.note_required = note_required
        self.done_message = done_message or gettext_lazy("%(count)s item(s) updated.")


class DecisionAdminMixin:
    decisions: list[Decision] = []
    # The record itself is not edited in the admin: only decisions change it.
    decisions_only = True
    change_form_template = "admin/ocop_decision_change_form.html"

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.has_change_permission(request):
            for decision in self.decisions:
                actions[f"decide_{decision.code}"] = (
                    self._action_for(decision),
                    f"decide_{decision.code}",
                    decision.label,
                )
        return actions

    def _action_for(self, decision):
        def action(modeladmin, request, queryset):
            return self.decide(request, queryset, decision)

        return action

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        return [
            path(
                "<int:object_id>/decide/<str:code>/",
                self.admin_site.admin_view(self.decide_one),
                name="{}_{}_decide".format(*info),
            ),
            *super().get_urls(),
        ]

    def decide_one(self, request, object_id, code):
        if not self.has_change_permission(request):
            raise PermissionDenied
        decision = next((d for d in self.decisions if d.code == code), None)
        obj = get_object_or_404(self.get_queryset(request), pk=object_id)
        if decision is None:
            raise PermissionDenied
        response = self.decide(request, self.get_queryset(request).filter(pk=obj.pk), decision, single=True)
        if response is None:
            info = self.model._meta.app_label, self.model._meta.model_name
            return HttpResponseRedirect(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
        return response

    def decide(self, request, queryset, decision, single=False):
        if not self.has_change_permission(request):
            raise PermissionDenied
        form = DecisionForm(
            request.POST if "apply_decision" in request.POST else None, note_required=decision.note_required
        )
        if form.is_bound and form.is_valid():
            done = 0
            for obj in queryset:
                try:
                    decision.service(obj, by=request.user, note=form.cleaned_data["note"])
                except ApplicationError as error:
                    self.message_user(request, f"{obj}: {error.message}", messages.ERROR)
                else:
                    done += 1
            if done:
                self.message_user(request, decision.done_message % {"count": done}, messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": decision.button if single else decision.label,
            "opts": self.model._meta,
            "queryset": queryset,
            "form": form,
            "decision": decision,
            "single": single,
            "action_name": f"decide_{decision.code}",
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "note_required": decision.note_required,
        }
        return TemplateResponse(request, "admin/ocop_decision.html", context)

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        context["decisions"] = [d for d in self.decisions if obj is not None and self.decision_available(obj, d)]
        if self.decisions_only:
            context.update(show_save=False, show_save_and_continue=False, show_save_and_add_another=False)
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def decision_available(self, obj, decision) -> bool:
        return True
