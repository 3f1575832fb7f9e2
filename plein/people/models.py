import secrets
import uuid

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from plein.people.permissions import Perm, can
from plein.people.roles import GRANTED_ROLES, Role


class Department(models.Model):
    """A node in the organisation tree. `path` holds the ids from the root down ("3/17/42/") so a
    whole subtree is one indexed prefix query; services keep it in step with `parent`."""

    name = models.CharField(_("name"), max_length=120)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    code = models.CharField(
        _("code"), max_length=40, blank=True, help_text=_("Code in the HR system")
    )

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"), "parent", name="department_unique_name_per_parent"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return self.path.count("/") - 1


class Location(models.Model):
    class Kind(models.TextChoices):
        HEAD_OFFICE = "head_office", _("Head office")
        REGIONAL_OFFICE = "regional_office", _("Regional office")
        SITE = "site", _("Site")
        FIELD = "field", _("Field work")
        REMOTE = "remote", _("Remote")

    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SITE)
    city = models.CharField(_("city"), max_length=120, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="location_unique_name")]

    def __str__(self) -> str:
        return self.name


class Skill(models.Model):
    name = models.CharField(_("name"), max_length=80)

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="skill_unique_name")]

    def __str__(self) -> str:
        return self.name


SPOKEN_LANGUAGES = [
    ("nl", _("Dutch")),
    ("en", _("English")),
    ("de", _("German")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("pl", _("Polish")),
    ("tr", _("Turkish")),
    ("ar", _("Arabic")),
    ("uk", _("Ukrainian")),
    ("pt", _("Portuguese")),
    ("fy", _("Frisian")),
    ("pap", _("Papiamento")),
]


class PersonQuerySet(models.QuerySet["Person"]):
    def members(self) -> "PersonQuerySet":
        """People who are part of the internal community today."""
        today = timezone.localdate()
        return self.filter(status=Person.Status.ACTIVE).exclude(
            contract_type=Person.ContractType.FLEXIBLE, end_date__lt=today
        )

    def for_directory(self) -> "PersonQuerySet":
        return (
            self.members()
            .select_related("department", "location")
            .order_by("last_name", "first_name", "id")
        )

    def visible_to(self, viewer: "Person") -> "PersonQuerySet":
        if can(viewer, Perm.MANAGE_PEOPLE):
            return self.all()
        if can(viewer, Perm.VIEW_INTERNAL):
            return self.filter(
                Q(pk=viewer.pk) | Q(pk__in=self.model.objects.members().values("pk"))
            )
        return self.filter(pk=viewer.pk)

    def matching(self, text: str) -> "PersonQuerySet":
        """Name, job title, team or skill containing each word of the text."""
        queryset = self
        for word in text.split()[:6]:
            has_skill = Person.skills.through.objects.filter(
                person_id=models.OuterRef("pk"), skill__name__icontains=word
            )
            queryset = queryset.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(name_prefix__icontains=word)
                | Q(job_title__icontains=word)
                | Q(team__icontains=word)
                | models.Exists(has_skill)
            )
        return queryset

    def in_department_tree(self, department: "Department") -> "PersonQuerySet":
        return self.filter(department__path__startswith=department.path)

    def with_skill(self, name: str) -> "PersonQuerySet":
        has_skill = Person.skills.through.objects.filter(
            person_id=models.OuterRef("pk"), skill__name__iexact=name.strip()
        )
        return self.filter(models.Exists(has_skill))

    def after(self, cursor: tuple[str, str, int] | None) -> "PersonQuerySet":
        """Keyset pagination in directory order: the people after the given one."""
        if cursor is None:
            return self
        last_name, first_name, pk = cursor
        return self.filter(
            Q(last_name__gt=last_name)
            | Q(last_name=last_name, first_name__gt=first_name)
            | Q(last_name=last_name, first_name=first_name, id__gt=pk)
        )


class PersonManager(BaseUserManager["Person"]):
    def get_queryset(self) -> PersonQuerySet:
        return PersonQuerySet(self.model, using=self._db)

    def members(self) -> PersonQuerySet:
        return self.get_queryset().members()

    def for_directory(self) -> PersonQuerySet:
        return self.get_queryset().for_directory()

    def visible_to(self, viewer: "Person") -> PersonQuerySet:
        """Whose profile the viewer may open: members for members; everyone for people managers;
        oneself always."""
        return self.get_queryset().visible_to(viewer)

    def get_by_natural_key(self, username: str | None) -> "Person":
        return self.get(email__iexact=username)

    def create_user(self, email: str, password: str | None = None, **fields: object) -> "Person":
        person = self.model(email=self.normalize_email(email).lower(), **fields)
        person.set_password(password)
        person.save(using=self._db)
        return person


def new_session_token() -> str:
    return secrets.token_hex(16)


def photo_path(person: "Person", filename: str) -> str:
    # The name is random: a photo's URL must not be guessable from the person.
    return f"people/photos/{uuid.uuid4().hex}.jpg"


class Person(AbstractBaseUser):
    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACTIVE = "active", _("Active")
        ALUMNUS = "alumnus", _("Alumnus")
        DEACTIVATED = "deactivated", _("Deactivated")

    class ContractType(models.TextChoices):
        PERMANENT = "permanent", _("Permanent")
        FLEXIBLE = "flexible", _("Flexible / external")

    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    first_name = models.CharField(_("first name"), max_length=80)
    name_prefix = models.CharField(
        _("name prefix"), max_length=20, blank=True, help_text=_("For example “van der”")
    )
    last_name = models.CharField(_("last name"), max_length=120)
    employee_number = models.CharField(
        _("employee number"), max_length=40, null=True, blank=True, unique=True
    )
    # The identifier of this person in the identity provider (SCIM / SSO).
    external_id = models.CharField(max_length=255, null=True, blank=True, unique=True)

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.INVITED, db_index=True
    )
    contract_type = models.CharField(
        _("contract type"),
        max_length=20,
        choices=ContractType.choices,
        default=ContractType.PERMANENT,
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        help_text=_("For flexible workers, access ends at the end of this day."),
    )

    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    team = models.CharField(_("team"), max_length=120, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    location = models.ForeignKey(
        Location,
        verbose_name=_("location"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    manager = models.ForeignKey(
        "self",
        verbose_name=_("manager"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    skills = models.ManyToManyField(
        Skill, verbose_name=_("skills"), blank=True, related_name="people"
    )
    spoken_languages = models.JSONField(_("languages"), default=list, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    bio = models.TextField(_("about me"), max_length=1000, blank=True)
    # Indexed: the photo view finds the owner (and so who may see it) by the file name.
    photo = models.ImageField(_("photo"), upload_to=photo_path, blank=True, db_index=True)

    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    # Part of the session hash: changing it ends every session of this person at once.
    session_token = models.CharField(max_length=32, default=new_session_token, editable=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    offboarded_at = models.DateTimeField(null=True, blank=True)
    # Set by plein.privacy's erasure: the row stays (comments in others' threads keep their
    # author) but every personal field is emptied and the name reads "former colleague".
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = PersonManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="person_end_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["last_name", "first_name", "id"], name="person_directory_order"),
            models.Index(fields=["contract_type", "end_date"], name="person_contract_end"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        name = " ".join(
            part for part in (self.first_name, self.name_prefix, self.last_name) if part
        )
        # Erasure empties the name (plein.privacy); reading erased_at here would cost a query
        # per person wherever people are loaded with .only() their names.
        return name or str(_("former colleague"))

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.first_name

    @property
    def photo_url(self) -> str:
        if not self.photo:
            return ""
        return reverse("people:photo", kwargs={"name": str(self.photo.name).rsplit("/", 1)[-1]})

    @property
    def spoken_language_names(self) -> list[str]:
        names = dict(SPOKEN_LANGUAGES)
        return [str(names.get(code, code)) for code in self.spoken_languages]

    @property
    def initials(self) -> str:
        return ((self.first_name[:1] or "") + (self.last_name[:1] or "")).upper() or "?"

    @property
    def access_expired(self) -> bool:
        return (
            self.contract_type == self.ContractType.FLEXIBLE
            and self.end_date is not None
            and self.end_date < timezone.localdate()
        )

    @property
    def is_active(self) -> bool:  # type: ignore[override]
        """May sign in. Alumni may (their own spaces come later); others only while active."""
        if self.status == self.Status.ALUMNUS:
            return True
        return self.status == self.Status.ACTIVE and not self.access_expired

    @property
    def is_alumnus(self) -> bool:
        return self.status == self.Status.ALUMNUS

    @property
    def is_member(self) -> bool:
        """Part of the internal community: may see internal content."""
        return self.status == self.Status.ACTIVE and not self.access_expired

    def get_session_auth_hash(self) -> str:
        # Django checks this hash on every request; the session token makes "end all sessions"
        # a single column update.
        return salted_hmac(
            "plein.people.Person.session",
            f"{self.password}:{self.session_token}",
            algorithm="sha256",
        ).hexdigest()

    @cached_property
    def granted_role_names(self) -> frozenset[str]:
        return frozenset(self.granted_roles.values_list("role", flat=True))

    @property
    def roles(self) -> list[Role]:
        """Every role this person has now, the base role first."""
        if self.status == self.Status.ALUMNUS:
            return [Role.ALUMNUS]
        base = Role.FLEXIBLE if self.contract_type == self.ContractType.FLEXIBLE else Role.EMPLOYEE
        return [base, *(role for role in GRANTED_ROLES if role.value in self.granted_role_names)]

    # The Django admin asks these; only administrators reach it (see plein.core.admin).
    @property
    def is_staff(self) -> bool:
        return self.is_member and Role.ADMINISTRATOR.value in self.granted_role_names

    @property
    def is_superuser(self) -> bool:
        return self.is_staff

    def has_perm(self, perm: str, obj: object = None) -> bool:
        return self.is_staff

    def has_perms(self, perm_list: object, obj: object = None) -> bool:
        return self.is_staff

    def has_module_perms(self, app_label: str) -> bool:
        return self.is_staff


class PersonRole(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="granted_roles")
    role = models.CharField(max_length=32, choices=[(r.value, r.label) for r in GRANTED_ROLES])
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "role"], name="person_role_once"),
        ]
        indexes = [models.Index(fields=["role", "person"], name="person_role_by_role")]

    def __str__(self) -> str:
        return f"{self.person_id}:{self.role}"


class Invitation(models.Model):
    """A single-use invitation link. The token itself is never stored: it is an HMAC of the
    public id under the secret key, so the worker can rebuild the link and the database alone
    reveals nothing."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="invitations")
    invited_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # Set in the same transaction that hands the message to the mail server; the task checks it
    # first, so a task that runs twice sends once.
    email_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["person", "created_at"], name="invitation_by_person")]

    def __str__(self) -> str:
        return str(self.public_id)

    @property
    def is_usable(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )
