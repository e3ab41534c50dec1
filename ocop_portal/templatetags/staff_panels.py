"""Panels other apps add to the staff's home (the administration's index page). An app
contributes by defining `<app>/staff_panels.py` with `panels(*, request) -> list[dict]`, each
dict holding `title`, `template` and `context`. A broken panel is logged and left out."""

import importlib
import logging

from django import template
from django.apps import apps
from django.template.loader import render_to_string

from accounts.rules import is_alliance_staff

logger = logging.getLogger(__name__)
register = template.Library()


def staff_panels_collect(*, request) -> list[dict]:
    rendered = []
    if not is_alliance_staff(request.user):
        return rendered
    for config in apps.get_app_configs():
        module_name = f"{config.name}.staff_panels"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name == module_name:
                continue
            logger.exception("Staff panels of %s cannot be imported", config.name)
            continue
        try:
            for panel in module.panels(request=request) or []:
                html = render_to_string(panel["template"], panel.get("context") or {}, request=request)
                rendered.append({"title": panel["title"], "html": html, "app": config.label})
        except Exception:
            logger.exception("Staff panel of %s failed", config.name)
    return rendered


@register.inclusion_tag("admin/includes/staff_panels.html", takes_context=True)
def staff_panels(context):
    return {"panels": staff_panels_collect(request=context["request"])}
