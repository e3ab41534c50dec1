from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("ocop-in-numbers/", views.numbers, name="numbers"),
    path("staff/plans/", views.dashboard, name="dashboard"),
    path("staff/plans/metrics/<slug:code>/", views.metric_records, name="metric"),
    path("staff/plans/charts/<slug:code>.xlsx", views.chart_xlsx, name="chart_xlsx"),
    path("staff/plans/list/", views.plan_list, name="plan_list"),
    path("staff/plans/new/", views.plan_form, name="plan_create"),
    path("staff/plans/<int:pk>/", views.plan_detail, name="plan"),
    path("staff/plans/<int:pk>/edit/", views.plan_form, name="plan_edit"),
    path("staff/plans/<int:pk>/document/", views.plan_document, name="plan_document"),
    path("staff/plans/<int:plan_pk>/targets/new/", views.target_form, name="target_create"),
    path("staff/plans/<int:plan_pk>/targets/<int:pk>/", views.target_form, name="target_edit"),
    path("staff/plans/<int:plan_pk>/targets/<int:pk>/delete/", views.target_delete, name="target_delete"),
    path("staff/plans/reports/", views.report_create, name="report_create"),
    path("staff/plans/reports/<int:pk>/", views.report_detail, name="report"),
    path("staff/plans/reports/<int:pk>/status/", views.report_status, name="report_status"),
    path("staff/plans/reports/<int:pk>/<slug:kind>/", views.report_download, name="report_download"),
]
