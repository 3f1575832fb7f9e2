"""The public careers site: vacancies, the employer story, its videos, and community posts that
their authors agreed to show in public.

A vacancy's life is an explicit state (draft → published → closed → filled) changed only by the
functions in `services.vacancies`. Whether a published vacancy is *open* also depends on the
calendar (its publication and closing dates), so "open" is a queryset method, not a state.

Later slices hang off these models: candidate questions, applications, referrals and job alerts
point at a `Vacancy`; the consent records here are the pattern for theirs.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from plein.community.models import Post
from plein.people.models import Person


def today() -> datetime.date:
    return timezone.localdate()


class Workplace(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    HYBRID = "hybrid", _("Hybrid")
    REMOTE = "remote", _("Remote")


class ContractType(models.TextChoices):
    PERMANENT = "permanent", _("Permanent contract")
    FIXED_TERM = "fixed_term", _("Fixed-term contract")
    APPRENTICESHIP = "apprenticeship", _("Work-study (BBL)")
    INTERNSHIP = "internship", _("Internship")
    FREELANCE = "freelance", _("Freelance")


class SalaryPeriod(models.TextChoices):
    MONTH = "month", _("per month")
    YEAR = "year", _("per year")


# Sanity bounds per period: a monthly amount of 45,000 is almost always a yearly one.
SALARY_BOUNDS = {SalaryPeriod.MONTH: (100, 50_000), SalaryPeriod.YEAR: (1_000, 1_000_000)}
MAX_HOURS_PER_WEEK = 60


# What the public pages show of a person and of a vacancy.
PERSON_CARD_FIELDS = ("first_name", "name_prefix", "last_name", "job_title", "email", "photo")
PUBLIC_PAGE_FIELDS = (
    "slug",
    "state",
    "title_nl",
    "title_en",
    "description_html_nl",
    "description_html_en",
    "department",
    "workplace",
    "location",
    "hours_min",
    "hours_max",
    "salary_min",
    "salary_max",
    "salary_period",
    "contract_type",
    "publish_on",
    "closes_on",
    "recruiter",
    "hiring_manager",
    "updated_at",
)


class VacancyQuerySet(models.QuerySet["Vacancy"]):
    def open(self, on: datetime.date | None = None) -> "VacancyQuerySet":
        """What the public sees: published, its publication date reached, not yet past its
        closing date (the closing date is the last day to apply)."""
        day = on or today()
        return self.filter(state=Vacancy.State.PUBLISHED, publish_on__lte=day, closes_on__gte=day)

    def public(self, on: datetime.date | None = None) -> "VacancyQuerySet":
        """Vacancies with a public page: open ones, and published-then-closed or filled ones
        (whose page says so). Drafts and scheduled ones are not there at all."""
        day = on or today()
        return self.filter(
            Q(state__in=[Vacancy.State.CLOSED, Vacancy.State.FILLED])
            | Q(state=Vacancy.State.PUBLISHED, publish_on__lte=day)
        ).exclude(published_at__isnull=True)

    def for_listing(self) -> "VacancyQuerySet":
        return self.select_related("department", "location").order_by("-publish_on", "-id")

    def for_page(self) -> "VacancyQuerySet":
        return self.select_related(
            "department", "location", "recruiter", "hiring_manager", "hiring_manager__department"
        )

    def for_public_page(self) -> "VacancyQuerySet":
        """Only what the public page shows: fewer columns, a cheaper query on the hot path."""
        return self.select_related("department", "location", "recruiter", "hiring_manager").only(
            *PUBLIC_PAGE_FIELDS,
            "department__name",
            "location__name",
            "location__city",
            "location__address",
            *(f"recruiter__{name}" for name in PERSON_CARD_FIELDS),
            *(f"hiring_manager__{name}" for name in PERSON_CARD_FIELDS),
        )

    def matching(self, text: str) -> "VacancyQuerySet":
        """Each word in the title or the description, in either language. A plain substring
        search: there are at most a few hundred vacancies."""
        queryset = self
        for word in text.split()[:6]:
            queryset = queryset.filter(
                Q(title_nl__icontains=word)
                | Q(title_en__icontains=word)
                | Q(description_nl__icontains=word)
                | Q(description_en__icontains=word)
            )
        return queryset

    def with_hours_between(self, low: int, high: int) -> "VacancyQuerySet":
        """Vacancies whose hours range overlaps [low, high]."""
        return self.filter(hours_min__lte=high, hours_max__gte=low)


class Vacancy(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")
        FILLED = "filled", _("Filled")

    slug = models.SlugField(max_length=100, unique=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.DRAFT, editable=False
    )

    title_nl = models.CharField(_("title (Dutch)"), max_length=120)
    title_en = models.CharField(_("title (English)"), max_length=120, blank=True)
    description_nl = models.TextField(
        _("description (Dutch)"),
        help_text=_(
            "What the job is, what you offer and what you ask. Markdown: **bold**, *italic*, "
            "lists with - and links."
        ),
    )
    description_en = models.TextField(_("description (English)"), blank=True)
    # Sanitised HTML made from the Markdown by the content gate (services keep them in step).
    description_html_nl = models.TextField(editable=False, default="")
    description_html_en = models.TextField(editable=False, default="")

    department = models.ForeignKey(
        "people.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="vacancies",
    )
    workplace = models.CharField(
        _("where the work is done"),
        max_length=10,
        choices=Workplace.choices,
        default=Workplace.ON_SITE,
    )
    location = models.ForeignKey(
        "people.Location",
        verbose_name=_("location"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="vacancies",
    )
    hours_min = models.PositiveSmallIntegerField(_("minimum hours per week"))
    hours_max = models.PositiveSmallIntegerField(_("maximum hours per week"))
    salary_min = models.PositiveIntegerField(_("lowest salary (euros)"))
    salary_max = models.PositiveIntegerField(_("highest salary (euros)"))
    salary_period = models.CharField(
        _("salary per"), max_length=5, choices=SalaryPeriod.choices, default=SalaryPeriod.MONTH
    )
    contract_type = models.CharField(
        _("contract"), max_length=16, choices=ContractType.choices, default=ContractType.PERMANENT
    )
    publish_on = models.DateField(
        _("publication date"), help_text=_("The vacancy is visible from this day.")
    )
    closes_on = models.DateField(
        _("closing date"), help_text=_("The last day on which people can apply.")
    )
    recruiter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recruiter"),
        on_delete=models.PROTECT,
        related_name="recruited_vacancies",
    )
    hiring_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hiring manager"),
        on_delete=models.PROTECT,
        related_name="managed_vacancies",
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Bumped by every service that changes what the public page shows (its ETag follows it).
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    filled_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = VacancyQuerySet.as_manager()

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        indexes = [
            models.Index(fields=["state", "publish_on", "closes_on"], name="vacancy_open"),
            models.Index(fields=["department", "state"], name="vacancy_by_department"),
            models.Index(fields=["location", "state"], name="vacancy_by_location"),
            models.Index(fields=["state", "-updated_at"], name="vacancy_by_state"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_min__gt=0) & Q(salary_max__gte=models.F("salary_min")),
                name="vacancy_salary_range",
            ),
            models.CheckConstraint(
                condition=Q(hours_min__gt=0) & Q(hours_max__gte=models.F("hours_min")),
                name="vacancy_hours_range",
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("publish_on")),
                name="vacancy_closes_after_publication",
            ),
            models.CheckConstraint(
                condition=Q(workplace=Workplace.REMOTE) | Q(location__isnull=False),
                name="vacancy_location_unless_remote",
            ),
        ]

    def __str__(self) -> str:
        return self.title_nl

    def clean(self) -> None:
        """The rules a vacancy always keeps, whoever writes it (form, service, demo, API)."""
        errors: dict[str, list[str]] = {}

        def add(field: str, message: str) -> None:
            errors.setdefault(field, []).append(message)

        if self.salary_min is not None and self.salary_max is not None:
            if self.salary_max < self.salary_min:
                add("salary_max", str(_("The highest salary must be at least the lowest salary.")))
            low, high = SALARY_BOUNDS.get(self.salary_period, (1, 10**9))  # type: ignore[call-overload]
            if not low <= self.salary_min <= high or not low <= self.salary_max <= high:
                add(
                    "salary_min",
                    str(
                        _(
                            "Salaries %(period)s lie between €%(low)s and €%(high)s. Check the "
                            "amounts and whether they are per month or per year."
                        )
                        % {
                            "period": self.get_salary_period_display(),
                            "low": formats.number_format(low, force_grouping=True),
                            "high": formats.number_format(high, force_grouping=True),
                        }
                    ),
                )
        if self.hours_min is not None and self.hours_max is not None:
            if self.hours_max < self.hours_min:
                add("hours_max", str(_("The maximum hours must be at least the minimum hours.")))
            if self.hours_min < 1 or self.hours_max > MAX_HOURS_PER_WEEK:
                add(
                    "hours_min",
                    str(
                        _("Hours per week lie between 1 and %(max)d.") % {"max": MAX_HOURS_PER_WEEK}
                    ),
                )
        if self.publish_on and self.closes_on and self.closes_on < self.publish_on:
            add("closes_on", str(_("The closing date must be on or after the publication date.")))
        if self.workplace != Workplace.REMOTE and self.location_id is None:
            add(
                "location",
                str(_("Choose a location, or choose “Remote” if the work can be done anywhere.")),
            )
        if bool(self.title_en.strip()) != bool(self.description_en.strip()):
            field = "description_en" if self.title_en.strip() else "title_en"
            add(
                field,
                str(
                    _(
                        "Give the English version both a title and a description, or leave "
                        "both empty."
                    )
                ),
            )
        if errors:
            raise ValidationError(errors)

    # --- Language ---------------------------------------------------------------------------

    @property
    def has_english(self) -> bool:
        return bool(self.title_en and self.description_html_en)

    def content_language(self, language: str) -> str:
        """The language the text is shown in: English only when there is an English version."""
        return "en" if language == "en" and self.has_english else "nl"

    def title_in(self, language: str) -> str:
        return self.title_en if self.content_language(language) == "en" else self.title_nl

    def description_html_in(self, language: str) -> str:
        if self.content_language(language) == "en":
            return self.description_html_en
        return self.description_html_nl

    # --- State and presentation -------------------------------------------------------------

    def is_open(self, on: datetime.date | None = None) -> bool:
        day = on or today()
        return self.state == self.State.PUBLISHED and self.publish_on <= day <= self.closes_on

    @property
    def reference(self) -> str:
        return f"VAC-{self.pk}"

    @property
    def hours_label(self) -> str:
        if self.hours_min == self.hours_max:
            return ngettext(
                "%(count)d hour per week", "%(count)d hours per week", self.hours_max
            ) % {"count": self.hours_max}
        return str(
            _("%(min)d to %(max)d hours per week") % {"min": self.hours_min, "max": self.hours_max}
        )

    @property
    def salary_label(self) -> str:
        values = {
            "min": formats.number_format(self.salary_min, force_grouping=True),
            "max": formats.number_format(self.salary_max, force_grouping=True),
        }
        if self.salary_period == SalaryPeriod.YEAR:
            if self.salary_min == self.salary_max:
                return str(_("€%(min)s gross per year") % values)
            return str(_("€%(min)s to €%(max)s gross per year") % values)
        if self.salary_min == self.salary_max:
            return str(_("€%(min)s gross per month") % values)
        return str(_("€%(min)s to €%(max)s gross per month") % values)

    @property
    def place_label(self) -> str:
        """Where: the location's city (or name), or remote, with hybrid said out loud."""
        place = (self.location.city or self.location.name) if self.location else ""
        if self.workplace == Workplace.REMOTE:
            return str(_("Remote"))
        if self.workplace == Workplace.HYBRID:
            return str(_("%(place)s (hybrid)") % {"place": place})
        return place


class VacancyTransition(models.Model):
    """Who moved a vacancy from one state to another, and when (time-to-fill reads these)."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=10, choices=Vacancy.State.choices)
    to_state = models.CharField(max_length=10, choices=Vacancy.State.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["vacancy", "at"], name="vacancy_transition_by_vacancy")]

    def __str__(self) -> str:
        return f"{self.vacancy_id}: {self.from_state} → {self.to_state}"


class FutureColleagueQuerySet(models.QuerySet["FutureColleague"]):
    def shown(self) -> "FutureColleagueQuerySet":
        """Volunteers who are still part of the organisation (a leaver disappears at once)."""
        return self.filter(person__status=Person.Status.ACTIVE).exclude(
            person__contract_type=Person.ContractType.FLEXIBLE,
            person__end_date__lt=today(),
        )

    def for_public_page(self) -> "FutureColleagueQuerySet":
        return (
            self.select_related("person", "person__department")
            .only(
                "vacancy_id",
                "created_at",
                *(f"person__{name}" for name in PERSON_CARD_FIELDS),
                "person__department__name",
            )
            .order_by("created_at", "id")
        )


class FutureColleague(models.Model):
    """A member who volunteered to be shown on a vacancy's public page (name, function, photo)
    as a future colleague candidates can talk to. The row is their consent; withdrawing deletes
    it."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="colleagues")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="volunteered_for"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = FutureColleagueQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "person"], name="future_colleague_once")
        ]
        indexes = [models.Index(fields=["person", "vacancy"], name="future_colleague_by_person")]

    def __str__(self) -> str:
        return f"{self.person_id}@{self.vacancy_id}"


class EmployerStory(models.Model):
    """ "Who we are": the organisation's story for candidates, edited by HR. One row."""

    intro_nl = models.CharField(_("introduction (Dutch)"), max_length=300)
    intro_en = models.CharField(_("introduction (English)"), max_length=300, blank=True)
    body_nl = models.TextField(_("our story (Dutch)"))
    body_en = models.TextField(_("our story (English)"), blank=True)
    body_html_nl = models.TextField(editable=False, default="")
    body_html_en = models.TextField(editable=False, default="")
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("employer story")
        verbose_name_plural = _("employer story")

    def __str__(self) -> str:
        return self.intro_nl

    @classmethod
    def current(cls) -> "EmployerStory | None":
        return cls.objects.filter(pk=1).first()

    def content_language(self, language: str) -> str:
        return "en" if language == "en" and self.body_html_en else "nl"

    def intro_in(self, language: str) -> str:
        if self.content_language(language) == "en":
            return self.intro_en or self.intro_nl
        return self.intro_nl

    def body_html_in(self, language: str) -> str:
        return self.body_html_en if self.content_language(language) == "en" else self.body_html_nl


class CareersVideo(models.Model):
    """A "werken bij" video on the careers home page: a YouTube or Vimeo link, shown as a
    player that loads nothing from the video site until the visitor clicks."""

    url = models.URLField(_("link to the video"), max_length=300)
    title_nl = models.CharField(_("title (Dutch)"), max_length=120)
    title_en = models.CharField(_("title (English)"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title_nl

    def title_in(self, language: str) -> str:
        return self.title_en if language == "en" and self.title_en else self.title_nl


class CareersStoryQuerySet(models.QuerySet["CareersStory"]):
    def on_site(self) -> "CareersStoryQuerySet":
        """Stories the public sees: the author agreed and has not withdrawn, HR shows it, the
        post still exists and was not edited after the author agreed, and the author is still
        with the organisation."""
        unchanged = Post.objects.filter(pk=OuterRef("post_id"), deleted_at__isnull=True).filter(
            Q(edited_at__isnull=True) | Q(edited_at__lte=OuterRef("consented_at"))
        )
        return (
            self.filter(state=CareersStory.State.PUBLISHED, consented_at__isnull=False)
            .filter(Exists(unchanged))
            .filter(post__author__status=Person.Status.ACTIVE)
            .exclude(
                post__author__contract_type=Person.ContractType.FLEXIBLE,
                post__author__end_date__lt=today(),
            )
        )


class CareersStory(models.Model):
    """A community post shown on the careers site. HR chooses it and asks the author; it goes
    public only once the author agrees (an explicit consent, recorded in `StoryConsent`), and the
    author can withdraw at any time.

    requested → published (author agrees) | declined (author says no)
    published ⇄ hidden (HR); published/hidden → withdrawn (author); declined/withdrawn →
    published (the author changes their mind).
    """

    class State(models.TextChoices):
        REQUESTED = "requested", _("Waiting for the author")
        PUBLISHED = "published", _("On the careers site")
        HIDDEN = "hidden", _("Hidden by HR")
        DECLINED = "declined", _("Declined by the author")
        WITHDRAWN = "withdrawn", _("Withdrawn by the author")

    post = models.OneToOneField(
        "community.Post", on_delete=models.CASCADE, related_name="careers_story"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.REQUESTED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    # The consent in force (copied from the latest StoryConsent that gave it).
    consented_at = models.DateTimeField(null=True, blank=True)
    # The text as the author agreed to show it: public HTML without internal links.
    text_html = models.TextField(default="", blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = CareersStoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("careers story")
        verbose_name_plural = _("careers stories")
        indexes = [models.Index(fields=["state", "-consented_at"], name="careers_story_on_site")]

    def __str__(self) -> str:
        return f"story of post {self.post_id}"


class StoryConsent(models.Model):
    """The author's own answer, with the exact statement they were shown. Append-only."""

    class Answer(models.TextChoices):
        GIVEN = "given", _("Agreed")
        REFUSED = "refused", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrew")

    story = models.ForeignKey(CareersStory, on_delete=models.CASCADE, related_name="consents")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="story_consents"
    )
    answer = models.CharField(max_length=10, choices=Answer.choices)
    statement = models.TextField()
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["story", "at"], name="story_consent_by_story")]

    def __str__(self) -> str:
        return f"{self.person_id} {self.answer} {self.story_id}"


def public_people() -> models.QuerySet[Person]:
    """People whose name, function and photo the careers site shows: volunteers on open
    vacancies and authors of stories on the site."""
    volunteering = FutureColleague.objects.filter(
        person=OuterRef("pk"), vacancy__in=Vacancy.objects.open()
    )
    telling = CareersStory.objects.on_site().filter(post__author=OuterRef("pk"))
    return Person.objects.filter(Exists(volunteering) | Exists(telling))


# --- Candidate questions and job alerts (their own packages; imported here so Django sees
# their models as the careers app's) ------------------------------------------------------------
from plein.careers.candidate_questions.models import (  # noqa: E402, F401
    CandidateAnswer,
    CandidateQuestion,
)
from plein.careers.job_alerts.models import (  # noqa: E402, F401
    JobAlert,
    JobAlertDelivery,
    VacancyAlertRun,
)

# --- Applications and referrals (models/applications.py, models/referrals.py) -------------------
from plein.careers.models.applications import (  # noqa: E402, F401
    Application,
    ApplicationErasure,
    ApplicationEvent,
    Stage,
)
from plein.careers.models.referrals import (  # noqa: E402, F401
    Referral,
    ReferralCode,
    RewardRule,
)
