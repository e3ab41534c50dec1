from django.urls import path

from .urls_attendance import urlpatterns as attendance_urlpatterns
from .views import public, space, staff

app_name = "trainings"

urlpatterns = [
    # Public.
    path("trainings/", public.course_list, name="courses"),
    path("trainings/calendar.ics", public.courses_feed, name="courses_feed"),
    path("trainings/<slug:slug>/", public.course_detail, name="course"),
    path("trainings/<slug:slug>/calendar.ics", public.course_ics, name="course_ics"),
    # The cooperative's space.
    path("space/trainings/", space.space_home, name="space"),
    path("space/trainings/courses/<int:pk>/", space.course, name="space_course"),
    path("space/trainings/registrations/", space.registrations, name="space_registrations"),
    path("space/trainings/registrations/<int:pk>/", space.registration_detail, name="registration"),
    path("space/trainings/registrations/<int:pk>/withdraw/", space.registration_withdraw, name="registration_withdraw"),
    path("space/trainings/materials/<int:pk>/", space.material_download, name="material"),
    # Alliance staff.
    path("staff/trainings/", staff.course_list, name="staff_courses"),
    path("staff/trainings/new/", staff.course_edit, name="staff_course_new"),
    path("staff/trainings/leaders/", staff.leaders, name="staff_leaders"),
    path("staff/trainings/leaders/invite/", staff.leaders_invite, name="staff_leaders_invite"),
    path("staff/trainings/<int:pk>/", staff.course_detail, name="staff_course"),
    path("staff/trainings/<int:pk>/edit/", staff.course_edit, name="staff_course_edit"),
    path("staff/trainings/<int:pk>/register/", staff.register_on_behalf, name="staff_register"),
    path("staff/trainings/<int:pk>/sessions/new/", staff.session_edit, name="staff_session_new"),
    path("staff/trainings/<int:pk>/sessions/<int:session_pk>/", staff.session_edit, name="staff_session_edit"),
    path(
        "staff/trainings/<int:pk>/sessions/<int:session_pk>/delete/", staff.session_delete, name="staff_session_delete"
    ),
    path("staff/trainings/<int:pk>/materials/", staff.material_add, name="staff_material_add"),
    path("staff/trainings/<int:pk>/notify/", staff.course_notify, name="staff_course_notify"),
    path("staff/trainings/<int:pk>/cancel/", staff.course_cancel, name="staff_course_cancel"),
    path("staff/trainings/<int:pk>/status/", staff.course_status, name="staff_course_status"),
    path("staff/trainings/registrations/<int:pk>/", staff.registration_decide, name="staff_decide"),
    path("staff/trainings/sessions/<int:session_pk>/sheet/", staff.attendance_sheet, name="staff_sheet"),
    path("staff/trainings/materials/<int:pk>/", staff.material_download, name="staff_material"),
    path("staff/trainings/materials/<int:pk>/delete/", staff.material_delete, name="staff_material_delete"),
    # Tickets, check-in, certificates, feedback, sign-in sheets and Excel (trainings/urls_attendance.py).
    *attendance_urlpatterns,
]
