import pytest
from django.core.cache import cache
from django.db import transaction

from plein.community.demo import load_community_demo
from plein.notifications import demo
from plein.notifications.models import EmailState, FanOut, Kind, Notification
from plein.notifications.services import notify
from plein.people.demo import load_demo as load_people_demo
from plein.people.models import Person

pytestmark = pytest.mark.django_db


def test_the_demo_accounts_find_notifications_and_a_second_load_adds_nothing(client_for):
    cache.clear()
    load_people_demo(size="small", reset=True)
    load_community_demo()
    # Another content demo's announcement to everyone, waiting for the worker as a fan-out.
    with transaction.atomic():
        notify(
            Person.objects.members(),
            kind=Kind.MUST_READ,
            actor=Person.objects.get(email="hr@demo.plein.nl"),
            url="/",
            title="Nieuwe cao",
        )
    summary = demo.load_demo()
    assert "notifications for 7 demo accounts" in summary or "demo accounts" in summary
    sanne = Person.objects.get(email="medewerker@demo.plein.nl")
    theirs = Notification.objects.filter(recipient=sanne)
    assert theirs.count() >= 5
    assert theirs.filter(read_at__isnull=True).exists()
    assert theirs.filter(read_at__isnull=False).exists()
    assert not Notification.objects.filter(email_state=EmailState.PENDING).exists()
    assert theirs.filter(kind=Kind.MUST_READ, title="Nieuwe cao").exists()
    assert not FanOut.objects.filter(done_at__isnull=True).exists()
    # A busy post of hers batched into one growing notification.
    assert theirs.filter(actor_count__gt=1).exists()

    before = Notification.objects.count()
    assert "nothing added" in demo.load_demo()
    assert Notification.objects.count() == before

    page = client_for(sanne).get("/notifications/").content.decode()
    newest = theirs.order_by("-updated_at").first()
    assert newest.title[:30] in page
