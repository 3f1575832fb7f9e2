"""One demo account per role. They sign in with DEMO_PASSWORD; everyone else in the demo has an
unusable password (in real life they would be invited)."""

from dataclasses import dataclass

from plein.people.demo.data import EMAIL_DOMAIN, FIELD, UTRECHT
from plein.people.models import Role

# Documented in the README and printed by `plein up`. It passes the password validators.
DEMO_PASSWORD = "Plein-demo-2026"  # noqa: S105 - public by design, for demo data only


@dataclass(frozen=True)
class DemoPersonSpec:
    mailbox: str
    role: Role
    role_label: str
    can_do: str
    first_name: str
    name_prefix: str
    last_name: str
    department: str  # a DepartmentSpec key
    job_title: str
    team: str
    location: str  # a LocationSpec key
    skills: tuple[str, ...]
    spoken_languages: tuple[str, ...]
    bio: str
    manages_department: bool = False

    @property
    def email(self) -> str:
        return f"{self.mailbox}@{EMAIL_DOMAIN}"


# fmt: off
DEMO_PEOPLE: tuple[DemoPersonSpec, ...] = (
    DemoPersonSpec(
        "medewerker", Role.EMPLOYEE, "Employee",
        "The people directory, colleagues' profiles, and their own profile and photo.",
        "Sanne", "de", "Boer", "service_midden", "Servicemonteur", "Team Utrecht", FIELD,
        ("Warmtepompen", "Cv-ketels", "F-gassen", "Klantgesprekken"), ("nl", "en"),
        "Al acht jaar met de bus door Utrecht en omstreken. Warmtepompen zijn mijn specialiteit; "
        "vraag me gerust hoe je een lastige storing opspoort.",
    ),
    DemoPersonSpec(
        "flex", Role.FLEXIBLE, "Flexible worker",
        "The same as an employee, with access that ends by itself on the contract end date.",
        "Yusuf", "", "Kaya", "service_midden", "Servicemonteur", "Team Amersfoort", FIELD,
        ("Cv-ketels", "Storingsanalyse", "Rijbewijs B"), ("nl", "tr", "en"),
        "Via het uitzendbureau voor een half jaar bij Service Midden. Altijd in voor een "
        "bakje koffie bij de klant.",
    ),
    DemoPersonSpec(
        "manager", Role.MANAGER, "Manager",
        "Leads Service Midden: as an employee, and sees their team on their profile.",
        "Marieke", "van den", "Berg", "service_midden", "Regiomanager Service Midden", "",
        UTRECHT, ("Leidinggeven", "Planning", "Warmtepompen"), ("nl", "en"),
        "Begonnen als monteur, nu regiomanager van zo'n dertig vakmensen in Midden-Nederland. "
        "Mijn deur (en mijn telefoon) staat altijd open.",
        manages_department=True,
    ),
    DemoPersonSpec(
        "community", Role.COMMUNITY_MANAGER, "Community manager",
        "As an employee, and may invite people.",
        "Noor", "", "Hendriks", "marketing", "Communitymanager", "Communicatie", UTRECHT,
        ("Interne communicatie", "Social media", "Copywriting"), ("nl", "en"),
        "Ik breng collega's van kantoor, magazijn en de bus met elkaar in gesprek. "
        "Tip voor een verhaal? Laat het me weten!",
    ),
    DemoPersonSpec(
        "hr", Role.HR, "HR / recruiter",
        "Invites people, imports the HR export, offboards and deactivates people.",
        "Lotte", "", "Jansen", "hr", "Recruiter", "Recruitment", UTRECHT,
        ("Werving & selectie", "LinkedIn Recruiter", "Employer branding"), ("nl", "en"),
        "Ik zoek de monteurs van morgen. Ken jij iemand die bij ons past? Laat het me weten.",
    ),
    DemoPersonSpec(
        "admin", Role.ADMINISTRATOR, "Administrator",
        "Manages the organisation, people and roles, and sets up two-step verification at "
        "first sign-in.",
        "Ruben", "", "Mulder", "ict", "Applicatiebeheerder", "Applicaties", UTRECHT,
        ("AFAS", "Syntess", "Functioneel beheer", "Informatiebeveiliging"), ("nl", "en"),
        "Ik zorg dat AFAS, de planning en Plein met elkaar praten.",
    ),
    DemoPersonSpec(
        "alumnus", Role.ALUMNUS, "Alumnus",
        "A former colleague: keeps their own profile and stays in touch, without internal access.",
        "Jeroen", "", "Kok", "buitendienst", "Accountmanager", "Regio Midden", FIELD,
        ("Accountmanagement", "Onderhandelen", "Warmtepompen"), ("nl", "en", "de"),
        "Zes jaar accountmanager geweest bij Van Dijk, nu zelfstandig adviseur. "
        "Nog altijd fan van de club.",
    ),
)
# fmt: on

# (email, role, what this account can do): listed in the README, printed by `plein up`.
DEMO_ACCOUNTS: list[tuple[str, str, str]] = [
    (spec.email, spec.role_label, spec.can_do) for spec in DEMO_PEOPLE
]
