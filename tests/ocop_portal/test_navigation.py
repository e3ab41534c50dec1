import pytest
from django.contrib.auth.models import Group

from accounts.roles import COUNCIL_MEMBER
from tests.factories import MembershipFactory, StaffUserFactory, UserFactory

pytestmark = pytest.mark.django_db

QUEUE = "Hồ sơ cần xử lý"
COUNCIL = "Chấm điểm hội đồng"
SPACE = 'href="/space/"'


def test_header_shows_staff_the_dossier_queue(client):
    client.force_login(StaffUserFactory())
    html = client.get("/").content.decode()
    assert QUEUE in html
    assert 'href="/dossiers/staff/"' in html
    assert COUNCIL not in html


def test_header_shows_council_members_their_scoring_page(client):
    member = UserFactory()
    member.groups.add(Group.objects.get(name=COUNCIL_MEMBER))
    client.force_login(member)
    html = client.get("/").content.decode()
    assert COUNCIL in html
    assert 'href="/dossiers/council/"' in html
    assert QUEUE not in html


def test_header_shows_cooperative_users_only_their_space(client):
    client.force_login(MembershipFactory().user)
    html = client.get("/").content.decode()
    assert SPACE in html
    assert QUEUE not in html and COUNCIL not in html


def test_header_for_anonymous_visitors_runs_no_role_query(client, django_assert_max_num_queries):
    client.get("/")  # warm the page cache
    with django_assert_max_num_queries(0):
        html = client.get("/").content.decode()
    assert QUEUE not in html and COUNCIL not in html
