from django.urls import path

app_name = "polls"

urlpatterns: list = []
