"""The employer story ("who we are") and the "werken bij" videos, edited by HR."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from plein.careers.models import CareersVideo, EmployerStory
from plein.careers.text import Limits, gated_public_html
from plein.community.views.feeds import VideoEmbed, video_for_link
from plein.people.models import Person
from plein.people.permissions import Perm, require

MAX_VIDEOS = 6


@transaction.atomic
def save_employer_story(
    by: Person, *, intro_nl: str, body_nl: str, intro_en: str = "", body_en: str = ""
) -> EmployerStory:
    require(by, Perm.MANAGE_PEOPLE)
    story = EmployerStory.objects.select_for_update().filter(pk=1).first() or EmployerStory(pk=1)
    story.intro_nl, story.intro_en = intro_nl.strip(), intro_en.strip()
    story.body_nl, story.body_en = body_nl.strip(), body_en.strip()
    story.body_html_nl = gated_public_html(
        story.body_nl, author=by, max_length=Limits.EMPLOYER_STORY, field="body_nl"
    )
    story.body_html_en = (
        gated_public_html(
            story.body_en, author=by, max_length=Limits.EMPLOYER_STORY, field="body_en"
        )
        if story.body_en
        else ""
    )
    if story.body_en and not story.intro_en:
        raise ValidationError(
            {"intro_en": _("Write the English introduction too, or leave the English story empty.")}
        )
    story.updated_at = timezone.now()
    story.updated_by = by
    story.full_clean()
    story.save()
    return story


def embed_for(video: CareersVideo) -> VideoEmbed | None:
    return video_for_link(video.url)


@transaction.atomic
def add_video(by: Person, *, url: str, title_nl: str, title_en: str = "") -> CareersVideo:
    require(by, Perm.MANAGE_PEOPLE)
    if video_for_link(url.strip()) is None:
        raise ValidationError(
            {
                "url": _(
                    "Paste a link to a video on YouTube or Vimeo, for example https://www.youtube.com/watch?v=…"
                )
            }
        )
    if CareersVideo.objects.count() >= MAX_VIDEOS:
        raise ValidationError(
            _("There can be at most %(max)d videos. Remove one first.") % {"max": MAX_VIDEOS}
        )
    last = CareersVideo.objects.aggregate(last=Max("position"))["last"]
    video = CareersVideo(
        url=url.strip(),
        title_nl=title_nl.strip(),
        title_en=title_en.strip(),
        position=(last or 0) + 1,
    )
    video.full_clean()
    video.save()
    _touch_story()
    return video


@transaction.atomic
def remove_video(by: Person, video: CareersVideo) -> None:
    require(by, Perm.MANAGE_PEOPLE)
    video.delete()
    _touch_story()


def _touch_story() -> None:
    EmployerStory.objects.filter(pk=1).update(updated_at=timezone.now())
