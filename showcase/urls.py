import os

from django.urls import path, re_path

from . import views

app_name = "showcase"

urlpatterns = [
    path("products/", views.catalogue, name="catalogue"),
    path("products/<slug:slug>/", views.product_detail, name="product"),
    path("producers/", views.producers, name="producers"),
    path("producers/<slug:slug>/", views.producer_detail, name="producer"),
    path("certificates/check/", views.certificate_check, name="certificate_check"),
    # The cooperative's side, in its space (cooperatives.urls is tried first under space/).
    path("space/enquiries/", views.space_enquiries, name="space_enquiries"),
    path("space/enquiries/<int:pk>/handled/", views.space_enquiry_handled, name="space_enquiry_handled"),
    re_path(r"^space/qr/(?P<pk>[0-9]+)\.(?P<fmt>png|svg)$", views.space_qr, name="space_qr"),
]

# The benchmark's yardstick: a bare view through the whole middleware stack (bench/run.py).
if os.environ.get("OCOP_BENCH_VIEW") == "1":
    urlpatterns += [
        path("bench/bare/", views.bench_bare, name="bench_bare"),
        path("bench/template/", views.bench_template, name="bench_template"),
    ]
