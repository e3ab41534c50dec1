from django.shortcuts import render

from ocop_portal.guards import space_view  # noqa: F401  (the views of the space import it from here)


def space_render(request, template: str, section: str, context: dict, status: int = 200):
    return render(request, template, {"space_section": section, **context}, status=status)


def apply_error(form, error) -> None:
    """Show an ApplicationError on its field when the form has it, else above the form."""
    field = error.field if error.field and error.field in form.fields else None
    form.add_error(field, str(error.message))
