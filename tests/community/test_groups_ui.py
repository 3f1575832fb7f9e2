"""The groups pages: the index, starting a group, the group page, members and settings.

Pages are parsed with html5lib where it matters that an element is there (a button, a badge),
not merely a word.
"""

import io
from pathlib import Path

import html5lib
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from plein.community.models import Group, Membership, Post
from plein.community.services import groups, posts
from plein.people.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_for(client_for):
    """These tests read the English source strings: the people they sign in as chose English."""

    def make(person: Person):
        Person.objects.filter(pk=person.pk).update(language="en")
        person.language = "en"
        return client_for(person)

    return make


def parse(response):
    return html5lib.parse(response.content.decode(), namespaceHTMLElements=False)


def text_of(element) -> str:
    return " ".join("".join(element.itertext()).split())


def buttons(response) -> list[str]:
    return [text_of(button) for button in parse(response).iter("button")]


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def url(name: str, group: Group, *args: object) -> str:
    return reverse(f"community:{name}", args=[group.slug, *args])


def png_upload(name: str = "omslag.png") -> io.BytesIO:
    upload = io.BytesIO()
    Image.new("RGB", (800, 200), (30, 90, 140)).save(upload, format="PNG")
    upload.seek(0)
    upload.name = name
    return upload


@pytest.fixture
def open_group(manager):
    return groups.create_group(
        by=manager, name="Warmtepompen", kind=Group.Kind.DISCIPLINE, description="Kennis delen"
    )


@pytest.fixture
def closed_group(manager):
    return groups.create_group(
        by=manager,
        name="Project Noordlaan",
        kind=Group.Kind.PROJECT,
        visibility=Group.Visibility.CLOSED,
        description="Renovatie van 40 woningen aan de Noordlaan",
    )


@pytest.fixture
def secret_group(manager):
    return groups.create_group(
        by=manager,
        name="Reorganisatie Oost",
        kind=Group.Kind.PROJECT,
        visibility=Group.Visibility.SECRET,
    )


# --- Joining ----------------------------------------------------------------------------------


def test_joining_an_open_group_is_immediate(client_for, employee, manager, open_group):
    posts.publish_post(manager, "Nieuwe handleiding voor de buitenunit", group=open_group)
    client = client_for(employee)
    assert "Join group" in buttons(client.get(url("group", open_group)))

    response = client.post(url("join_group", open_group), follow=True)

    assert groups.is_active_member(open_group, employee)
    assert any("You are now a member" in m for m in messages_of(response))
    page = parse(response)
    assert "Leave group" in [text_of(b) for b in page.iter("button")]
    assert "Nieuwe handleiding" in text_of(page.find(".//main"))


def test_a_closed_group_shows_non_members_only_its_outline(
    client_for, employee, manager, closed_group
):
    posts.publish_post(manager, "Alleen voor het projectteam", group=closed_group)
    response = client_for(employee).get(url("group", closed_group))

    assert response.status_code == 200
    main = text_of(parse(response).find(".//main"))
    assert "Project Noordlaan" in main
    assert "Renovatie van 40 woningen" in main
    assert "1 member" in main
    assert "Ask to join" in buttons(response)
    assert "Alleen voor het projectteam" not in response.content.decode()


def test_closed_join_is_a_request_that_an_admin_approves(
    client_for, employee, manager, closed_group
):
    posts.publish_post(manager, "Planning week 12", group=closed_group)
    member_client = client_for(employee)
    response = member_client.post(url("join_group", closed_group), follow=True)

    assert groups.membership_of(closed_group, employee).state == Membership.State.REQUESTED
    assert "Planning week 12" not in response.content.decode()
    assert any("A group admin will decide" in m for m in messages_of(response))

    admin_client = client_for(manager)
    members_page = admin_client.get(url("group_members", closed_group))
    requests = parse(members_page).find(".//section[@aria-labelledby='requests-title']")
    assert requests is not None and "Anna Jansen" in text_of(requests)

    admin_client.post(url("group_request", closed_group, employee.pk), {"decision": "approve"})

    assert groups.is_active_member(closed_group, employee)
    assert "Planning week 12" in member_client.get(url("group", closed_group)).content.decode()


def test_an_admin_can_decline_a_request(client_for, employee, manager, closed_group):
    posts.publish_post(manager, "Planning week 12", group=closed_group)
    client_for(employee).post(url("join_group", closed_group))

    response = client_for(manager).post(
        url("group_request", closed_group, employee.pk), {"decision": "decline"}, follow=True
    )

    assert groups.membership_of(closed_group, employee) is None
    assert any("declined" in m for m in messages_of(response))
    page = client_for(employee).get(url("group", closed_group))
    assert "Planning week 12" not in page.content.decode()
    assert "Ask to join" in buttons(page)


def test_only_group_admins_decide_on_requests(client_for, employee, closed_group):
    other = PersonFactory()
    groups.join(closed_group, other)
    response = client_for(employee).post(
        url("group_request", closed_group, other.pk), {"decision": "approve"}
    )
    assert response.status_code == 403
    assert groups.membership_of(closed_group, other).state == Membership.State.REQUESTED


# --- Secret groups ----------------------------------------------------------------------------


def test_a_secret_group_does_not_exist_for_non_members(client_for, employee, manager, secret_group):
    client = client_for(manager)
    client.post(
        url("group_settings", secret_group),
        {
            "name": secret_group.name,
            "description": "",
            "visibility": "secret",
            "cover": png_upload(),
        },
    )
    secret_group.refresh_from_db()
    assert secret_group.cover  # so the cover URL has something to leak
    outsider = client_for(employee)

    for address in (
        url("group", secret_group),
        reverse("community:group_by_id", args=[secret_group.pk]),
        url("group_members", secret_group),
        url("group_cover", secret_group),
        url("group_settings", secret_group),
    ):
        assert outsider.get(address).status_code == 404, address
    assert client.get(url("group_cover", secret_group)).status_code == 200

    index = outsider.get(reverse("community:groups"))
    assert "Reorganisatie Oost" not in index.content.decode()
    search = outsider.get(reverse("community:groups"), {"q": "Reorganisatie"})
    assert "Reorganisatie Oost" not in search.content.decode()


def test_a_secret_group_is_offered_by_the_mention_autocomplete_to_members_only(
    client_for, employee, manager, secret_group
):
    address = reverse("community:autocomplete_mentions")
    outsider = client_for(employee).get(address, {"q": "Reorganisatie"})
    member = client_for(manager).get(address, {"q": "Reorganisatie"})

    assert outsider.status_code == 200
    assert "Reorganisatie" not in outsider.content.decode()
    assert "Reorganisatie Oost" in [item["label"] for item in member.json()]


def test_an_invitation_to_a_secret_group_is_accepted_from_the_group_page(
    client_for, employee, manager, secret_group
):
    posts.publish_post(manager, "Vertrouwelijk: nieuwe indeling", group=secret_group)
    response = client_for(manager).post(
        url("invite_to_group", secret_group), {"colleague": "anna@example.nl"}, follow=True
    )
    assert any("is invited" in m for m in messages_of(response))
    assert groups.membership_of(secret_group, employee).state == Membership.State.INVITED

    client = client_for(employee)
    index = parse(client.get(reverse("community:groups")))
    invitations = index.find(".//section[@aria-labelledby='invitations-title']")
    assert invitations is not None and "Reorganisatie Oost" in text_of(invitations)
    page = client.get(url("group", secret_group))
    assert page.status_code == 200
    assert "Accept invitation" in buttons(page)
    assert "Vertrouwelijk" not in page.content.decode()

    accepted = client.post(url("join_group", secret_group), follow=True)

    assert groups.is_active_member(secret_group, employee)
    assert "Vertrouwelijk: nieuwe indeling" in accepted.content.decode()


def test_nobody_joins_a_secret_group_without_an_invitation(client_for, employee, secret_group):
    assert client_for(employee).post(url("join_group", secret_group)).status_code == 404
    assert groups.membership_of(secret_group, employee) is None


def test_a_name_that_matches_several_colleagues_asks_which_one(client_for, manager, closed_group):
    first = PersonFactory(first_name="Jan", last_name="Bakker", job_title="Planner")
    PersonFactory(first_name="Jan", last_name="Bakker", job_title="Monteur")
    client = client_for(manager)

    response = client.post(url("invite_to_group", closed_group), {"colleague": "Jan Bakker"})

    assert response.status_code == 400
    page = parse(response)
    radios = [r.get("value") for r in page.iter("input") if r.get("type") == "radio"]
    assert len(radios) == 2
    assert "Several colleagues match" in text_of(page.find(".//div[@data-error-summary]"))
    assert not Membership.objects.filter(group=closed_group, state="invited").exists()

    client.post(
        url("invite_to_group", closed_group), {"colleague": "Jan Bakker", "person": first.pk}
    )
    assert groups.membership_of(closed_group, first).state == Membership.State.INVITED


def test_inviting_someone_unknown_says_so(client_for, manager, closed_group):
    response = client_for(manager).post(
        url("invite_to_group", closed_group), {"colleague": "niemand@example.nl"}
    )
    assert response.status_code == 400
    assert "We found no colleague" in response.content.decode()


def test_inviting_accepts_the_autocomplete_token(client_for, employee, manager, closed_group):
    client_for(manager).post(
        url("invite_to_group", closed_group), {"colleague": f"@[Anna Jansen](p:{employee.pk})"}
    )
    assert groups.membership_of(closed_group, employee).state == Membership.State.INVITED


def test_members_cannot_invite(client_for, employee, manager, open_group):
    groups.join(open_group, employee)
    other = PersonFactory()
    response = client_for(employee).post(
        url("invite_to_group", open_group), {"colleague": other.email}
    )
    assert response.status_code == 403
    assert groups.membership_of(open_group, other) is None


# --- Leaving and managing members -------------------------------------------------------------


def test_a_member_can_leave(client_for, employee, open_group):
    groups.join(open_group, employee)
    response = client_for(employee).post(url("leave_group", open_group), follow=True)
    assert groups.membership_of(open_group, employee) is None
    assert any("You left" in m for m in messages_of(response))
    assert "Join group" in buttons(response)


def test_the_last_admin_cannot_leave_while_others_remain(client_for, employee, manager, open_group):
    groups.join(open_group, employee)
    response = client_for(manager).post(url("leave_group", open_group), follow=True)

    assert groups.is_group_admin(open_group, manager)
    assert any("Make someone else group admin" in m for m in messages_of(response))

    client_for(manager).post(
        url("manage_member", open_group, employee.pk), {"action": "make_admin"}
    )
    client_for(manager).post(url("leave_group", open_group))
    assert groups.membership_of(open_group, manager) is None
    assert groups.is_group_admin(open_group, employee)


def test_the_last_admin_cannot_be_demoted_while_others_remain(
    client_for, employee, manager, open_group
):
    groups.join(open_group, employee)
    response = client_for(manager).post(
        url("manage_member", open_group, manager.pk), {"action": "remove_admin"}, follow=True
    )
    assert groups.is_group_admin(open_group, manager)
    assert any("needs an admin" in m for m in messages_of(response))


def test_removing_a_member_takes_effect_at_once(client_for, employee, manager, closed_group):
    posts.publish_post(manager, "Alleen voor het team", group=closed_group)
    groups.invite(closed_group, employee, by=manager)
    groups.join(closed_group, employee)
    member = client_for(employee)
    assert "Alleen voor het team" in member.get(url("group", closed_group)).content.decode()

    client_for(manager).post(url("manage_member", closed_group, employee.pk), {"action": "remove"})

    assert groups.membership_of(closed_group, employee) is None
    # The same session, the very next request: the post is gone.
    assert "Alleen voor het team" not in member.get(url("group", closed_group)).content.decode()
    assert member.get(url("group_members", closed_group)).context["may_see_members"] is False


def test_the_members_page_lists_people_with_their_role(client_for, employee, manager, open_group):
    groups.join(open_group, employee)
    page = parse(client_for(employee).get(url("group_members", open_group)))
    rows = [text_of(row) for row in page.iter("li") if "member-row" in (row.get("class") or "")]
    assert any("Mark de Vries" in row and "Group admin" in row for row in rows)
    assert any("Anna Jansen" in row and "Monteur" in row and "Member" in row for row in rows)
    # A member sees no admin controls.
    assert page.find(".//section[@aria-labelledby='invite-title']") is None


def test_a_closed_groups_members_are_for_members(client_for, employee, closed_group):
    response = client_for(employee).get(url("group_members", closed_group))
    assert response.status_code == 200
    assert "Mark de Vries" not in response.content.decode()
    assert "Only members see who is in this group" in response.content.decode()


# --- Starting a group -------------------------------------------------------------------------


def test_a_member_starts_a_group_and_becomes_its_admin(client_for, employee):
    client = client_for(employee)
    form = client.get(reverse("community:create_group"))
    kinds = {i.get("value") for i in parse(form).iter("input") if i.get("name") == "kind"}
    assert kinds == {"project", "discipline", "interest"}

    response = client.post(
        reverse("community:create_group"),
        {"name": "Fietsclub", "kind": "interest", "visibility": "open", "description": "Samen"},
        follow=True,
    )

    group = Group.objects.get(name="Fietsclub")
    assert response.redirect_chain[-1][0] == url("group", group)
    assert groups.is_group_admin(group, employee)


def test_department_groups_cannot_be_started_by_hand(client_for, employee):
    response = client_for(employee).post(
        reverse("community:create_group"),
        {"name": "Mijn afdeling", "kind": "department", "visibility": "open"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode() or response.context["form"].errors
    assert not Group.objects.filter(name="Mijn afdeling").exists()


def test_a_group_needs_a_name(client_for, employee):
    response = client_for(employee).post(
        reverse("community:create_group"), {"name": "", "kind": "interest", "visibility": "open"}
    )
    summary = parse(response).find(".//div[@data-error-summary]")
    assert summary is not None
    assert not Group.objects.exists()


def test_when_members_may_not_start_groups_only_moderators_can(
    client_for, employee, community_manager, settings
):
    settings.PLEIN_MEMBERS_MAY_CREATE_GROUPS = False
    data = {"name": "Lunchwandelen", "kind": "interest", "visibility": "open"}

    refused = client_for(employee).post(reverse("community:create_group"), data)
    index = client_for(employee).get(reverse("community:groups"))

    assert refused.status_code == 403
    assert "community managers start new groups" in refused.content.decode()
    assert reverse("community:create_group") not in index.content.decode()
    assert not Group.objects.exists()

    client_for(community_manager).post(reverse("community:create_group"), data)
    assert Group.objects.filter(name="Lunchwandelen").exists()


# --- The index --------------------------------------------------------------------------------


def test_the_index_shows_my_groups_first_then_the_others(client_for, employee, manager):
    mine = groups.create_group(by=employee, name="Zwemmen")
    other = groups.create_group(by=manager, name="Aquarium", kind=Group.Kind.INTEREST)
    page = parse(client_for(employee).get(reverse("community:groups")))

    my_section = page.find(".//section[@aria-labelledby='my-groups-title']")
    discover = page.find(".//section[@aria-labelledby='discover-title']")
    assert mine.name in text_of(my_section) and other.name not in text_of(my_section)
    assert other.name in text_of(discover) and "1 member" in text_of(discover)
    assert "Join Aquarium" in [text_of(b) for b in discover.iter("button")]


def test_the_index_filters_by_kind_and_name(client_for, employee, manager):
    groups.create_group(by=manager, name="Project Zuid", kind=Group.Kind.PROJECT)
    groups.create_group(by=manager, name="Schaken", kind=Group.Kind.INTEREST)
    client = client_for(employee)

    projects = client.get(reverse("community:groups"), {"kind": "project"}).content.decode()
    assert "Project Zuid" in projects and "Schaken" not in projects

    named = client.get(reverse("community:groups"), {"q": "scha"}).content.decode()
    assert "Schaken" in named and "Project Zuid" not in named


def test_the_index_answers_htmx_with_the_results_only(client_for, employee, open_group):
    response = client_for(employee).get(
        reverse("community:groups"),
        {"q": "warmte"},
        headers={"HX-Request": "true", "HX-Target": "group-results"},
    )
    body = response.content.decode()
    assert "Warmtepompen" in body and "<html" not in body


def test_project_groups_show_their_status_in_words_and_colour(client_for, employee, manager):
    project = groups.create_group(by=manager, name="Project Oost", kind=Group.Kind.PROJECT)
    posts.publish_post(
        manager,
        "Wachten op vergunning",
        group=project,
        kind=Post.Kind.WORKING_ON,
        project_status="blocked",
    )
    client = client_for(employee)

    for response in (client.get(reverse("community:groups")), client.get(url("group", project))):
        badges = [
            b for b in parse(response).iter("span") if "project-status" in (b.get("class") or "")
        ]
        assert badges, "no project status badge"
        assert "badge--danger" in badges[0].get("class")
        assert text_of(badges[0]) == "Project status: Blocked"

    glance = parse(client.get(url("group", project))).find(".//section[@class]")
    assert "updated" in text_of(glance)


def test_the_index_costs_the_same_queries_for_3_or_30_groups(client_for, employee, manager):
    client = client_for(employee)
    client.get(reverse("community:groups"))  # the first request of a session costs more

    def count_for(n: int) -> int:
        Group.objects.all().delete()
        for i in range(n):
            group = groups.create_group(by=manager, name=f"Groep {i:02d}")
            if i % 2:
                groups.join(group, employee)
            if i % 3 == 0:
                posts.publish_post(
                    manager,
                    "Status",
                    group=groups.create_group(
                        by=manager, name=f"Project {i:02d}", kind=Group.Kind.PROJECT
                    ),
                    kind=Post.Kind.WORKING_ON,
                    project_status="on_track",
                )
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("community:groups"))
        assert response.status_code == 200
        return len(queries)

    small, large = count_for(3), count_for(30)
    assert small == large
    assert large <= 9  # 8 + the bell's unread count on every page


def test_the_members_page_costs_the_same_queries_for_3_or_30_members(
    client_for, manager, closed_group
):
    client = client_for(manager)
    client.get(url("group_members", closed_group))  # the first request of a session costs more

    def count_for(n: int) -> int:
        Membership.objects.filter(group=closed_group).exclude(person=manager).delete()
        for _ in range(n):
            person = PersonFactory(department=manager.department, job_title="Monteur")
            groups.invite(closed_group, person, by=manager)
            groups.join(closed_group, person)
        for _ in range(3):
            groups.join(closed_group, PersonFactory(department=manager.department))
        groups.invite(closed_group, PersonFactory(department=manager.department), by=manager)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url("group_members", closed_group))
        assert response.status_code == 200
        return len(queries)

    small, large = count_for(3), count_for(30)
    assert small == large
    assert large <= 13  # 12 + the bell's unread count on every page


# --- The group page ---------------------------------------------------------------------------


def test_by_id_leads_to_the_group_page(client_for, employee, open_group):
    response = client_for(employee).get(reverse("community:group_by_id", args=[open_group.pk]))
    assert response.status_code == 302
    assert response["Location"] == url("group", open_group)


def test_pinned_posts_come_first_and_the_feed_pages_back(client_for, employee, manager, open_group):
    made = [
        posts.publish_post(manager, f"Bericht nummer {n:02d}", group=open_group) for n in range(25)
    ]
    posts.pin_post(made[0], by=manager)
    client = client_for(employee)

    first = client.get(url("group", open_group))
    page = parse(first)
    pinned = page.find(".//section[@aria-labelledby='pinned-title']")
    assert "Bericht nummer 00" in text_of(pinned)
    shown = [card.post.pk for card in first.context["cards"]]
    assert shown[0] == made[-1].pk
    assert made[0].pk not in shown
    more_url = first.context["more_url"]
    assert more_url

    more = client.get(more_url, headers={"HX-Request": "true", "HX-Target": "feed-more"})
    body = more.content.decode()
    assert "<html" not in body
    assert "Bericht nummer 01" in body and "Bericht nummer 24" not in body


def test_the_group_page_costs_the_same_queries_for_1_or_20_posts(
    client_for, employee, manager, open_group
):
    groups.join(open_group, employee)
    client = client_for(employee)
    client.get(url("group", open_group))  # the first request of a session costs more

    def count_for(n: int) -> int:
        Post.objects.filter(group=open_group).delete()
        third = PersonFactory(department=manager.department)
        groups.join(open_group, third)
        authors = [manager, employee, third]
        for i in range(n):
            posts.publish_post(authors[i % 3], f"Update {i} over #warmte", group=open_group)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url("group", open_group))
        assert len(response.context["cards"]) == n
        return len(queries)

    small, large = count_for(1), count_for(20)
    assert small == large
    assert large <= 13  # 12 + the bell's unread count on every page


def test_members_get_the_composer_and_non_members_do_not(client_for, employee, manager, open_group):
    composer = ".//section[@aria-labelledby='composer-title']"
    assert parse(client_for(manager).get(url("group", open_group))).find(composer) is not None
    assert parse(client_for(employee).get(url("group", open_group))).find(composer) is None


def test_alumni_and_signed_out_visitors_do_not_see_groups(client, client_for, alumnus, open_group):
    assert client_for(alumnus).get(reverse("community:groups")).status_code == 403
    assert client_for(alumnus).get(url("group", open_group)).status_code == 403
    response = client.get(url("group", open_group))
    assert response.status_code == 302 and "login" in response["Location"]


# --- Settings and cover -----------------------------------------------------------------------


def test_a_visibility_change_hides_the_posts_from_non_members_at_once(
    client_for, employee, manager, open_group
):
    post = posts.publish_post(manager, "Eerst voor iedereen zichtbaar", group=open_group)
    reader = client_for(employee)
    assert "Eerst voor iedereen" in reader.get(url("group", open_group)).content.decode()

    response = client_for(manager).post(
        url("group_settings", open_group),
        {"name": "Warmtepompen", "description": "Kennis delen", "visibility": "closed"},
    )

    assert response.status_code == 302
    page = reader.get(url("group", open_group))
    assert "Eerst voor iedereen" not in page.content.decode()
    assert "Ask to join" in buttons(page)
    assert not Post.objects.visible_to(employee).filter(pk=post.pk).exists()


def test_settings_are_for_group_admins_and_moderators(
    client_for, employee, community_manager, open_group
):
    groups.join(open_group, employee)
    assert client_for(employee).get(url("group_settings", open_group)).status_code == 403
    response = client_for(community_manager).post(
        url("group_settings", open_group),
        {"name": "Warmtepompen NL", "description": "", "visibility": "open"},
    )
    assert response.status_code == 302
    open_group.refresh_from_db()
    assert open_group.name == "Warmtepompen NL"
    assert open_group.slug == "warmtepompen"  # links keep working


def test_a_cover_is_checked_by_content_and_served_to_those_who_see_the_group(
    client_for, employee, manager, closed_group
):
    client = client_for(manager)
    fake = io.BytesIO(b"<script>alert(1)</script>")
    fake.name = "cover.jpg"
    refused = client.post(
        url("group_settings", closed_group),
        {"name": closed_group.name, "visibility": "closed", "cover": fake},
    )
    assert refused.status_code == 200
    assert "not a photo, although its name says so" in refused.content.decode()
    closed_group.refresh_from_db()
    assert not closed_group.cover

    image = png_upload()
    client.post(
        url("group_settings", closed_group),
        {"name": closed_group.name, "visibility": "closed", "cover": image},
    )
    closed_group.refresh_from_db()
    assert closed_group.cover.name.endswith(".jpg")

    served = client_for(employee).get(url("group_cover", closed_group))
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"
    assert served["Cache-Control"] == "private, max-age=3600"
    with Image.open(io.BytesIO(b"".join(served.streaming_content))) as opened:
        assert opened.format == "JPEG"


def test_a_department_group_stays_open_and_says_why(client_for, employee, community_manager):
    groups.sync_people_groups()
    department_group = Group.objects.get(department=employee.department)
    client = client_for(community_manager)

    page = client.get(url("group_settings", department_group))
    assert "This is a department group" in page.content.decode()
    names = {i.get("name") for i in parse(page).iter("input")}
    assert "visibility" not in names
    assert "always open" in page.content.decode()

    response = client.post(
        url("group_settings", department_group),
        {"name": "Klantenservice landelijk", "description": "", "visibility": "secret"},
    )
    assert response.status_code == 302
    department_group.refresh_from_db()
    assert department_group.name == "Klantenservice landelijk"
    assert department_group.visibility == Group.Visibility.OPEN


def test_people_who_are_not_members_of_plein_cannot_be_invited(client_for, manager, closed_group):
    leaver = PersonFactory(email="weg@example.nl", status=Person.Status.ALUMNUS)
    response = client_for(manager).post(
        url("invite_to_group", closed_group), {"colleague": leaver.email}
    )
    assert response.status_code == 400
    assert groups.membership_of(closed_group, leaver) is None


def test_a_removed_cover_is_gone_from_the_page_and_the_disk(
    client_for, manager, open_group, django_capture_on_commit_callbacks
):
    client = client_for(manager)
    data = {"name": open_group.name, "visibility": "open"}
    client.post(url("group_settings", open_group), {**data, "cover": png_upload()})
    open_group.refresh_from_db()
    stored = open_group.cover.path

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("group_settings", open_group), {**data, "remove_cover": "on"})

    open_group.refresh_from_db()
    assert not open_group.cover
    assert client.get(url("group_cover", open_group)).status_code == 404
    assert "group-header__cover" not in client.get(url("group", open_group)).content.decode()
    assert not Path(stored).exists()


def test_a_closed_projects_status_is_for_its_members(client_for, employee, manager, closed_group):
    posts.publish_post(
        manager,
        "Wachten op de aannemer",
        group=closed_group,
        kind=Post.Kind.WORKING_ON,
        project_status="blocked",
    )
    client = client_for(employee)

    def status_badges(response) -> list[str]:
        return [
            text_of(b)
            for b in parse(response).iter("span")
            if "project-status" in (b.get("class") or "")
        ]

    assert status_badges(client.get(reverse("community:groups"))) == []
    assert status_badges(client.get(url("group", closed_group))) == []

    groups.invite(closed_group, employee, by=manager)
    groups.join(closed_group, employee)

    assert status_badges(client.get(reverse("community:groups"))) == ["Project status: Blocked"]
    assert "Project status: Blocked" in status_badges(client.get(url("group", closed_group)))
