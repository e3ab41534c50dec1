from django.conf import settings


def portal(request):
    return {"PORTAL": settings.PORTAL, "SITE_URL": settings.SITE_URL}
