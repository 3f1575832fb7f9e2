"""The careers site in Dutch (the default) at /werken-bij/, with HR's management pages and the
members' "take part" page. The English public pages are in urls_en (at /careers/)."""

from django.urls import path

from plein.careers.candidate_questions import urls as question_urls
from plein.careers.job_alerts import urls as alert_urls
from plein.careers.views import apply, machine, manage, members, pipeline, public, referrals

app_name = "careers"

NL = {"language": "nl"}

urlpatterns = [
    # Public (views/public.py, views/machine.py)
    path("", public.home, NL, name="home"),
    path("vacatures/", public.vacancy_list, NL, name="vacancies"),
    path("vacatures/feed.rss", machine.VacancyFeed("nl"), name="rss"),
    path("vacatures/feed.atom", machine.VacancyFeed("nl", atom=True), name="atom"),
    path("vacatures/vacaturebanken.xml", machine.job_board, name="job_board"),
    path("vacatures/<slug:slug>/", public.vacancy_detail, NL, name="vacancy"),
    path("huisstijl.css", public.brand_css, name="brand_css"),
    path("foto/<str:name>", public.photo, name="photo"),
    # Members (views/members.py)
    path("meedoen/", members.take_part, name="take_part"),
    path("meedoen/verhalen/<int:pk>/", members.answer_story, name="answer_story"),
    path("meedoen/vacatures/<int:pk>/", members.volunteer, name="volunteer"),
    # HR (views/manage.py)
    path("beheer/", manage.dashboard, name="manage"),
    path("beheer/vacatures/nieuw/", manage.vacancy_create, name="manage_new_vacancy"),
    path("beheer/vacatures/<int:pk>/", manage.vacancy_manage, name="manage_vacancy"),
    path("beheer/vacatures/<int:pk>/status/", manage.vacancy_transition, name="vacancy_transition"),
    path("beheer/vacatures/<int:pk>/voorbeeld/", manage.vacancy_preview, name="vacancy_preview"),
    path(
        "beheer/vacatures/<int:pk>/collegas/<int:person_pk>/verwijderen/",
        manage.remove_colleague,
        name="remove_colleague",
    ),
    path("beheer/verhaal/", manage.story, name="manage_story"),
    path("beheer/verhaal/videos/<int:pk>/verwijderen/", manage.remove_video, name="remove_video"),
    path("beheer/verhalen/", manage.stories, name="manage_stories"),
    path("beheer/verhalen/<int:pk>/", manage.story_visibility, name="story_visibility"),
    # Candidate questions and job alerts (their own packages)
    *question_urls.nl,
    *alert_urls.nl,
    # --- Applications and referrals (views/apply.py, pipeline.py, referrals.py) ---
    path("vacatures/<slug:slug>/solliciteren/", apply.apply, NL, name="apply"),
    path("vacatures/<slug:slug>/solliciteren/bedankt/", apply.applied, NL, name="applied"),
    path(
        "sollicitatie/<str:public_id>/verwijderen/<str:token>/",
        apply.delete_application,
        NL,
        name="delete_application",
    ),
    path("doorverwijzen/", referrals.my_referrals, name="my_referrals"),
    path("doorverwijzen/vacatures/<int:pk>/", referrals.share, name="share"),
    path("beheer/sollicitaties/", pipeline.application_list, name="applications"),
    path("beheer/sollicitaties/<int:pk>/", pipeline.application_detail, name="application"),
    path("beheer/sollicitaties/<int:pk>/fase/", pipeline.application_move, name="application_move"),
    path("beheer/sollicitaties/<int:pk>/cv/", pipeline.application_cv, name="application_cv"),
    path("beheer/doorverwijzingen/", referrals.referral_overview, name="referral_overview"),
    path(
        "beheer/doorverwijzingen/beloningen/<int:pk>/",
        referrals.reward_rule_active,
        name="reward_rule_active",
    ),
    # --- end applications and referrals ---
]
