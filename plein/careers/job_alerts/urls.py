"""Job alerts' addresses, added to the careers URLconfs (Dutch in `nl`, English in `en`)."""

from django.urls import path

from plein.careers.job_alerts import views

NL = {"language": "nl"}
EN = {"language": "en"}

nl = [
    path("vacaturemelding/", views.subscribe, NL, name="job_alerts"),
    path("vacaturemelding/aangevraagd/", views.requested, NL, name="job_alert_requested"),
    path("vacaturemelding/bevestigen/<str:token>/", views.confirm, NL, name="job_alert_confirm"),
    path(
        "vacaturemelding/afmelden/<str:token>/", views.unsubscribe, NL, name="job_alert_unsubscribe"
    ),
]

en = [
    path("job-alerts/", views.subscribe, EN, name="job_alerts"),
    path("job-alerts/requested/", views.requested, EN, name="job_alert_requested"),
    path("job-alerts/confirm/<str:token>/", views.confirm, EN, name="job_alert_confirm"),
    path(
        "job-alerts/unsubscribe/<str:token>/", views.unsubscribe, EN, name="job_alert_unsubscribe"
    ),
]
