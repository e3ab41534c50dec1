from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ocop_portal.errors import ApplicationError, error_to_form

from .. import selectors, services
from ..forms import ProfileForm
from .base import space_render, space_view


@require_http_methods(["GET", "POST"])
@space_view
def profile(request, cooperative):
    form = ProfileForm(request.POST or None, request.FILES or None, instance=cooperative)
    if request.method == "POST" and form.is_valid():
        try:
            legal_request = services.cooperative_profile_update(
                cooperative=cooperative,
                by=request.user,
                data=form.profile_data(),
                legal=form.legal_data(),
                document=form.cleaned_data.get("legal_document") or None,
            )
        except ApplicationError as error:
            error_to_form(form, error)
        else:
            messages.success(request, _("Your profile has been saved."))
            if legal_request is not None:
                messages.info(
                    request,
                    _(
                        "The change of name, registration number or type has been sent to the Alliance staff; "
                        "it will apply once they approve it."
                    ),
                )
            return redirect("cooperatives:profile")
    return space_render(
        request,
        "cooperatives/profile.html",
        "profile",
        {
            "cooperative": cooperative,
            "form": form,
            "legal_pending": selectors.pending_legal_change(cooperative),
            "history": selectors.profile_history(cooperative),
        },
    )
