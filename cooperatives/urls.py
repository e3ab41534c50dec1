from django.urls import path

from .views import dashboard, files, members, products, profile, support

app_name = "cooperatives"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("profile/", profile.profile, name="profile"),
    path("products/", products.product_list, name="products"),
    path("products/new/", products.product_create, name="product_create"),
    path("products/<int:pk>/", products.product_edit, name="product_edit"),
    path("products/<int:pk>/photos/", products.product_photos_add, name="product_photos_add"),
    path("products/<int:pk>/photos/update/", products.product_photos_update, name="product_photos_update"),
    path("products/<int:pk>/archive/", products.product_archive, name="product_archive"),
    path("products/<int:pk>/restore/", products.product_restore, name="product_restore"),
    path("products/<int:pk>/delete/", products.product_delete, name="product_delete"),
    path("support/", support.support_list, name="support_requests"),
    path("support/new/", support.support_create, name="support_create"),
    path("support/<int:pk>/", support.support_detail, name="support_detail"),
    path("support/<int:pk>/documents/", support.support_attachments_add, name="support_attachments_add"),
    path("documents/support/<int:pk>/", files.support_attachment, name="support_attachment"),
    path("documents/legal-change/<int:pk>/", files.legal_document, name="legal_document"),
    path("members/", members.members, name="members"),
    path("members/<int:pk>/remove/", members.member_remove, name="member_remove"),
    path("invitations/<int:pk>/withdraw/", members.invitation_withdraw, name="invitation_withdraw"),
]
