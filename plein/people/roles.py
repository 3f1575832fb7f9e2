from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Every role a person can have. Employee, flexible worker and alumnus follow from the
    contract and the lifecycle; the others are granted (see PersonRole)."""

    EMPLOYEE = "employee", _("Employee")
    FLEXIBLE = "flexible", _("Flexible worker")
    MANAGER = "manager", _("Manager")
    COMMUNITY_MANAGER = "community_manager", _("Community manager")
    HR = "hr", _("HR / recruiter")
    ADMINISTRATOR = "administrator", _("Administrator")
    # Someone who carries the culture (002): gets a blog in the leaders' corner like a manager.
    CULTURE_CARRIER = "culture_carrier", _("Culture carrier")
    ALUMNUS = "alumnus", _("Alumnus")


GRANTED_ROLES = (
    Role.MANAGER,
    Role.COMMUNITY_MANAGER,
    Role.HR,
    Role.ADMINISTRATOR,
    Role.CULTURE_CARRIER,
)
