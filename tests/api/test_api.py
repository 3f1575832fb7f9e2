"""The JSON API (v1): every endpoint, the one visibility rule on every read path, the one
content gate on every write, and the OpenAPI document."""

import io
import json

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image

from plein.api import services
from plein.community.models import Comment, Group, Moderation, Post, Reaction, Topic
from plein.community.services import conversation, groups, posts
from plein.community.services.gate import HELD_MESSAGE, Limits
from plein.people.models import Person, Role
from plein.policy.services import rules
from plein.policy.services.rules import RuleData
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

V1 = "/api/v1"


def api_client(person: Person) -> Client:
    secret = services.create_token(person, "Tests").secret
    return Client(headers={"Authorization": f"Bearer {secret}"})


def post_json(client: Client, url: str, data: dict):
    return client.post(url, json.dumps(data), content_type="application/json")


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 200), (30, 110, 160)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def closed_group(manager) -> Group:
    return groups.create_group(
        by=manager,
        name="Project Noord",
        kind=Group.Kind.PROJECT,
        visibility=Group.Visibility.CLOSED,
    )


@pytest.fixture
def secret_group(manager) -> Group:
    return groups.create_group(by=manager, name="Reorganisatie", visibility=Group.Visibility.SECRET)


@pytest.fixture
def open_group(manager) -> Group:
    return groups.create_group(by=manager, name="Fietsen")


@pytest.fixture
def hidden_post(manager, closed_group) -> Post:
    """A closed group's post, by someone the employee follows, on a topic they follow."""
    return posts.publish_post(
        manager, "Vertrouwelijk: de klant #noord dreigt weg te gaan", group=closed_group
    )


# --- Me ---------------------------------------------------------------------------------------


def test_me_says_who_the_token_belongs_to(employee):
    response = api_client(employee).get(f"{V1}/me")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == employee.pk
    assert body["name"] == "Anna Jansen"
    assert body["email"] == "anna@example.nl"
    assert body["token"]["name"] == "Tests"
    assert body["token"]["prefix"].startswith("plein_")


# --- Posts ------------------------------------------------------------------------------------


def test_creating_a_post_returns_it_with_201(employee, manager):
    client = api_client(employee)
    response = post_json(
        client,
        f"{V1}/posts",
        {"text": f"**Klaar** met de storing, dank @[Mark](p:{manager.pk}) #storing"},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    post = Post.objects.get(pk=body["id"])
    assert post.author == employee
    assert body["author"] == {"id": employee.pk, "name": "Anna Jansen", "job_title": "Monteur"}
    assert body["group"] is None
    assert body["kind"] == "update"
    assert body["project_status"] is None
    assert body["body"].startswith("**Klaar**")
    assert "<strong>Klaar</strong>" in body["body_html"]
    assert body["comment_count"] == 0 and body["reaction_count"] == 0
    assert body["my_reaction"] is None
    assert body["attachments"] == []
    assert post.mentions.get().person == manager
    assert list(post.topics.values_list("slug", flat=True)) == ["storing"]


def test_a_working_on_post_in_a_project_group_sets_the_projects_status(manager, closed_group):
    response = post_json(
        api_client(manager),
        f"{V1}/posts",
        {
            "text": "Wachten op onderdelen",
            "group_id": closed_group.pk,
            "kind": "working_on",
            "project_status": "blocked",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["group"] == {
        "id": closed_group.pk,
        "name": "Project Noord",
        "slug": closed_group.slug,
    }
    assert (body["kind"], body["project_status"]) == ("working_on", "blocked")
    closed_group.refresh_from_db()
    assert closed_group.project_status == "blocked"


def test_reading_a_post_by_id(employee, manager):
    post = posts.publish_post(manager, "Nieuwe planning staat online")
    conversation.react(employee, "thanks", post=post)
    conversation.add_comment(post, employee, "Top!")
    response = api_client(employee).get(f"{V1}/posts/{post.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == post.pk
    assert (body["comment_count"], body["reaction_count"], body["my_reaction"]) == (1, 1, "thanks")


def test_a_post_lists_its_attachments_with_their_web_address(employee):
    post = posts.publish_post(
        employee,
        "Foto van de installatie",
        uploads=[posts.Upload("installatie.png", io.BytesIO(png()))],
    )
    body = api_client(employee).get(f"{V1}/posts/{post.pk}").json()
    [attachment] = body["attachments"]
    assert attachment["kind"] == "image"
    assert attachment["name"] == "installatie.png"
    assert attachment["size"] > 0
    assert attachment["content_type"].startswith("image/")
    assert attachment["url"].endswith(f"/attachments/{post.attachments.get().pk}/file/")


def test_a_post_that_does_not_exist_is_404(employee):
    response = api_client(employee).get(f"{V1}/posts/999999")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_posting_in_a_closed_group_one_is_not_in_is_refused(employee, closed_group):
    response = post_json(
        api_client(employee),
        f"{V1}/posts",
        {"text": "Mag ik meedoen?", "group_id": closed_group.pk},
    )
    assert response.status_code == 403
    assert response.json()["detail"]
    assert not Post.objects.filter(group=closed_group).exists()


def test_posting_in_a_secret_group_answers_like_a_group_that_does_not_exist(employee, secret_group):
    client = api_client(employee)
    secret = post_json(client, f"{V1}/posts", {"text": "Hallo", "group_id": secret_group.pk})
    missing = post_json(client, f"{V1}/posts", {"text": "Hallo", "group_id": 999999})
    assert secret.status_code == missing.status_code == 422
    assert secret.json() == missing.json()
    assert not Post.objects.exists()


# --- The content gate -------------------------------------------------------------------------


def test_a_script_tag_is_stored_harmless(employee):
    response = post_json(
        api_client(employee), f"{V1}/posts", {"text": "Kijk <script>alert('x')</script> hier"}
    )
    assert response.status_code == 201
    html = response.json()["body_html"]
    assert "<script" not in html
    assert "&lt;script&gt;" in html
    assert "<script" not in Post.objects.get().body_html


def test_a_too_long_text_is_refused_in_the_persons_own_language(employee):
    employee.language = "nl"
    employee.save(update_fields=["language"])
    english = PersonFactory(language="en")
    too_long = "x" * (Limits.POST + 1)
    message = "This text is %(length)d characters long; at most %(max)d are allowed."
    values = {"length": Limits.POST + 1, "max": Limits.POST}

    for person, language in ((employee, "nl"), (english, "en")):
        response = post_json(api_client(person), f"{V1}/posts", {"text": too_long})
        assert response.status_code == 422
        assert response.headers["Content-Language"] == language
        with translation.override(language):
            expected = gettext(message) % values
        assert response.json() == {"detail": [expected]}
    assert not Post.objects.exists()


@pytest.fixture
def warned_word(db) -> str:
    """A word the organisation's posting rules warn about in internal posts."""
    keeper = PersonFactory(email="huisregels@example.nl", roles=[Role.HR])
    rules.add_rule(
        keeper,
        "org-warn-internal",
        RuleData(kind="blocked_word", action="warn", scopes=["internal"], terms=["geheimpje"]),
    )
    return "geheimpje"


def test_a_warning_is_answered_with_a_token_that_posts_the_same_text_anyway(
    employee, manager, warned_word
):
    client = api_client(employee)
    text = f"Een klein {warned_word} over het uitje"
    warned = post_json(client, f"{V1}/posts", {"text": text})
    assert warned.status_code == 422
    body = warned.json()
    assert body["code"] == "policy_warn"
    assert [f["text"] for f in body["findings"]] == [warned_word]
    assert body["findings"][0]["action"] == "warn"
    assert body["confirmation"]
    assert not Post.objects.exists()
    # The token does not cover another text, nor another person.
    other = post_json(
        client, f"{V1}/posts", {"text": text + "!", "confirmation": body["confirmation"]}
    )
    assert other.status_code == 422 and other.json()["code"] == "policy_warn"
    someone_else = post_json(
        api_client(manager), f"{V1}/posts", {"text": text, "confirmation": body["confirmation"]}
    )
    assert someone_else.status_code == 422
    assert not Post.objects.exists()
    posted = post_json(client, f"{V1}/posts", {"text": text, "confirmation": body["confirmation"]})
    assert posted.status_code == 201
    assert Post.objects.get().author == employee

    # A comment the same way.
    url = f"{V1}/posts/{posted.json()['id']}/comments"
    comment = post_json(client, url, {"text": text})
    assert comment.status_code == 422
    token = comment.json()["confirmation"]
    assert post_json(client, url, {"text": text, "confirmation": token}).status_code == 201


def test_a_text_the_rules_hold_is_stored_for_review_and_answered_with_202(
    employee, manager, blocked_word
):
    client = api_client(employee)
    response = post_json(client, f"{V1}/posts", {"text": f"Wat een {blocked_word}"})
    assert response.status_code == 202
    body = response.json()
    assert body["state"] == "held"
    with translation.override("nl"):
        assert body["detail"] == str(HELD_MESSAGE)
    with translation.override("en"):
        assert body["detail"] != str(HELD_MESSAGE)  # told in the person's own language
    post = Post.objects.get(pk=body["id"])
    assert post.moderation == Moderation.HELD
    # Nobody else sees it until a moderator approves.
    assert api_client(manager).get(f"{V1}/posts/{post.pk}").status_code == 404

    shown = posts.publish_post(manager, "Een gewoon bericht")
    comment = post_json(
        client, f"{V1}/posts/{shown.pk}/comments", {"text": f"Ook {blocked_word} hier"}
    )
    assert comment.status_code == 202
    assert Comment.objects.get(pk=comment.json()["id"]).moderation == Moderation.HELD
    listed = api_client(manager).get(f"{V1}/posts/{shown.pk}/comments")
    assert listed.json()["items"] == []


def test_a_blocked_text_gets_its_findings_and_no_way_around_them(employee):
    keeper = PersonFactory(email="huisregels@example.nl", roles=[Role.HR])
    rules.add_rule(
        keeper,
        "org-block-internal",
        RuleData(kind="blocked_word", action="block", scopes=["internal"], terms=["kutwerk"]),
    )
    response = post_json(api_client(employee), f"{V1}/posts", {"text": "Wat een kutwerk"})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "policy_block"
    assert body["confirmation"] is None
    assert [f["text"] for f in body["findings"]] == ["kutwerk"]
    assert body["findings"][0]["action"] == "block"
    assert not Post.objects.exists()


def test_a_mention_of_someone_who_does_not_exist_is_refused(employee):
    client = api_client(employee)
    response = post_json(client, f"{V1}/posts", {"text": "Hoi @[Niemand](p:999999)"})
    assert response.status_code == 422
    assert len(response.json()["detail"]) == 1
    assert not Post.objects.exists()

    post = posts.publish_post(employee, "Een bericht")
    response = post_json(
        client, f"{V1}/posts/{post.pk}/comments", {"text": "Hoi @[Niemand](p:999999)"}
    )
    assert response.status_code == 422
    assert not Comment.objects.exists()


def test_a_huge_comment_changes_nothing(employee, manager):
    post = posts.publish_post(manager, "Wie weet raad?")
    client = api_client(employee)
    url = f"{V1}/posts/{post.pk}/comments"
    five_mb = post_json(client, url, {"text": "x" * (5 * 1024 * 1024)})
    assert five_mb.status_code == 422
    assert five_mb.json()["detail"][0]
    eleven_mb = post_json(client, url, {"text": "x" * (11 * 1024 * 1024)})
    assert eleven_mb.status_code == 413
    assert eleven_mb.json()["detail"]
    assert not Comment.objects.exists()


def test_token_requests_need_no_csrf_token(employee):
    secret = services.create_token(employee, "Script").secret
    client = Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {secret}"})
    assert post_json(client, f"{V1}/posts", {"text": "Vanuit een script"}).status_code == 201


def test_a_request_that_does_not_match_the_schema_gets_422_in_the_same_shape(employee):
    client = api_client(employee)
    response = post_json(client, f"{V1}/posts", {"text": "Hoi", "kind": "advertentie"})
    assert response.status_code == 422
    [line] = response.json()["detail"]
    assert line.startswith("kind: ")
    missing = post_json(client, f"{V1}/posts", {})
    assert missing.status_code == 422
    assert missing.json()["detail"][0].startswith("text: ")
    assert not Post.objects.exists()


# --- Feeds ------------------------------------------------------------------------------------


def test_the_home_feed_pages_with_before(employee, manager):
    conversation.follow_person(employee, manager)
    own = [posts.publish_post(employee, f"Eigen update {n}") for n in range(12)]
    followed = [posts.publish_post(manager, f"Van Mark {n}") for n in range(12)]
    client = api_client(employee)
    first = client.get(f"{V1}/feed/home").json()
    assert len(first["items"]) == 20
    assert first["items"][0]["id"] == followed[-1].pk
    assert first["next_before"] == first["items"][-1]["id"]
    second = client.get(f"{V1}/feed/home", {"before": first["next_before"]}).json()
    assert second["next_before"] is None
    seen = [item["id"] for item in first["items"] + second["items"]]
    assert sorted(seen, reverse=True) == seen
    assert set(seen) == {p.pk for p in own + followed}

    people_only = ids(client.get(f"{V1}/feed/home", {"mode": "people"}))
    assert set(people_only) == {p.pk for p in followed}
    assert client.get(f"{V1}/feed/home", {"mode": "nonsense"}).status_code == 422


def test_group_topic_and_person_feeds(employee, manager, open_group):
    in_group = posts.publish_post(manager, "Zondag fietsen #buiten", group=open_group)
    elsewhere = posts.publish_post(manager, "Iets anders #buiten")
    client = api_client(employee)
    assert ids(client.get(f"{V1}/groups/{open_group.pk}/posts")) == [in_group.pk]
    assert ids(client.get(f"{V1}/topics/buiten/posts")) == [elsewhere.pk, in_group.pk]
    assert ids(client.get(f"{V1}/topics/Buiten/posts")) == [elsewhere.pk, in_group.pk]
    assert ids(client.get(f"{V1}/people/{manager.pk}/posts")) == [elsewhere.pk, in_group.pk]
    assert ids(client.get(f"{V1}/topics/bestaatniet/posts")) == []
    assert client.get(f"{V1}/groups/999999/posts").status_code == 404
    assert client.get(f"{V1}/people/999999/posts").status_code == 404


@pytest.mark.parametrize("count", [1, 20])
def test_feed_queries_do_not_grow_with_the_page(
    employee, manager, open_group, count, django_assert_max_num_queries
):
    conversation.follow_person(employee, manager)
    for n in range(count):
        post = posts.publish_post(
            manager,
            f"Bericht {n} #ritme",
            group=open_group,
            uploads=[posts.Upload("a.png", io.BytesIO(png()))] if n < 2 else (),
        )
        conversation.react(employee, "like", post=post)
    client = api_client(employee)
    client.get(f"{V1}/me")  # last_used_at is written on the first use only
    # Token with person, role names (2); the rate counter in the database cache (6); the feed
    # (5: sources or the group or person, ids, posts, attachments, topics).
    for url in (
        "/feed/home",
        f"/groups/{open_group.pk}/posts",
        "/topics/ritme/posts",
        f"/people/{manager.pk}/posts",
    ):
        with django_assert_max_num_queries(13):
            assert len(ids(client.get(f"{V1}{url}"))) == count


# --- The visibility rule on every read path ---------------------------------------------------


def test_a_closed_groups_post_never_reaches_a_non_member(
    employee, manager, closed_group, hidden_post
):
    conversation.follow_person(employee, manager)
    conversation.follow_topic(employee, Topic.objects.get(slug="noord"))
    comment = conversation.add_comment(hidden_post, manager, "Niet verder vertellen")
    client = api_client(employee)
    nothing = client.get(f"{V1}/posts/999999")

    single = client.get(f"{V1}/posts/{hidden_post.pk}")
    assert single.status_code == 404
    assert single.json() == nothing.json()

    for url in (
        "/feed/home",
        "/feed/home?mode=people",
        "/topics/noord/posts",
        f"/people/{manager.pk}/posts",
    ):
        assert hidden_post.pk not in ids(client.get(f"{V1}{url}")), url
    assert client.get(f"{V1}/groups/{closed_group.pk}/posts").status_code == 404
    assert client.get(f"{V1}/posts/{hidden_post.pk}/comments").status_code == 404

    writes = [
        post_json(client, f"{V1}/posts/{hidden_post.pk}/comments", {"text": "Ik lees mee"}),
        post_json(
            client,
            f"{V1}/posts/{hidden_post.pk}/comments",
            {"text": "Antwoord", "parent_id": comment.pk},
        ),
        post_json(client, f"{V1}/posts/{hidden_post.pk}/reactions", {"kind": "like"}),
        client.delete(f"{V1}/posts/{hidden_post.pk}/reactions"),
    ]
    assert [r.status_code for r in writes] == [404, 404, 404, 404]
    assert "Niet verder" not in "".join(r.content.decode() for r in writes)
    assert Comment.objects.filter(post=hidden_post).count() == 1
    assert not Reaction.objects.exists()

    # A member reads everything; a member who is removed loses it at once.
    groups.join(closed_group, employee)
    groups.approve(closed_group, employee, by=manager)
    assert client.get(f"{V1}/posts/{hidden_post.pk}").status_code == 200
    assert hidden_post.pk in ids(client.get(f"{V1}/groups/{closed_group.pk}/posts"))
    assert ids(client.get(f"{V1}/posts/{hidden_post.pk}/comments")) == [comment.pk]
    groups.remove_member(closed_group, employee, by=manager)
    assert client.get(f"{V1}/posts/{hidden_post.pk}").status_code == 404


def test_a_secret_group_is_not_found_for_non_members(employee, manager, secret_group):
    post = posts.publish_post(manager, "Plannen", group=secret_group)
    client = api_client(employee)
    assert client.get(f"{V1}/groups/{secret_group.pk}/posts").status_code == 404
    assert client.get(f"{V1}/posts/{post.pk}").status_code == 404
    assert api_client(manager).get(f"{V1}/posts/{post.pk}").status_code == 200


def test_moving_a_post_into_a_closed_group_hides_it_at_once(employee, manager, closed_group):
    post = posts.publish_post(manager, "Eerst voor iedereen")
    client = api_client(employee)
    assert client.get(f"{V1}/posts/{post.pk}").status_code == 200
    posts.move_post(post, closed_group, by=manager)
    assert client.get(f"{V1}/posts/{post.pk}").status_code == 404


def test_a_deleted_post_is_gone(employee, manager):
    post = posts.publish_post(manager, "Oeps")
    posts.delete_post(post, by=manager)
    client = api_client(employee)
    assert client.get(f"{V1}/posts/{post.pk}").status_code == 404
    assert post.pk not in ids(client.get(f"{V1}/people/{manager.pk}/posts"))


# --- Comments ---------------------------------------------------------------------------------


def test_comments_are_listed_oldest_first_and_page_with_after(employee, manager):
    post = posts.publish_post(manager, "Wie weet raad?")
    made = [conversation.add_comment(post, manager, f"Reactie {n}") for n in range(55)]
    conversation.delete_comment(made[3], by=manager)
    client = api_client(employee)
    first = client.get(f"{V1}/posts/{post.pk}/comments").json()
    assert len(first["items"]) == 50
    assert first["items"][0]["body"] == "Reactie 0"
    assert made[3].pk not in [c["id"] for c in first["items"]]
    assert first["next_after"] == first["items"][-1]["id"]
    second = client.get(f"{V1}/posts/{post.pk}/comments", {"after": first["next_after"]}).json()
    assert [c["id"] for c in second["items"]] == [c.pk for c in made[-4:]]
    assert second["next_after"] is None


@pytest.mark.parametrize("count", [1, 50])
def test_comment_queries_do_not_grow_with_the_page(
    employee, manager, count, django_assert_max_num_queries
):
    post = posts.publish_post(manager, "Wie weet raad?")
    for n in range(count):
        conversation.add_comment(post, manager if n % 2 else employee, f"Reactie {n}")
    client = api_client(employee)
    client.get(f"{V1}/me")
    with django_assert_max_num_queries(10):
        assert len(ids(client.get(f"{V1}/posts/{post.pk}/comments"))) == count


def test_commenting_and_replying(employee, manager):
    post = posts.publish_post(manager, "Wie weet raad?")
    client = api_client(employee)
    response = post_json(client, f"{V1}/posts/{post.pk}/comments", {"text": "Ik, *zeker*"})
    assert response.status_code == 201, response.content
    comment = response.json()
    assert comment["post_id"] == post.pk and comment["parent_id"] is None
    assert comment["author"]["id"] == employee.pk
    assert "<em>zeker</em>" in comment["body_html"]

    reply = post_json(
        client, f"{V1}/posts/{post.pk}/comments", {"text": "Aanvulling", "parent_id": comment["id"]}
    )
    assert reply.status_code == 201
    assert reply.json()["parent_id"] == comment["id"]

    other = posts.publish_post(manager, "Ander bericht")
    wrong = post_json(
        client, f"{V1}/posts/{other.pk}/comments", {"text": "Verkeerd", "parent_id": comment["id"]}
    )
    assert wrong.status_code == 422
    assert Comment.objects.count() == 2


# --- Reactions --------------------------------------------------------------------------------


def test_reacting_twice_keeps_one_reaction(employee, manager):
    post = posts.publish_post(manager, "Project opgeleverd!")
    client = api_client(employee)
    url = f"{V1}/posts/{post.pk}/reactions"
    first = post_json(client, url, {"kind": "like"})
    assert first.status_code == 201
    assert first.json() == {"post_id": post.pk, "kind": "like"}
    assert post_json(client, url, {"kind": "like"}).status_code == 200
    changed = post_json(client, url, {"kind": "celebrate"})
    assert changed.status_code == 200
    assert Reaction.objects.filter(post=post).count() == 1
    body = client.get(f"{V1}/posts/{post.pk}").json()
    assert (body["reaction_count"], body["my_reaction"]) == (1, "celebrate")

    assert post_json(client, url, {"kind": "boos"}).status_code == 422
    assert client.delete(url).status_code == 204
    assert not Reaction.objects.exists()
    assert client.delete(url).status_code == 204


def test_removing_a_reaction_leaves_other_peoples_alone(employee, manager):
    post = posts.publish_post(manager, "Project opgeleverd!")
    conversation.react(manager, "celebrate", post=post)
    client = api_client(employee)
    post_json(client, f"{V1}/posts/{post.pk}/reactions", {"kind": "like"})
    client.delete(f"{V1}/posts/{post.pk}/reactions")
    assert list(Reaction.objects.values_list("person", "kind")) == [(manager.pk, "celebrate")]


# --- The OpenAPI document and the docs page ---------------------------------------------------


def test_the_openapi_document_describes_every_endpoint(client):
    response = client.get(f"{V1}/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.")
    assert document["info"]["version"] == "1"
    assert set(document["paths"]) == {
        f"{V1}/me",
        f"{V1}/feed/home",
        f"{V1}/groups/{{group_id}}/posts",
        f"{V1}/topics/{{slug}}/posts",
        f"{V1}/people/{{person_id}}/posts",
        f"{V1}/posts",
        f"{V1}/posts/{{post_id}}",
        f"{V1}/posts/{{post_id}}/comments",
        f"{V1}/posts/{{post_id}}/reactions",
    }
    assert set(document["paths"][f"{V1}/posts/{{post_id}}/reactions"]) == {"post", "delete"}
    assert document["components"]["securitySchemes"]["TokenAuth"] == {
        "type": "http",
        "scheme": "bearer",
    }
    post = document["components"]["schemas"]["PostOut"]["properties"]
    assert {
        "id",
        "author",
        "group",
        "kind",
        "project_status",
        "body",
        "body_html",
        "created_at",
        "edited_at",
        "comment_count",
        "reaction_count",
        "my_reaction",
        "attachments",
    } <= set(post)
    try:
        from openapi_spec_validator import validate
    except ImportError:
        return
    validate(document)


def test_the_documented_choices_match_the_models():
    from typing import get_args

    from plein.api import schemas

    assert set(get_args(schemas.PostKind)) == set(Post.Kind.values)
    assert set(get_args(schemas.ProjectStatus)) == set(Group.ProjectStatus.values)
    assert set(get_args(schemas.ReactionKind)) == set(Reaction.Kind.values)
    from plein.community.models import Attachment
    from plein.community.services.feeds import HomeFilter

    assert set(get_args(schemas.AttachmentKind)) == set(Attachment.Kind.values)
    assert set(get_args(schemas.HomeMode)) <= {m.value for m in HomeFilter}


def test_the_docs_page_loads_everything_from_our_own_server(client):
    response = client.get(f"{V1}/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    assert "https://" not in page
