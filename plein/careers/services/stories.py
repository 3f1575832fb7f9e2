"""Community posts on the careers site, only with their author's consent.

The rule: HR chooses a post and asks its author; nothing is public until the author agrees to
the statement shown to them, and the author can withdraw at any moment (the story leaves the
site at once). HR can hide a story without asking. A post that was edited after the author
agreed leaves the site until the author agrees to the new text. Only organisation-wide posts and
posts in open groups of a storytelling kind can be chosen: what was said in a closed circle
stays there.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from plein.careers import events
from plein.careers.models import CareersStory, StoryConsent
from plein.careers.text import first_names_only, public_html
from plein.community.models import PUBLIC_AUDIENCES, Post, PostQuerySet
from plein.community.services.gate import render
from plein.core.events import emit
from plein.people.models import Person
from plein.people.permissions import Perm, require

State = CareersStory.State
STORY_KINDS = (Post.Kind.UPDATE, Post.Kind.WORKING_ON, Post.Kind.ARTICLE)


def consent_statement(language: str) -> str:
    """What the author agrees to, in their language; stored word for word with the answer."""
    with translation.override(language):
        return _(
            "I agree that this post of mine is shown on the public careers site, with my first "
            "and last name, my function and my profile photo. Anyone on the internet can read "
            "it. Colleagues I mention are shown by first name only. I can withdraw my consent "
            "at any time; the post then leaves the site at once."
        )


def storytelling_posts(viewer: Person) -> PostQuerySet:
    """Posts HR may propose: readable by the viewer, organisation-wide or in an open group,
    of a kind that tells a story."""
    return Post.objects.visible_to(viewer).filter(
        audience__in=PUBLIC_AUDIENCES, kind__in=STORY_KINDS
    )


@transaction.atomic
def request_story(post: Post, by: Person) -> CareersStory:
    """HR asks the author of `post` whether it may be shown on the careers site."""
    require(by, Perm.MANAGE_PEOPLE)
    if not storytelling_posts(by).filter(pk=post.pk).exists():
        raise ValidationError(
            _(
                "Only posts for the whole organisation or in open groups (updates, work in "
                "progress and articles) can be shown on the careers site."
            )
        )
    existing = CareersStory.objects.select_for_update().filter(post=post).first()
    if existing is not None:
        if existing.state == State.DECLINED:
            raise ValidationError(
                _("The author declined to show this post. Only they can change that.")
            )
        return existing
    story = CareersStory.objects.create(post=post, requested_by=by)
    emit(events.StoryConsentRequested(story))
    return story


def _answer(story: CareersStory, person: Person, answer: str) -> None:
    StoryConsent.objects.create(
        story=story,
        person=person,
        answer=answer,
        statement=consent_statement(person.language),
    )


def _lock_as_author(story: CareersStory, person: Person) -> CareersStory:
    locked = CareersStory.objects.select_for_update().select_related("post").get(pk=story.pk)
    if locked.post.author_id != person.pk:
        raise PermissionDenied(_("Only the author of the post can answer this."))
    require(person, Perm.VIEW_INTERNAL)
    return locked


@transaction.atomic
def agree_to_story(story: CareersStory, person: Person) -> CareersStory:
    """The author agrees: the post as it is now goes on the site."""
    locked = _lock_as_author(story, person)
    post = locked.post
    if post.deleted_at is not None:
        raise ValidationError(_("This post was removed, so it cannot be shown."))
    if locked.state == State.HIDDEN or (
        locked.state == State.PUBLISHED and not needs_new_consent(locked)
    ):
        return locked  # already agreed to this text
    now = timezone.now()
    _answer(locked, person, StoryConsent.Answer.GIVEN)
    locked.state = State.PUBLISHED
    locked.consented_at = now
    locked.text_html = public_html(render(first_names_only(post.body)))
    locked.updated_at = now
    locked.save()
    return locked


@transaction.atomic
def decline_story(story: CareersStory, person: Person) -> CareersStory:
    locked = _lock_as_author(story, person)
    if locked.state != State.REQUESTED:
        raise ValidationError(_("There is no open request for this post."))
    _answer(locked, person, StoryConsent.Answer.REFUSED)
    locked.state = State.DECLINED
    locked.updated_at = timezone.now()
    locked.save(update_fields=["state", "updated_at"])
    return locked


@transaction.atomic
def withdraw_story(story: CareersStory, person: Person) -> CareersStory:
    """The author withdraws: off the site at once, and HR cannot put it back."""
    locked = _lock_as_author(story, person)
    if locked.state not in (State.PUBLISHED, State.HIDDEN):
        raise ValidationError(_("This post is not on the careers site."))
    _answer(locked, person, StoryConsent.Answer.WITHDRAWN)
    locked.state = State.WITHDRAWN
    locked.consented_at = None
    locked.text_html = ""
    locked.updated_at = timezone.now()
    locked.save()
    return locked


@transaction.atomic
def hide_story(story: CareersStory, by: Person) -> CareersStory:
    require(by, Perm.MANAGE_PEOPLE)
    locked = CareersStory.objects.select_for_update().get(pk=story.pk)
    if locked.state != State.PUBLISHED:
        raise ValidationError(_("Only a story on the site can be hidden."))
    locked.state = State.HIDDEN
    locked.updated_at = timezone.now()
    locked.save(update_fields=["state", "updated_at"])
    return locked


@transaction.atomic
def show_story(story: CareersStory, by: Person) -> CareersStory:
    require(by, Perm.MANAGE_PEOPLE)
    locked = CareersStory.objects.select_for_update().get(pk=story.pk)
    if locked.state != State.HIDDEN or locked.consented_at is None:
        raise ValidationError(_("Only a hidden story whose author agreed can be shown again."))
    locked.state = State.PUBLISHED
    locked.updated_at = timezone.now()
    locked.save(update_fields=["state", "updated_at"])
    return locked


def needs_new_consent(story: CareersStory) -> bool:
    """Published, but the author edited the post after agreeing (so it is off the site)."""
    post = story.post
    return (
        story.state == State.PUBLISHED
        and story.consented_at is not None
        and post.edited_at is not None
        and post.edited_at > story.consented_at
    )
