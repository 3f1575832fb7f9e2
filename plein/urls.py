from django.contrib import admin
from django.urls import include, path

from plein.careers.views import machine as careers_machine
from plein.community.views import feeds as community_feeds
from plein.core import views as core_views

urlpatterns = [
    path("", community_feeds.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("people/", include("plein.people.urls")),
    path("", include("plein.community.urls")),
    path("notifications/", include("plein.notifications.urls")),
    path("search/", include("plein.search.urls")),
    path("articles/", include("plein.articles.urls")),
    path("questions/", include("plein.questions.urls")),
    path("announcements/", include("plein.announcements.urls")),
    path("polls/", include("plein.polls.urls")),
    path("privacy/", include("plein.privacy.urls")),
    path("", include("plein.policy.urls")),  # /policy/ and /moderation/
    path("werken-bij/", include("plein.careers.urls")),
    path("careers/", include("plein.careers.urls_en")),
    path("sitemap.xml", careers_machine.sitemap, name="sitemap"),
    path("accounts/", include("allauth.urls")),
    path("api/", include("plein.api.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "plein.core.views.error_403"
handler404 = "plein.core.views.error_404"
handler500 = "plein.core.views.error_500"
