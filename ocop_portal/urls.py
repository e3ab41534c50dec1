from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from showcase import views as showcase_views

from . import views

admin.site.site_header = _("OCOP portal — Alliance staff")
admin.site.site_title = _("OCOP portal administration")
admin.site.index_title = _("OCOP programme data")

handler400 = "ocop_portal.error_views.bad_request"
handler403 = "ocop_portal.error_views.permission_denied"
handler404 = "ocop_portal.error_views.page_not_found"
handler500 = "ocop_portal.error_views.server_error"

urlpatterns = [
    path("healthz", views.health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("q/", include("showcase.qr_urls")),
    path("robots.txt", showcase_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", showcase_views.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", showcase_views.sitemap_section, name="sitemap_section"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("space/", include("cooperatives.urls")),
    path("dossiers/", include("registrations.urls")),
    path("news/", include("news.urls")),
    path("", include("fairs.urls")),
    path("", include("trainings.urls")),
    path("", include("salescentre.urls")),
    path("", include("plans.urls")),
    path("", include("showcase.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
