from django.urls import path

from plein.privacy import views

app_name = "privacy"

urlpatterns = [
    path("", views.home, name="home"),
    path("export/", views.request_export, name="request_export"),
    path("exports/<uuid:public_id>/", views.download_export, name="download_export"),
    path("consents/<int:pk>/withdraw/", views.withdraw_consent, name="withdraw_consent"),
    path("erase/", views.erase, name="erase"),
    path("requests/", views.requests, name="requests"),
    path("audit/", views.audit, name="audit"),
]
