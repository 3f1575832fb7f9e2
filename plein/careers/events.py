"""What the careers app tells others (job alerts, publishing, notifications subscribe later)."""

from dataclasses import dataclass

from plein.careers.models import CareersStory, Vacancy


@dataclass(frozen=True)
class VacancyPublished:
    vacancy: Vacancy  # public from vacancy.publish_on (which may be in the future)


@dataclass(frozen=True)
class VacancyClosed:
    vacancy: Vacancy


@dataclass(frozen=True)
class VacancyFilled:
    vacancy: Vacancy


@dataclass(frozen=True)
class StoryConsentRequested:
    """HR asks the author of a post whether it may be shown on the careers site."""

    story: CareersStory
