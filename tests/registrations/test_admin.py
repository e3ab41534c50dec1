import pytest

from tests.factories.registrations import advance, council_score_all, draft_make


@pytest.mark.django_db
def test_admin_pages_of_the_workflow_open(admin_client, staff):
    registration = advance(draft_make(), "under_review", staff=staff)
    council_score_all(registration)
    card = registration.scorecards.filter(kind="council").first()
    urls = [
        "/admin/registrations/",
        "/admin/registrations/registration/",
        f"/admin/registrations/registration/{registration.pk}/change/",
        "/admin/registrations/scoresheet/",
        f"/admin/registrations/scoresheet/{registration.sheet_id}/change/",
        "/admin/registrations/scoresheet/import/",
        "/admin/registrations/criteriaversion/",
        "/admin/registrations/documenttype/",
        "/admin/registrations/round/",
        f"/admin/registrations/round/{registration.round_id}/change/",
        "/admin/registrations/scorecard/",
        f"/admin/registrations/scorecard/{card.pk}/change/",
        "/admin/registrations/productcodeserial/",
    ]

    for url in urls:
        assert admin_client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_admin_dossier_change_links_documents_through_the_permission_view(admin_client):
    registration = draft_make()
    document = registration.documents.first()

    page = admin_client.get(f"/admin/registrations/registration/{registration.pk}/change/").content.decode()

    assert f'href="/dossiers/documents/{document.pk}/"' in page
    assert document.file.name not in page.replace(f"/dossiers/documents/{document.pk}/", "")
