from django.urls import path

from plein.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("bell/", views.bell, name="bell"),
    path("<int:pk>/open/", views.open_notification, name="open"),
    path("read-all/", views.mark_all_read, name="read_all"),
    path("settings/", views.notification_settings, name="settings"),
    path("groups/<int:pk>/", views.group_notifications, name="group"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
