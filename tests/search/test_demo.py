import pytest
from django.utils import timezone

from plein.community.models import Post
from plein.search import services
from plein.search.demo import load_demo
from plein.search.models import Entry

pytestmark = pytest.mark.django_db


def test_the_demo_index_holds_bulk_written_and_backdated_posts(employee, manager):
    # What the community demo does: posts in bulk, without the services (and their events).
    long_ago = timezone.now() - timezone.timedelta(days=90)
    Post.objects.bulk_create(
        [Post(author=manager, body="Welkom bij de **nieuwe** kantine", created_at=long_ago)]
    )
    assert services.search(employee, "kantine").count == 0

    load_demo()
    results = services.search(employee, "kantine")
    assert results.count == 1
    assert results.hits[0].created_at == long_ago

    load_demo()
    assert Entry.objects.count() == 1
