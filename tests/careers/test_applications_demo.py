"""The careers demo's applications: every stage, every kind of source, referrals Sanne can
follow, reward rules (one referral qualifies) and a returning colleague."""

import pytest
from django.urls import reverse

from plein.careers.demo import load_demo, remove_careers_data
from plein.careers.models import Application, Referral, RewardRule, Stage
from plein.careers.models.applications import Source
from plein.careers.services import cv as cv_files
from plein.careers.services.alumni import ALUMNI_SLUG
from plein.community.models import Membership
from plein.people.demo import load_demo as load_people_demo
from plein.people.models import Person

pytestmark = pytest.mark.django_db


def test_the_demo_has_applications_in_every_stage_with_sources_and_referrals(client_for):
    load_people_demo(size="small", reset=True)
    summary = load_demo()
    assert "applications in every stage" in summary

    stages = set(Application.objects.values_list("stage", flat=True))
    assert stages == set(Stage.values)
    sources = set(Application.objects.values_list("source", flat=True))
    assert sources == set(Source.values)
    assert all(
        cv_files.path_of(path) for path in Application.objects.values_list("cv_path", flat=True)
    )
    assert Application.objects.filter(returning_colleague__isnull=False).exists()
    assert Application.objects.filter(talent_pool=True).exists()
    assert Application.objects.filter(stage=Stage.REJECTED).exclude(rejection_reason="").exists()

    sanne = Person.objects.get(email="medewerker@demo.plein.nl")
    mine = Referral.objects.filter(referrer=sanne)
    assert mine.filter(kind=Referral.Kind.DIRECT, status=Referral.Status.INVITED).exists()
    assert mine.exclude(status=Referral.Status.INVITED).exists()
    assert Referral.objects.filter(referrer__status=Person.Status.ALUMNUS).exists()
    assert RewardRule.objects.filter(active=True).exists()
    assert Membership.objects.filter(group__slug=ALUMNI_SLUG).exists()

    page = client_for(sanne).get(reverse("careers:my_referrals"))
    assert page.status_code == 200
    hr = client_for(Person.objects.get(email="hr@demo.plein.nl"))
    overview = hr.get(reverse("careers:referral_overview"))
    assert "badge--success" in overview.text  # a referral whose reward is due
    assert hr.get(reverse("careers:applications")).status_code == 200

    paths = list(Application.objects.values_list("cv_path", flat=True))
    remove_careers_data()
    assert not Application.objects.exists()
    assert not any(cv_files.path_of(path) for path in paths)
