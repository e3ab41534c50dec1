"""Addresses of check-in, tickets, certificates, feedback and the staff documents of a course
(included by trainings/urls.py, in the `trainings` namespace)."""

from django.urls import path

from .views import certificates, checkin, documents, feedback, tickets

urlpatterns = [
    # Public: the ticket page (signed link from the email), the certificate verification page.
    path("trainings/tickets/<str:token>/", tickets.public_ticket, name="ticket"),
    path("trainings/certificates/<str:code>/", certificates.certificate_verify, name="certificate_verify"),
    # The cooperative's space.
    path("space/trainings/registrations/<int:pk>/ticket/", tickets.space_ticket, name="space_ticket"),
    path(
        "space/trainings/registrations/<int:pk>/certificate.pdf",
        certificates.space_certificate,
        name="space_certificate",
    ),
    path("space/trainings/registrations/<int:pk>/feedback/", feedback.space_feedback, name="space_feedback"),
    # Staff: check-in on a phone.
    path("staff/trainings/sessions/<int:pk>/checkin/", checkin.checkin_page, name="checkin"),
    path("staff/trainings/sessions/<int:pk>/checkin/scan/", checkin.checkin_scan_json, name="checkin_scan"),
    path("staff/trainings/sessions/<int:pk>/checkin/search/", checkin.checkin_search_json, name="checkin_search"),
    path("staff/trainings/sessions/<int:pk>/sign-in-sheet.pdf", documents.signin_sheet, name="staff_signin_sheet"),
    # Staff: certificates, feedback, Excel.
    path(
        "staff/trainings/registrations/<int:pk>/certificate.pdf",
        certificates.staff_certificate,
        name="staff_certificate",
    ),
    path(
        "staff/trainings/courses/<int:pk>/certificates/issue/",
        certificates.staff_certificates_issue,
        name="staff_certificates_issue",
    ),
    path("staff/trainings/courses/<int:pk>/feedback/", feedback.staff_feedback, name="staff_feedback"),
    path("staff/trainings/courses/<int:pk>/participants.xlsx", documents.export_participants, name="staff_export"),
    path("staff/trainings/courses/<int:pk>/import/", documents.import_participants, name="staff_import"),
    path(
        "staff/trainings/courses/<int:pk>/import/template.xlsx",
        documents.import_template,
        name="staff_import_template",
    ),
]
