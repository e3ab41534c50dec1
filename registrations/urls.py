from django.urls import path

from .views import cooperative, council, staff

app_name = "registrations"

urlpatterns = [
    # The cooperative's dossiers (its space).
    path("", cooperative.dossier_list, name="list"),
    path("new/", cooperative.dossier_start, name="start"),
    path("<int:pk>/", cooperative.dossier_detail, name="detail"),
    path("<int:pk>/form/", cooperative.dossier_edit, name="edit"),
    path("<int:pk>/self-assessment/", cooperative.dossier_self_assessment, name="self_assessment"),
    path("<int:pk>/documents/", cooperative.dossier_documents, name="documents"),
    path("<int:pk>/documents/<int:document_pk>/delete/", cooperative.document_delete, name="document_delete"),
    path("<int:pk>/submit/", cooperative.dossier_submit, name="submit"),
    path("<int:pk>/withdraw/", cooperative.dossier_withdraw, name="withdraw"),
    # Documents, for whoever may see the dossier (cooperative, staff, its council).
    path("documents/<int:document_pk>/", cooperative.document_download, name="document_download"),
    # Alliance staff.
    path("staff/", staff.queue, name="staff_queue"),
    path("staff/assign/", staff.assign_round, name="staff_assign"),
    path("staff/export.xlsx", staff.export, name="staff_export"),
    path("staff/<int:pk>/", staff.detail, name="staff_detail"),
    path("staff/<int:pk>/print/", staff.print_sheet, name="staff_print"),
    path("staff/<int:pk>/<slug:name>/", staff.action, name="staff_action"),
    # Council members.
    path("council/", council.council_list, name="council_list"),
    path("council/<int:pk>/", council.council_score, name="council_score"),
]
