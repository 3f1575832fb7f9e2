from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    default = True
    name = "plein.people"
    label = "people"
    verbose_name = _("People")


class PleinAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "plein.people.admin_site.PleinAdminSite"
