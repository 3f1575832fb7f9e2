from django.urls import path

from plein.policy import views

app_name = "policy"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("cases/<int:pk>/", views.case, name="case"),
    path("decisions/<int:pk>/", views.decision, name="decision"),
    path("log/", views.log, name="log"),
    path("report/post/<int:pk>/", views.report_post, name="report_post"),
    path("report/comment/<int:pk>/", views.report_comment, name="report_comment"),
]
