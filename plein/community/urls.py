from django.urls import path

from plein.community import views

app_name = "community"

urlpatterns = [
    path("groups/<int:pk>/", views.group_by_id, name="group_by_id"),
    path("topics/<slug:slug>/", views.topic, name="topic"),
]
