"""`plein reindex` rebuilds the whole index from the content, as often as you like."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from plein.community.services import conversation, posts
from plein.search import services
from plein.search.models import Entry

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.db_backend]


def found(viewer, query: str) -> list[str]:
    return sorted(hit.url for hit in services.search(viewer, query).hits)


def test_reindex_rebuilds_the_index_and_can_run_twice(employee, manager, monkeypatch, capsys):
    kept = posts.publish_post(manager, "Vrijdagmiddag een borrel in de kantine")
    comment = conversation.add_comment(kept, employee, "Ik neem bitterballen mee naar de borrel")
    gone = posts.publish_post(manager, "Borrel gaat niet door")
    posts.delete_post(gone, by=manager)

    def handbook():
        yield services.Document(
            kind="article",
            object_id=7,
            title="Handboek borrels",
            text="Regels voor een **borrel** op kantoor",
            url="/articles/7/",
            post_id=None,
            group_id=None,
            author_id=manager.pk,
            created_at=timezone.now(),
        )

    monkeypatch.setitem(services._sources, "article", handbook)
    expected = sorted([f"/posts/{kept.pk}/", f"/comments/{comment.pk}/", "/articles/7/"])

    # An index that drifted: a stray entry, and what belongs there missing.
    Entry.objects.filter(kind="comment").delete()
    services.index(
        services.Document(
            kind="post",
            object_id=gone.pk,
            title="",
            text="Borrel",
            url="/stray/",
            post_id=None,
            group_id=None,
            author_id=None,
            created_at=timezone.now(),
        )
    )
    call_command("reindex")
    assert "Search index rebuilt" in capsys.readouterr().out
    assert found(employee, "borrel") == expected
    assert services.search(employee, "bitterbal").count == 1  # the full-text index is rebuilt

    call_command("reindex")
    assert found(employee, "borrel") == expected
    assert Entry.objects.count() == 3


def test_plein_reindex_command(employee, manager, capsys):
    from plein.cli import main

    posts.publish_post(manager, "Zomerfeest op het strand")
    Entry.objects.all().delete()
    assert main(["reindex"]) == 0
    assert "Search index rebuilt" in capsys.readouterr().out
    assert services.search(employee, "zomerfeest").count == 1
