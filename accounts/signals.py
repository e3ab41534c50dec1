from django.db.models.signals import post_migrate
from django.dispatch import receiver


@receiver(post_migrate)
def sync_role_permissions(sender, app_config=None, using="default", **kwargs):
    """Give the Alliance staff group every permission on the portal's models, including
    models added by later migrations (permissions exist only after migrate)."""
    from django.contrib.auth.models import Group, Permission

    from .roles import ALLIANCE_STAFF, STAFF_APP_LABELS, STAFF_EXTRA_PERMISSIONS

    # Each app's permissions are created by its own post_migrate: react to every portal app.
    if app_config is None or app_config.label not in {"accounts", "ocop_portal", *STAFF_APP_LABELS}:
        return

    group, _ = Group.objects.using(using).get_or_create(name=ALLIANCE_STAFF)
    perms = list(Permission.objects.using(using).filter(content_type__app_label__in=STAFF_APP_LABELS))
    for code in STAFF_EXTRA_PERMISSIONS:
        app_label, codename = code.split(".")
        perms.extend(Permission.objects.using(using).filter(content_type__app_label=app_label, codename=codename))
    group.permissions.add(*perms)
