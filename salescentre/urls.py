from django.urls import path

from . import views

app_name = "salescentre"

urlpatterns = [
    path("sales-centre/", views.public, name="public"),
    path("space/sales-centre/", views.space_statements, name="space_statements"),
    path("space/sales-centre/<str:month>/", views.space_statement, name="space_statement"),
    path("staff/sales-centre/", views.ledger, name="ledger"),
    path("staff/sales-centre/movements/<int:pk>/reverse/", views.reverse, name="reverse"),
    path("staff/sales-centre/statements/", views.staff_statement, name="statement"),
]
