import pytest

from plein.announcements.demo import POLICY_VIDEO, load_demo
from plein.announcements.models import Announcement, AnnouncementReceipt
from plein.announcements.services import pending_for, reach
from plein.community.services.groups import sync_people_groups
from plein.people.demo import load_demo as load_people_demo
from plein.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def people() -> None:
    load_people_demo(size="small", reset=True)
    sync_people_groups()


def test_the_demo_has_the_social_media_policy_partly_read_and_is_loaded_once(people):
    summary = load_demo()
    assert summary.startswith("3 announcements")
    policy = Announcement.objects.get(title__startswith="Onze nieuwe social media policy")
    assert policy.post.author.email == "community@demo.plein.nl"
    assert policy.must_read and policy.requires_acknowledgement
    assert POLICY_VIDEO in policy.post.body
    assert 'href="https://www.youtube.com/watch?v=' in policy.post.body_html
    totals = reach(policy).total
    assert totals.total == policy.recipient_count > 200
    assert 0 < totals.acknowledged < totals.read < totals.total

    employee = Person.objects.get(email="medewerker@demo.plein.nl")
    assert policy.pk in pending_for(employee, 5)  # still pinned for the demo employee

    department = Announcement.objects.get(title__startswith="Winterrooster")
    assert department.departments.get().name == "Service Midden"
    assert AnnouncementReceipt.objects.filter(announcement=department, person=employee).exists()

    assert load_demo() == "announcements already there"
    assert Announcement.objects.count() == 3
