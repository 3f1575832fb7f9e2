import pytest
from django.urls import reverse
from django.utils import timezone

from plein.community.models import Group, Post
from plein.community.services import groups, posts
from plein.people.models import Person
from plein.search import services
from tests.factories import PersonFactory


@pytest.fixture
def colleague(db) -> Person:
    return PersonFactory(
        email="sanne@example.nl", first_name="Sanne", last_name="de Boer", job_title="Planner"
    )


@pytest.fixture
def closed_group(manager) -> Group:
    """A closed project group of which only the manager is a member."""
    return groups.create_group(
        by=manager,
        name="Project Noord",
        kind=Group.Kind.PROJECT,
        visibility=Group.Visibility.CLOSED,
    )


@pytest.fixture
def secret_group(manager) -> Group:
    return groups.create_group(by=manager, name="Overname Zuid", visibility=Group.Visibility.SECRET)


def index_question(
    author: Person,
    title: str,
    details: str = "",
    *,
    answered: bool = False,
    group: Group | None = None,
    anonymous: bool = False,
) -> Post:
    """A question the way the questions app indexes one: a post of kind question plus a
    document with the question's own title and URL (the app is not needed for search)."""
    post = posts.publish_post(author, f"{title}\n\n{details}", group=group, kind=Post.Kind.QUESTION)
    services.index(
        services.Document(
            kind="question",
            object_id=post.pk,
            title=title,
            text=details,
            url=reverse("community:post", args=[post.pk]),
            post_id=post.pk,
            group_id=group.pk if group else None,
            author_id=None if anonymous else author.pk,
            created_at=timezone.now(),
            answered=answered,
        )
    )
    return post
