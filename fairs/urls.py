from django.urls import path

from .views import public, space, staff

app_name = "fairs"

urlpatterns = [
    # Public.
    path("events/", public.event_list, name="events"),
    path("events/calendar.ics", public.events_feed, name="events_feed"),
    path("events/<slug:slug>/", public.event_detail, name="event"),
    path("events/<slug:slug>/calendar.ics", public.event_ics, name="event_ics"),
    # The cooperative's space.
    path("space/fairs/", space.space_home, name="space"),
    path("space/fairs/events/<int:pk>/apply/", space.apply, name="space_apply"),
    path("space/fairs/applications/<int:pk>/", space.application_detail, name="application"),
    path("space/fairs/applications/<int:pk>/edit/", space.application_edit, name="application_edit"),
    path("space/fairs/applications/<int:pk>/withdraw/", space.application_withdraw, name="application_withdraw"),
    path("space/fairs/applications/<int:pk>/outcome/", space.outcome, name="outcome"),
    # Alliance staff.
    path("staff/fairs/", staff.event_list, name="staff_events"),
    path("staff/fairs/<int:pk>/", staff.event_review, name="staff_event"),
    path("staff/fairs/applications/<int:pk>/decide/", staff.decide, name="staff_decide"),
    path("staff/fairs/<int:pk>/booths/", staff.booths, name="staff_booths"),
    path("staff/fairs/<int:pk>/applications.xlsx", staff.export_applications, name="staff_export_applications"),
    path("staff/fairs/<int:pk>/exhibitors.xlsx", staff.export_exhibitors, name="staff_export_exhibitors"),
    path("staff/fairs/<int:pk>/exhibitors/print/", staff.print_exhibitors, name="staff_print_exhibitors"),
    path("staff/fairs/<int:pk>/outcomes/", staff.outcomes, name="staff_outcomes"),
    path("staff/fairs/outcomes/<int:pk>/", staff.outcome_correct, name="staff_outcome_correct"),
]
