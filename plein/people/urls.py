from django.urls import path

from plein.people import views, views_import

app_name = "people"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("<int:pk>/", views.profile, name="profile"),
    path("me/edit/", views.edit_profile, name="edit_profile"),
    path("photo/<str:name>", views.photo, name="photo"),
    path("language/", views.set_language, name="set_language"),
    path("invite/", views.invite, name="invite"),
    path("<int:pk>/invite/", views.resend_invitation, name="resend_invitation"),
    path("<int:pk>/offboard/", views.offboard, name="offboard"),
    path("<int:pk>/deactivate/", views.deactivate, name="deactivate"),
    path("<int:pk>/reactivate/", views.reactivate, name="reactivate"),
    path("<int:pk>/roles/", views.roles, name="roles"),
    path(
        "invitation/<uuid:public_id>/<str:token>/",
        views.accept_invitation,
        name="accept_invitation",
    ),
    path("import/", views_import.import_people, name="import"),
    path("import/template.csv", views_import.import_template, name="import_template"),
    path("organisation/", views.organisation_settings, name="organisation"),
    path("organisation/logo", views.logo, name="logo"),
]
