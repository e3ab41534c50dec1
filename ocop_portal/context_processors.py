from django.conf import settings
from django.utils.functional import SimpleLazyObject


def portal(request):
    def council_member():
        from ocop_portal.guards import can

        user = getattr(request, "user", None)
        return bool(user is not None and can(user, "registrations.use_council"))

    return {
        "PORTAL": settings.PORTAL,
        "SITE_URL": settings.SITE_URL,
        # Lazy: the query runs only on pages whose template asks (the header, for signed-in users).
        "user_is_council_member": SimpleLazyObject(council_member),
    }
