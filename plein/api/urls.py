from django.urls import include, path

from plein.api import views
from plein.api.api import api

# Two namespaces: "api-v1" for the JSON API (django-ninja reverses its own names in it) and
# "api" for the token pages.
token_patterns = (
    [
        path("", views.tokens, name="tokens"),
        path("<int:pk>/revoke/", views.revoke, name="revoke_token"),
    ],
    "api",
)

urlpatterns = [
    path("v1/", api.urls),
    path("tokens/", include(token_patterns)),
]
