from functools import wraps

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ..access import cooperative_for_user


def space_view(view):
    """Login required (anonymous → login page), then the user's cooperative or 404. The view
    receives it as its second argument."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        cooperative = cooperative_for_user(request.user)
        return view(request, cooperative, *args, **kwargs)

    return wrapper


def space_render(request, template: str, section: str, context: dict, status: int = 200):
    return render(request, template, {"space_section": section, **context}, status=status)


def apply_error(form, error) -> None:
    """Show an ApplicationError on its field when the form has it, else above the form."""
    field = error.field if error.field and error.field in form.fields else None
    form.add_error(field, str(error.message))
