from django.shortcuts import render

from ocop_portal.guards import space_view  # noqa: F401  (the views of the space import it from here)


def space_render(request, template: str, section: str, context: dict, status: int = 200):
    return render(request, template, {"space_section": section, **context}, status=status)
