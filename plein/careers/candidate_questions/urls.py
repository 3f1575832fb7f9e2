"""Candidate questions' addresses, added to the careers URLconfs (Dutch in `nl`, English in
`en`)."""

from django.urls import path

from plein.careers.candidate_questions import views

NL = {"language": "nl"}
EN = {"language": "en"}

nl = [
    path("vacatures/<slug:slug>/vragen/", views.ask, NL, name="ask_question"),
    path("vacatures/<slug:slug>/vragen/verstuurd/", views.asked, NL, name="question_asked"),
    path("vragen/uitdaging/", views.challenge, name="question_challenge"),
    path("meedoen/vragen/", views.my_questions, name="my_questions"),
    path("meedoen/vacatures/<int:pk>/vragen/", views.vacancy_questions, name="vacancy_questions"),
    path("beheer/vragen/", views.overview, name="manage_questions"),
]

en = [
    path("jobs/<slug:slug>/questions/", views.ask, EN, name="ask_question"),
    path("jobs/<slug:slug>/questions/sent/", views.asked, EN, name="question_asked"),
]
