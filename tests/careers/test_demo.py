"""The careers demo: an employer story and about 25 vacancies across the demo organisation's
departments and locations, through the careers services.

One test builds it (the people and community demos take a while) and checks it all; it runs in
the test's transaction, so nothing of the demo outlives it."""

import pytest
from django.test import Client
from django.urls import reverse

from plein.careers.candidate_questions.models import CandidateQuestion
from plein.careers.demo import load_demo
from plein.careers.job_alerts.models import JobAlert
from plein.careers.models import (
    CareersStory,
    EmployerStory,
    FutureColleague,
    StoryConsent,
    Vacancy,
)
from plein.community.demo import load_community_demo
from plein.people.demo import load_demo as load_people_demo
from plein.people.models import Person

pytestmark = pytest.mark.django_db


def test_without_the_people_demo_it_explains_what_to_load_first():
    assert load_demo() == "no careers demo: load the people demo first"
    assert not Vacancy.objects.exists()


def test_the_demo_careers_site(client: Client):
    load_people_demo(size="small", reset=True)
    load_community_demo()

    summary = load_demo()

    # About 25 vacancies across departments and locations, in every state.
    vacancies = Vacancy.objects.all()
    assert 24 <= vacancies.count() <= 30
    assert summary.startswith(f"{vacancies.count()} vacancies ({Vacancy.objects.open().count()}")
    assert vacancies.values("department").distinct().count() >= 10
    assert vacancies.exclude(location=None).values("location").distinct().count() >= 5
    assert Vacancy.objects.open().count() >= 20
    assert vacancies.filter(state=Vacancy.State.CLOSED).count() >= 2
    assert vacancies.filter(state=Vacancy.State.FILLED).count() == 1
    assert vacancies.filter(state=Vacancy.State.DRAFT).count() == 1
    assert vacancies.filter(workplace="remote").exists()
    assert vacancies.exclude(title_en="").count() >= 3
    assert set(vacancies.values_list("recruiter__email", flat=True)) == {"hr@demo.plein.nl"}
    assert all(
        v.hiring_manager.granted_roles.filter(role="manager").exists()
        for v in vacancies.select_related("hiring_manager")
    )

    # The employer story in both languages.
    story = EmployerStory.current()
    assert story is not None and "Van Dijk" in story.body_html_nl and story.body_html_en

    # Future colleagues, and colleagues' posts shown only with their consent.
    sanne = Person.objects.get(email="medewerker@demo.plein.nl")
    assert FutureColleague.objects.count() >= 10
    assert FutureColleague.objects.filter(person=sanne).exists()
    on_site = list(CareersStory.objects.on_site())
    assert len(on_site) >= 3
    for item in on_site:
        assert StoryConsent.objects.filter(
            story=item, person=item.post.author, answer="given"
        ).exists()
    waiting = CareersStory.objects.get(state=CareersStory.State.REQUESTED)
    assert waiting.post.author == sanne

    # Candidate questions: answered, open, and one waiting for a review; job alerts.
    questions = CandidateQuestion.objects.all()
    assert questions.filter(first_answered_at__isnull=False).count() >= 2
    assert questions.filter(state="published", first_answered_at__isnull=True).exists()
    assert questions.filter(state="held").count() == 1
    assert not questions.exclude(email="").exists()
    assert JobAlert.objects.confirmed().count() == 2

    # The site renders, in both languages.
    assert client.get(reverse("careers:home")).status_code == 200
    assert client.get(reverse("careers_en:home")).status_code == 200
    assert client.get(reverse("careers:vacancies")).status_code == 200
    for vacancy in Vacancy.objects.public():
        assert client.get(reverse("careers:vacancy", args=[vacancy.slug])).status_code == 200

    # A second run changes nothing.
    before = Vacancy.objects.count()
    assert load_demo() == f"{before} vacancies (already there)"
    assert Vacancy.objects.count() == before
