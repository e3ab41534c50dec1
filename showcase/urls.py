from django.urls import path

from . import views

app_name = "showcase"

urlpatterns = [
    path("products/", views.catalogue, name="catalogue"),
    path("products/<slug:slug>/", views.product_detail, name="product"),
    path("producers/<slug:slug>/", views.producer_detail, name="producer"),
    path("certificates/check/", views.certificate_check, name="certificate_check"),
]
