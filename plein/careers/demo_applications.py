"""The careers demo's applications, referrals, reward rules and alumni (called by
`plein.careers.demo.load_demo`).

Candidates apply through `submit_application` with a real (small) PDF CV and move through the
pipeline with the transition functions, so every stage has applications, each with its log.
Sources cover every kind: a colleague's link (LinkedIn, WhatsApp, a copied link), a direct
referral, a campaign, another website and the careers site itself. Sanne (the demo employee)
referred several of them, so "Refer someone" shows her their statuses. An alumna applies and is
marked as a returning colleague. No e-mail goes out: candidates' addresses are example.com ones
and their receipts are marked as sent.
"""

import datetime
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from plein.careers.forms_applications import TALENT_POOL_STATEMENT
from plein.careers.models import (
    Application,
    ApplicationErasure,
    Referral,
    RewardRule,
    Stage,
    Vacancy,
)
from plein.careers.services import alumni
from plein.careers.services import applications as application_services
from plein.careers.services import cv as cv_files
from plein.careers.services import referrals as referral_services
from plein.careers.services.attribution import Attribution
from plein.careers.services.links import code_for
from plein.people.models import Person

# name, stage, source ("link:<channel>", "direct", "campaign", "website", "careers"), talent pool
CANDIDATES: list[tuple[str, str, str, bool]] = [
    ("Lotte van Beek", Stage.NEW, "link:linkedin", False),
    ("Daan Smits", Stage.NEW, "campaign", False),
    ("Fatima El Amrani", Stage.NEW, "careers", True),
    ("Ruben Koster", Stage.NEW, "website", False),
    ("Emma de Graaf", Stage.SCREENING, "link:whatsapp", False),
    ("Youssef Bakker", Stage.SCREENING, "campaign", True),
    ("Iris Hendriks", Stage.SCREENING, "careers", False),
    ("Thijs Vermeulen", Stage.INTERVIEW, "direct", False),
    ("Sophie Willems", Stage.INTERVIEW, "website", True),
    ("Milan de Boer", Stage.INTERVIEW, "link:link", False),
    ("Noa Jacobs", Stage.OFFER, "campaign", False),
    ("Jesse van Dam", Stage.OFFER, "link:facebook", False),
    ("Anouk Kramer", Stage.HIRED, "link:linkedin", False),
    ("Lucas Mulder", Stage.HIRED, "careers", False),
    ("Sara Postma", Stage.REJECTED, "careers", True),
    ("Bas Kuipers", Stage.REJECTED, "link:whatsapp", False),
    ("Yara Dijkman", Stage.REJECTED, "campaign", False),
    ("Tim Verhoeven", Stage.REJECTED, "direct", False),
]
REJECTION_REASONS = (
    "Te weinig ervaring met warmtepompen voor deze functie.",
    "Een andere kandidaat past beter bij het team.",
    "Beschikbaarheid sluit niet aan op de gevraagde uren.",
    "Heeft zich teruggetrokken na het eerste gesprek.",
)
MOTIVATIONS = (
    "Ik werk al zes jaar in de installatietechniek en wil graag verder in duurzame energie. "
    "Jullie aanpak spreekt me aan: vakmanschap en aandacht voor de klant.",
    "Na mijn opleiding wil ik graag leren van ervaren collega's. Ik ben nauwkeurig, leergierig "
    "en heb een rijbewijs B.",
    "Ik zoek een werkgever waar ik mijn ervaring in planning en klantcontact kwijt kan. Een "
    "collega vertelde me hoe prettig het bij jullie werken is.",
)
NEXT = {
    Stage.SCREENING: (application_services.start_screening,),
    Stage.INTERVIEW: (
        application_services.start_screening,
        application_services.invite_to_interview,
    ),
    Stage.OFFER: (
        application_services.start_screening,
        application_services.invite_to_interview,
        application_services.make_offer,
    ),
    Stage.HIRED: (
        application_services.start_screening,
        application_services.invite_to_interview,
        application_services.make_offer,
        application_services.hire,
    ),
}


def demo_cv(name: str) -> SimpleUploadedFile:
    text = f"BT /F1 18 Tf 72 720 Td (Curriculum vitae - {name}) Tj ET".encode("latin-1", "replace")
    content = (
        b"%PDF-1.4\n"
        b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >> endobj\n"
        + f"4 0 obj << /Length {len(text)} >> stream\n".encode()
        + text
        + b"\nendstream endobj\n"
        b"5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n"
        b"xref\n0 6\ntrailer << /Size 6 /Root 1 0 R >>\nstartxref\n9\n%%EOF\n"
    )
    return SimpleUploadedFile(f"CV {name}.pdf", content, content_type="application/pdf")


def _attribution(source: str, referrer: Person | None) -> Attribution:
    if source.startswith("link:") and referrer is not None:
        channel = source.split(":", 1)[1]
        return Attribution(
            ref=code_for(referrer),
            utm_source="" if channel == "link" else channel,
            utm_medium="" if channel == "link" else "referral",
        )
    if source == "campaign":
        return Attribution(utm_source="indeed", utm_medium="cpc", utm_campaign="voorjaar-2026")
    if source == "website":
        return Attribution(referrer_host="www.nationalevacaturebank.nl")
    return Attribution()


def remove_applications_data() -> None:
    """Before a demo reset: the CV files (the rows go with their vacancies) and the rules."""
    for path in Application.objects.values_list("cv_path", flat=True).iterator():
        cv_files.remove(path)
    Application.objects.all().delete()
    Referral.objects.all().delete()
    RewardRule.objects.all().delete()
    ApplicationErasure.objects.all().delete()


def load_applications_demo(hr: Person, employee: Person | None, seed: int = 2026) -> str:
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    vacancies = list(Vacancy.objects.open().select_related("hiring_manager").order_by("pk")[:8])
    if not vacancies:
        return "no applications: no open vacancies"
    members = list(Person.objects.members().exclude(pk=hr.pk).order_by("pk")[:50])
    referrers = [p for p in [employee, *rng.sample(members, k=min(3, len(members)))] if p]
    alumna = Person.objects.filter(status=Person.Status.ALUMNUS).order_by("pk").first()
    alumni.sync_alumni_group()
    with translation.override("nl"):
        statement = str(TALENT_POOL_STATEMENT)

    # Direct referrals by Sanne: two of them apply (below), one has not yet.
    for name, email in (
        ("Thijs Vermeulen", "thijs.vermeulen@example.com"),
        ("Tim Verhoeven", "tim.verhoeven@example.com"),
        ("Eva Brouwer", "eva.brouwer@example.com"),
    ):
        if employee is not None:
            referral_services.refer_directly(
                employee,
                vacancies[0],
                name=name,
                email=email,
                reason="Oud-klasgenoot, heel handig en betrouwbaar. Zoekt iets nieuws.",
            )

    made: list[Application] = []
    for index, (name, stage, source, pool) in enumerate(CANDIDATES):
        vacancy = vacancies[0] if source == "direct" else vacancies[index % len(vacancies)]
        referrer = referrers[index % len(referrers)] if referrers else None
        email = name.lower().replace(" ", ".").replace("van.", "van").replace("de.", "de") + (
            "@example.com"
        )
        application = application_services.submit_application(
            vacancy,
            name=name,
            email=email,
            phone=f"06 {rng.randint(10_000_000, 99_999_999)}",
            motivation=rng.choice(MOTIVATIONS),
            cv=demo_cv(name),
            talent_pool=pool,
            talent_pool_statement=statement if pool else "",
            language="nl",
            attribution=_attribution(source, referrer),
        )
        handler = vacancy.hiring_manager if index % 3 == 0 else hr
        if stage == Stage.REJECTED:
            application_services.reject(
                application,
                handler,
                reason=REJECTION_REASONS[index % len(REJECTION_REASONS)],
                tell_candidate=False,
            )
        for move in NEXT.get(Stage(stage), ()):
            move(application, handler)
        made.append(application)

    if alumna is not None:
        returning = application_services.submit_application(
            vacancies[1 % len(vacancies)],
            name=alumna.full_name,
            email=alumna.email,
            phone="",
            motivation="Ik heb hier met veel plezier gewerkt en kom graag terug in deze rol.",
            cv=demo_cv(alumna.full_name),
            talent_pool=False,
            talent_pool_statement="",
            language="nl",
            attribution=Attribution(),
        )
        application_services.start_screening(returning, hr)
        # The alumna refers someone too (alumni can refer).
        application_services.submit_application(
            vacancies[2 % len(vacancies)],
            name="Kees Bosman",
            email="kees.bosman@example.com",
            phone="",
            motivation="Olga tipte me deze vacature; ik heb tien jaar ervaring als monteur.",
            cv=demo_cv("Kees Bosman"),
            talent_pool=False,
            talent_pool_statement="",
            language="nl",
            attribution=Attribution(
                ref=code_for(alumna), utm_source="email", utm_medium="referral"
            ),
        )

    # Nothing goes out to the demo's example.com addresses.
    now = timezone.now()
    Application.objects.update(receipt_sent_at=now)
    Referral.objects.filter(kind=Referral.Kind.DIRECT).update(invitation_sent_at=now)
    # One hire was four months ago, so a reward rule shows a referral that qualifies.
    hired = Referral.objects.filter(status=Referral.Status.HIRED).order_by("pk").first()
    if hired is not None:
        earlier = now - datetime.timedelta(days=120)
        Referral.objects.filter(pk=hired.pk).update(hired_at=earlier)
        if hired.application_id:
            Application.objects.filter(pk=hired.application_id).update(
                closed_at=earlier, stage_changed_at=earlier
            )
    if not RewardRule.objects.exists():
        referral_services.add_reward_rule(hr, name="Aanbrengpremie", amount=750, months_employed=3)
        rule = referral_services.add_reward_rule(
            hr, name="Bonus na de proeftijd", amount=250, months_employed=2
        )
        referral_services.set_reward_rule_active(hr, rule, False)
    return (
        f"{Application.objects.count()} applications in every stage, "
        f"{Referral.objects.count()} referrals, {RewardRule.objects.count()} reward rules"
    )
