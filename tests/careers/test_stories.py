"""Colleagues' posts on the careers site: public only with the author's explicit consent, gone at
once when they withdraw, edit or remove it."""

import html5lib
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from plein.careers import events
from plein.careers.models import CareersStory, StoryConsent
from plein.careers.services import stories as story_services
from plein.community.models import Group, Post
from plein.community.services import groups, posts

pytestmark = pytest.mark.django_db

TEXT = "Vandaag mijn eerste warmtepomp helemaal zelf opgeleverd. Trots op het team!"


def parse(response):
    return html5lib.parse(response.content.decode(), namespaceHTMLElements=False)


def public_stories(client) -> list[str]:
    page = parse(client.get(reverse("careers:home")))
    return [
        " ".join("".join(quote.itertext()).split())
        for quote in page.iterfind(".//ul[@class='careers-stories']//blockquote")
    ]


@pytest.fixture
def post(employee):
    return posts.publish_post(employee, TEXT)


def test_a_chosen_post_stays_off_the_site_until_its_author_agrees(
    client, post, employee, recruiter
):
    story = story_services.request_story(post, recruiter)
    assert story.state == CareersStory.State.REQUESTED
    assert public_stories(client) == []

    story_services.agree_to_story(story, employee)

    assert public_stories(client) == [TEXT]
    consent = StoryConsent.objects.get()
    assert consent.person == employee and consent.answer == StoryConsent.Answer.GIVEN
    assert consent.statement == story_services.consent_statement(employee.language)
    home = client.get(reverse("careers:home")).content.decode()
    assert employee.full_name in home


def test_asking_emits_an_event_for_notifications(post, recruiter, monkeypatch):
    seen: list[object] = []
    monkeypatch.setattr(story_services, "emit", seen.append)

    story = story_services.request_story(post, recruiter)

    assert seen == [events.StoryConsentRequested(story)]


def test_the_author_answers_on_their_take_part_page(client, client_for, post, employee, recruiter):
    story_services.request_story(post, recruiter)
    author = client_for(employee)

    page = parse(author.get(reverse("careers:take_part")))
    statement = page.find(".//p[@class='consent-statement']")
    assert statement is not None
    story = CareersStory.objects.get()
    author.post(reverse("careers:answer_story", args=[story.pk]), {"answer": "agree"})
    assert public_stories(client) == [TEXT]

    author.post(reverse("careers:answer_story", args=[story.pk]), {"answer": "withdraw"})
    assert public_stories(client) == []
    story.refresh_from_db()
    assert story.state == CareersStory.State.WITHDRAWN
    assert [c.answer for c in story.consents.order_by("at", "pk")] == ["given", "withdrawn"]


def test_only_the_author_can_answer(client_for, post, manager, recruiter):
    story = story_services.request_story(post, recruiter)

    with pytest.raises(PermissionDenied):
        story_services.agree_to_story(story, manager)
    response = client_for(manager).post(
        reverse("careers:answer_story", args=[story.pk]), {"answer": "agree"}
    )
    assert response.status_code == 404
    story.refresh_from_db()
    assert story.state == CareersStory.State.REQUESTED


def test_a_declined_request_cannot_be_asked_again_by_hr(post, employee, recruiter):
    story = story_services.request_story(post, recruiter)
    story_services.decline_story(story, employee)

    with pytest.raises(ValidationError):
        story_services.request_story(post, recruiter)

    # The author may still change their mind.
    story_services.agree_to_story(story, employee)
    story.refresh_from_db()
    assert story.state == CareersStory.State.PUBLISHED


def test_editing_the_post_after_agreeing_takes_it_off_the_site_until_agreed_again(
    client, post, employee, recruiter
):
    story = story_services.agree_to_story(story_services.request_story(post, recruiter), employee)

    posts.edit_post(post, "Nieuwe tekst over de opleiding.", by=employee)

    assert public_stories(client) == []
    story.refresh_from_db()
    assert story_services.needs_new_consent(story)
    story_services.agree_to_story(story, employee)
    assert public_stories(client) == ["Nieuwe tekst over de opleiding."]


def test_a_removed_post_leaves_the_site(client, post, employee, recruiter):
    story_services.agree_to_story(story_services.request_story(post, recruiter), employee)

    posts.delete_post(post, by=employee)

    assert public_stories(client) == []


def test_hr_hides_and_shows_a_story_without_asking(client, client_for, post, employee, recruiter):
    story = story_services.agree_to_story(story_services.request_story(post, recruiter), employee)
    hr = client_for(recruiter)

    hr.post(reverse("careers:story_visibility", args=[story.pk]), {"action": "hide"})
    assert public_stories(client) == []
    hr.post(reverse("careers:story_visibility", args=[story.pk]), {"action": "show"})
    assert public_stories(client) == [TEXT]


def test_posts_from_closed_groups_cannot_be_chosen_even_by_a_member(client_for, recruiter):
    closed = groups.create_group(
        by=recruiter, name="Ondernemingsraad", visibility=Group.Visibility.CLOSED
    )
    private = posts.publish_post(recruiter, "Alleen voor de OR.", group=closed)
    assert Post.objects.visible_to(recruiter).filter(pk=private.pk).exists()
    assert not story_services.storytelling_posts(recruiter).filter(pk=private.pk).exists()

    with pytest.raises(ValidationError):
        story_services.request_story(private, recruiter)
    client_for(recruiter).post(reverse("careers:manage_stories"), {"post_pk": private.pk})
    assert not CareersStory.objects.exists()


def test_hr_chooses_a_post_by_its_link(client_for, post, recruiter):
    response = client_for(recruiter).post(
        reverse("careers:manage_stories"),
        {"post": f"https://plein.example.nl/posts/{post.pk}/#comments"},
    )

    assert response.status_code == 302
    assert CareersStory.objects.get().post == post


def test_colleagues_mentioned_in_a_story_are_shown_by_first_name_only(
    client, employee, manager, recruiter
):
    mentioning = posts.publish_post(
        employee, f"Dank je @[{manager.full_name}](p:{manager.pk}) voor de hulp vandaag!"
    )
    story_services.agree_to_story(story_services.request_story(mentioning, recruiter), employee)

    [text] = public_stories(client)

    assert text == f"Dank je @{manager.first_name} voor de hulp vandaag!"
    assert manager.last_name not in text
    home = parse(client.get(reverse("careers:home")))
    story_links = home.findall(".//ul[@class='careers-stories']//a")
    assert story_links == []  # no links into the internal community
