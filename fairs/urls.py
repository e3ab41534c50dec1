from django.urls import path

from .views import buyers, matchmaking_staff, public, space, staff

app_name = "fairs"

urlpatterns = [
    # Public.
    path("events/", public.event_list, name="events"),
    path("events/calendar.ics", public.events_feed, name="events_feed"),
    path("events/<slug:slug>/", public.event_detail, name="event"),
    path("events/<slug:slug>/calendar.ics", public.event_ics, name="event_ics"),
    # Buyers of a supply–demand conference (public form; their own page by a signed link).
    path("events/<slug:slug>/buyers/", buyers.buyer_register, name="buyer_register"),
    path("events/<slug:slug>/buyers/thanks/", buyers.buyer_registered, name="buyer_registered"),
    path("buyers/confirm/<str:token>/", buyers.buyer_confirm, name="buyer_confirm"),
    path("buyers/<str:token>/", buyers.buyer_page, name="buyer_page"),
    path("buyers/<str:token>/timetable/", buyers.buyer_timetable, name="buyer_timetable"),
    # The cooperative's space.
    path("space/fairs/", space.space_home, name="space"),
    path("space/fairs/events/<int:pk>/apply/", space.apply, name="space_apply"),
    path("space/fairs/applications/<int:pk>/", space.application_detail, name="application"),
    path("space/fairs/applications/<int:pk>/edit/", space.application_edit, name="application_edit"),
    path("space/fairs/applications/<int:pk>/withdraw/", space.application_withdraw, name="application_withdraw"),
    path("space/fairs/applications/<int:pk>/outcome/", space.outcome, name="outcome"),
    path("space/fairs/applications/<int:pk>/timetable/", space.timetable, name="space_timetable"),
    path("space/fairs/requests/<int:pk>/<slug:answer>/", space.request_answer, name="request_answer"),
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
    path("staff/fairs/<int:pk>/matchmaking/", matchmaking_staff.matchmaking_page, name="staff_matchmaking"),
    path(
        "staff/fairs/<int:pk>/matchmaking/generate/",
        matchmaking_staff.schedule_generate,
        name="staff_schedule_generate",
    ),
    path("staff/fairs/<int:pk>/matchmaking/send/", matchmaking_staff.timetables_send, name="staff_timetables_send"),
    path("staff/fairs/<int:pk>/matchmaking/print/", matchmaking_staff.schedule_print, name="staff_schedule_print"),
    path("staff/fairs/buyers/<int:pk>/decide/", matchmaking_staff.buyer_decide, name="staff_buyer_decide"),
    path("staff/fairs/meetings/<int:pk>/move/", matchmaking_staff.meeting_move, name="staff_meeting_move"),
    path("staff/fairs/meetings/<int:pk>/outcome/", matchmaking_staff.meeting_outcome, name="staff_meeting_outcome"),
]
