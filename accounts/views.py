from axes.utils import reset as axes_reset
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cooperatives.models import Cooperative
from ocop_portal.errors import ApplicationError, error_to_form
from ocop_portal.guards import login_view, public_view
from ocop_portal.ratelimit import client_ip, rate_limit_exceeded

from . import services
from .forms import (
    EmailAuthenticationForm,
    InvitationAcceptForm,
    QueuedPasswordResetForm,
    SignupForm,
    SignupSearchForm,
)

SIGNUP_LIMIT_PER_HOUR = 5
SEARCH_RESULTS = 20


@public_view
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm

    def get_default_redirect_url(self):
        user = self.request.user
        if hasattr(user, "membership"):
            return reverse("cooperatives:dashboard")
        if user.is_staff:
            return reverse("admin:index")
        return super().get_default_redirect_url()


@public_view
class LogoutView(auth_views.LogoutView):
    """Signing out (a POST, as Django requires) is open to anyone: it ends whatever session there is."""


# --- Sign-up ----------------------------------------------------------------------------------


@public_view
@require_http_methods(["GET", "HEAD", "POST"])
def signup(request):
    """Ask for an account: find the cooperative in the registry (no JavaScript, accents not
    needed), or describe a new one; then the applicant's details."""
    if request.user.is_authenticated and hasattr(request.user, "membership"):
        return redirect("cooperatives:dashboard")
    source = request.POST if request.method == "POST" else request.GET
    new_cooperative = source.get("new") == "1"
    chosen = None
    if not new_cooperative and source.get("cooperative", "").isdigit():
        chosen = Cooperative.objects.active().select_related("commune").filter(pk=source["cooperative"]).first()

    if request.method == "POST" and (new_cooperative or chosen):
        form = SignupForm(request.POST, new_cooperative=new_cooperative)
        if form.is_valid():
            if rate_limit_exceeded(
                scope="signup", ident=client_ip(request), limit=SIGNUP_LIMIT_PER_HOUR, window_seconds=3600
            ):
                form.add_error(None, _("Too many requests from this connection. Please try again in an hour."))
            else:
                try:
                    services.signup_submit(
                        email=form.cleaned_data["email"],
                        full_name=form.cleaned_data["full_name"],
                        phone=form.cleaned_data["phone"],
                        password=form.cleaned_data["password2"],
                        position=form.cleaned_data["position"],
                        message=form.cleaned_data["message"],
                        cooperative=form.cleaned_data.get("cooperative"),
                        new_cooperative=form.new_cooperative_data(),
                    )
                except ApplicationError as error:
                    error_to_form(form, error)
                else:
                    request.session["signup_email"] = form.cleaned_data["email"]
                    return redirect("accounts:signup_sent")
        return render(
            request,
            "accounts/signup.html",
            {"form": form, "chosen": chosen, "new_cooperative": new_cooperative, "step": "form"},
        )

    if new_cooperative or chosen:
        initial = {"cooperative": chosen.pk} if chosen else {}
        form = SignupForm(initial=initial, new_cooperative=new_cooperative)
        return render(
            request,
            "accounts/signup.html",
            {"form": form, "chosen": chosen, "new_cooperative": new_cooperative, "step": "form"},
        )

    search = SignupSearchForm(request.GET or None)
    results = None
    if search.is_valid() and search.cleaned_data["q"].strip():
        results = list(
            Cooperative.objects.active()
            .search(search.cleaned_data["q"])
            .select_related("commune")[: SEARCH_RESULTS + 1]
        )
    return render(
        request,
        "accounts/signup.html",
        {
            "search": search,
            "results": results[:SEARCH_RESULTS] if results is not None else None,
            "more_results": results is not None and len(results) > SEARCH_RESULTS,
            "step": "search",
        },
    )


@public_view
def signup_sent(request):
    return render(request, "accounts/signup_sent.html", {"email": request.session.get("signup_email", "")})


@public_view
def signup_confirm(request, token):
    try:
        signup = services.signup_confirm_email(token=token)
    except ApplicationError as error:
        return render(request, "accounts/signup_confirmed.html", {"error": error.message}, status=400)
    return render(request, "accounts/signup_confirmed.html", {"signup": signup})


# --- Invitations ------------------------------------------------------------------------------


@public_view
@require_http_methods(["GET", "HEAD", "POST"])
def invitation_accept(request, token):
    invitation = services.invitation_for_token(token)
    problem = None
    try:
        services.invitation_check(invitation)
    except ApplicationError as error:
        problem = error.message
    if problem:
        return render(request, "accounts/invitation_accept.html", {"problem": problem}, status=410)
    form = InvitationAcceptForm(
        request.POST or None, email=invitation.email, initial={"full_name": invitation.full_name}
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                token=token,
                full_name=form.cleaned_data["full_name"],
                phone=form.cleaned_data["phone"],
                password=form.cleaned_data["password2"],
            )
        except ApplicationError as error:
            error_to_form(form, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome! Your account is ready; next time log in with your email."))
            return redirect("cooperatives:dashboard")
    return render(request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation})


# --- Passwords --------------------------------------------------------------------------------


@public_view
class PasswordResetView(auth_views.PasswordResetView):
    form_class = QueuedPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    success_url = reverse_lazy("accounts:password_reset_done")


@public_view
class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


@public_view
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # The owner proved they hold the mailbox: lift any login pause on their account.
        axes_reset(username=form.user.email.lower())
        return response


@public_view
class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@login_view
class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's view keeps this session (update_session_auth_hash); every other session of the
    user ends, since it carries the hash of the old password."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password has been changed. Other devices have been logged out."))
        return response


@login_view
class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"
