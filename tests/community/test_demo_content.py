import re
from datetime import timedelta

import pytest
from django.utils import timezone

from plein.community.demo import load_community_demo
from plein.community.demo.scenes import SCRIPTED_POSTS
from plein.community.models import (
    Comment,
    Follow,
    Group,
    Membership,
    Mention,
    Post,
    Reaction,
    Topic,
)
from plein.community.services import feeds
from plein.community.services.gate import render
from plein.people.demo import DEMO_ACCOUNTS, load_demo
from plein.people.models import Department, Location, Person, PersonRole, Role

pytestmark = pytest.mark.django_db

MENTION_ID = re.compile(r"\((?P<kind>[pg]):(?P<id>\d+)\)")


@pytest.fixture
def demo() -> str:
    load_demo(size="small", reset=True)
    return load_community_demo()


def demo_person(mailbox: str) -> Person:
    return Person.objects.get(email=f"{mailbox}@demo.plein.nl")


def scripted_post(story: str) -> list[Post]:
    """The posts of a story in scenes.py, found by the opening words of their text."""
    found = []
    for scripted in SCRIPTED_POSTS:
        if scripted.story == story:
            opening = scripted.text.split("{", 1)[0][:60]
            found.append(Post.objects.select_related("author").get(body__startswith=opening))
    return found


def in_department(person: Person, name: str) -> bool:
    top = Department.objects.get(name=name)
    return person.department is not None and person.department.path.startswith(top.path)


def community_content() -> list[tuple[str, str]]:
    """Every post and comment as (author e-mail, text), with mention ids (which differ between
    loads) replaced by what they point at."""
    emails = dict(Person.objects.values_list("pk", "email"))
    slugs = dict(Group.objects.values_list("pk", "slug"))

    def stable(text: str) -> str:
        return MENTION_ID.sub(
            lambda m: (
                f"({m['kind']}:"
                + (emails[int(m["id"])] if m["kind"] == "p" else slugs[int(m["id"])])
                + ")"
            ),
            text,
        )

    posts = Post.objects.order_by("id").values_list("author__email", "body")
    comments = Comment.objects.order_by("post_id", "id").values_list("author__email", "body")
    return [(email, stable(body)) for email, body in [*posts, *comments]]


def test_it_reports_what_it_made(demo):
    assert demo == (
        f"{Post.objects.count():,} posts, {Comment.objects.count():,} comments, "
        f"{Reaction.objects.count():,} reactions in {Group.objects.count():,} groups"
    )


def test_department_and_location_groups_hold_their_people(demo):
    for department in Department.objects.all():
        group = Group.objects.get(department=department)
        assert group.kind == Group.Kind.DEPARTMENT
        assert group.memberships.filter(synced=True, state=Membership.State.ACTIVE).exists()
    for location in Location.objects.all():
        assert Group.objects.get(location=location).memberships.exists()
    sanne = demo_person("medewerker")
    service_midden = Group.objects.get(department__name="Service Midden")
    assert Membership.objects.filter(group=service_midden, person=sanne, synced=True).exists()


def test_it_has_project_discipline_and_interest_groups_with_admins(demo):
    for name in (
        "Warmtepompen Woonstede Zwolle",
        "Zonnepanelen scholen Eindhoven",
        "Nieuwe planningssoftware",
        "Overstap elektrische bussen",
        "Vakgroep warmtepompen",
        "Veilig werken / VCA",
        "Hardlopen",
        "Fotografie",
        "Koffiehoek Utrecht",
    ):
        group = Group.objects.get(name=name)
        assert group.memberships.filter(role=Membership.Role.ADMIN).exists(), name
        assert group.memberships.filter(state=Membership.State.ACTIVE).count() >= 5, name
    woonstede = Group.objects.get(name="Warmtepompen Woonstede Zwolle")
    assert woonstede.visibility == Group.Visibility.CLOSED
    assert woonstede.memberships.filter(state=Membership.State.REQUESTED).exists()
    secret = Group.objects.get(visibility=Group.Visibility.SECRET)
    assert 3 <= secret.memberships.count() <= 6


def test_months_of_posts_all_through_the_gate(demo):
    posts = Post.objects.all()
    assert posts.count() >= 150
    times = sorted(posts.values_list("created_at", flat=True))
    assert times[-1] - times[0] >= timedelta(days=90)
    assert len({(t.year, t.month) for t in times}) >= 3
    assert times[-1] < timezone.now()
    assert times[-1] > timezone.now() - timedelta(days=3)  # fresh content on top
    # Feeds order by id, so ids follow the (backdated) time.
    assert list(posts.order_by("id").values_list("created_at", flat=True)) == times
    for body, html in [
        *posts.values_list("body", "body_html"),
        *Comment.objects.values_list("body", "body_html"),
    ]:
        assert html == render(body)
    assert Topic.objects.filter(posts__isnull=False).distinct().count() >= 10
    assert Post.objects.filter(topics__slug="warmtepompen").count() >= 20


def test_many_colleagues_talk_and_react(demo):
    assert Post.objects.values("author").distinct().count() >= 60
    assert Comment.objects.filter(parent__isnull=False).count() >= 20
    assert Reaction.objects.values("person").distinct().count() >= 100
    assert set(Reaction.objects.values_list("kind", flat=True)) == set(Reaction.Kind.values)
    mentioned = Mention.objects.filter(person__isnull=False)
    assert mentioned.count() >= 15
    assert not mentioned.exclude(person__status=Person.Status.ACTIVE).exists()


def test_sales_people_report_the_same_complaint_in_their_own_words(demo):
    complaints = scripted_post("complaint")
    authors = {post.author_id for post in complaints}
    assert len(complaints) >= 3
    assert len(authors) == len(complaints)
    assert len({post.created_at.date() for post in complaints}) == len(complaints)
    assert len({post.body for post in complaints}) == len(complaints)
    for post in complaints:
        assert in_department(post.author, "Verkoop"), post.author.job_title
        assert post.topics.filter(slug="klantcontact").exists()
    # The commercial director acts on it, naming everyone who reported it.
    action = Post.objects.get(body__startswith="Ik zie hier de afgelopen weken")
    assert action.author.job_title == "Commercieel directeur"
    assert action.created_at > max(post.created_at for post in complaints)
    assert authors <= set(action.mentions.values_list("person_id", flat=True))


def test_a_service_technician_answers_the_problem_management_raised(demo):
    [problem] = scripted_post("problem")
    director = problem.author
    assert PersonRole.objects.filter(person=director, role=Role.MANAGER).exists()
    answer = problem.comments.get(author=demo_person("medewerker"), parent__isnull=True)
    assert "monteur" in answer.author.job_title.lower()
    assert answer.created_at > problem.created_at
    assert Reaction.objects.filter(
        comment=answer, person=director, kind__in=["thanks", "insightful"]
    ).exists()
    assert answer.replies.filter(author=director).exists()


def test_project_groups_show_their_latest_status(demo):
    woonstede = Group.objects.get(name="Warmtepompen Woonstede Zwolle")
    updates = list(woonstede.posts.filter(kind=Post.Kind.WORKING_ON).order_by("id"))
    statuses = [post.project_status for post in updates]
    assert {"on_track", "at_risk", "blocked", "done"} <= set(statuses)
    assert statuses.index("blocked") < statuses.index("done")
    assert woonstede.project_status == statuses[-1] == "done"
    assert woonstede.project_status_at == updates[-1].created_at
    for group in Group.objects.filter(kind=Group.Kind.PROJECT):
        latest = group.posts.filter(kind=Post.Kind.WORKING_ON).order_by("-id").first()
        assert latest is not None
        assert group.project_status == latest.project_status, group.name


def test_secret_group_posts_stay_with_its_members(demo):
    secret = Group.objects.get(visibility=Group.Visibility.SECRET)
    secret_posts = Post.objects.filter(group=secret)
    assert secret_posts.exists()
    outsider = demo_person("medewerker")
    assert not Post.objects.visible_to(outsider).filter(group=secret).exists()
    assert not Group.objects.visible_to(outsider).filter(pk=secret.pk).exists()
    shown = [post.pk for post in feeds.home_feed(outsider).posts]
    assert not secret_posts.filter(pk__in=shown).exists()
    member = demo_person("hr")
    assert Post.objects.visible_to(member).filter(group=secret).count() == secret_posts.count()


def test_demo_accounts_start_with_a_full_home_feed(demo):
    for email, _role, _what in DEMO_ACCOUNTS:
        person = Person.objects.get(email=email)
        page = feeds.home_feed(person)
        if person.is_member:
            assert len(page.posts) >= 10, email
            assert Follow.objects.filter(follower=person).exists(), email
        else:  # the alumnus no longer reads internal content
            assert page.posts == []


def test_the_same_seed_gives_the_same_community():
    load_demo(size="small", reset=True)
    load_community_demo(seed=3)
    first = community_content()
    load_demo(size="small", reset=True)
    load_community_demo(seed=3)
    assert community_content() == first
    load_community_demo(seed=4)
    assert community_content() != first


def test_loading_again_replaces_the_community_instead_of_adding_to_it(demo):
    counts = (Post.objects.count(), Group.objects.count(), Topic.objects.count())
    load_community_demo()
    assert (Post.objects.count(), Group.objects.count(), Topic.objects.count()) == counts


def test_an_unknown_size_is_refused():
    load_demo(size="small", reset=True)
    with pytest.raises(ValueError, match="Unknown demo size"):
        load_community_demo(size="huge")
    assert not Post.objects.exists()


def test_it_needs_the_people_demo_first(employee):
    with pytest.raises(ValueError, match="load it first"):
        load_community_demo()
    assert not Post.objects.exists()
    assert not Group.objects.exists()
