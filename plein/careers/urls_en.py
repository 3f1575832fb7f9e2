"""The careers site in English at /careers/: the same public pages as /werken-bij/."""

from django.urls import path

from plein.careers.candidate_questions import urls as question_urls
from plein.careers.job_alerts import urls as alert_urls
from plein.careers.views import apply, machine, public

app_name = "careers_en"

EN = {"language": "en"}

urlpatterns = [
    path("", public.home, EN, name="home"),
    path("jobs/", public.vacancy_list, EN, name="vacancies"),
    path("jobs/feed.rss", machine.VacancyFeed("en"), name="rss"),
    path("jobs/feed.atom", machine.VacancyFeed("en", atom=True), name="atom"),
    path("jobs/<slug:slug>/", public.vacancy_detail, EN, name="vacancy"),
    # Candidate questions and job alerts (their own packages)
    *question_urls.en,
    *alert_urls.en,
    # --- Applications (views/apply.py) ---
    path("jobs/<slug:slug>/apply/", apply.apply, EN, name="apply"),
    path("jobs/<slug:slug>/apply/thanks/", apply.applied, EN, name="applied"),
    path(
        "application/<str:public_id>/delete/<str:token>/",
        apply.delete_application,
        EN,
        name="delete_application",
    ),
    # --- end applications ---
]
