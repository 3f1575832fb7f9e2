from django.urls import path

from plein.questions import views

app_name = "questions"

urlpatterns = [
    path("", views.question_list, name="list"),
    path("ask/", views.ask, name="ask"),
    path("similar/", views.similar, name="similar"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/answer/", views.answer, name="answer"),
    path("<int:pk>/unaccept/", views.unaccept, name="unaccept"),
    path("answers/<int:pk>/edit/", views.edit_answer, name="edit_answer"),
    path("answers/<int:pk>/delete/", views.delete_answer, name="delete_answer"),
    path("answers/<int:pk>/vote/", views.vote, name="vote"),
    path("answers/<int:pk>/accept/", views.accept, name="accept"),
]
