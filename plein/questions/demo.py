"""Questions and answers for the demo organisation (Van Dijk Installatietechniek): what monteurs,
planners, the warehouse and the office ask each other, and how colleagues answer.

Load the people and community demos first. Everything is written through the questions
services (the gate, the search index, the notifications), then dated back over the last weeks
so the lists read naturally. Idempotent: nothing happens when questions exist. The texts are
content of the organisation itself, so they are Dutch and not translated.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from plein.community.models import Group, Membership, Post
from plein.community.services import groups as group_services
from plein.people.demo.data import EMAIL_DOMAIN
from plein.people.models import Department, Person
from plein.questions import indexing, services
from plein.questions.models import Answer, Question


@dataclass(frozen=True)
class Who:
    """A demo account by mailbox ("medewerker"), or the first active person (by e-mail) with
    one of these job titles, in these departments (with their sub-departments) if given."""

    mailbox: str = ""
    titles: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoAnswer:
    author: Who
    text: str
    after_minutes: int
    votes: int = 0
    accepted: bool = False


@dataclass(frozen=True)
class DemoQuestion:
    asker: Who
    title: str
    details: str
    days_ago: int
    hour: int
    group: str = ""  # a group's name; "" organisation-wide
    topics: tuple[str, ...] = ()
    answers: tuple[DemoAnswer, ...] = ()


SANNE = Who("medewerker")
YUSUF = Who("flex")
MARIEKE = Who("manager")
NOOR = Who("community")
LOTTE = Who("hr")
RUBEN = Who("admin")
MONTEUR_NOORD = Who(titles=("Storingsmonteur", "Servicemonteur"), departments=("Service Noord",))
MONTEUR_MIDDEN = Who(titles=("Eerste servicemonteur",), departments=("Service Midden",))
MONTEUR_WEST = Who(titles=("Storingsmonteur", "Servicemonteur"), departments=("Service West",))
VAKGROEP_LEAD = Who(titles=("Eerste servicemonteur",), departments=("Service Zuid",))
ZONNEPANELEN = Who(titles=("Zonnepanelenmonteur",))
KAM = Who(titles=("KAM-coördinator", "Kwaliteitscoördinator"))
MAGAZIJN = Who(titles=("Teamleider magazijn", "Magazijnmedewerker"))
INKOOP_MANAGER = Who(titles=("Manager Inkoop & Logistiek",))
PLANNER = Who(titles=("Planner",), departments=("Werkvoorbereiding & Planning",))
HR_MANAGER = Who(titles=("HR-manager",))
KS_MEDEWERKER = Who(titles=("Klantenservicemedewerker",))
KS_TEAMLEIDER = Who(titles=("Teamleider Klantenservice",))
PROJECTLEIDER = Who(titles=("Projectleider",), departments=("Installatie",))
UITVOERDER = Who(titles=("Uitvoerder", "Installatiemonteur"), departments=("Installatie",))

VAKGROEP = "Vakgroep warmtepompen"
VEILIGHEID = "Veilig werken / VCA"
PLANNING = "Nieuwe planningssoftware"
BUSSEN = "Overstap elektrische bussen"
WOONSTEDE = "Warmtepompen Woonstede Zwolle"

A = DemoAnswer
Q = DemoQuestion

# Oldest first: ids then follow the dates.
# fmt: off
QUESTIONS: tuple[DemoQuestion, ...] = (
    Q(YUSUF, "Hoe vraag ik verlof aan nu ik via het uitzendbureau werk?",
      "Ik wil in mei een week naar familie in Turkije. Moet dat via het uitzendbureau of via "
      "jullie?", 26, 9, topics=("verlof",), answers=(
        A(LOTTE, "Precies zoals je vaste collega's: in AFAS Pocket onder **Verlof**. Je planner "
          "ziet het meteen. Alleen je uren geef je daarnaast nog door aan het uitzendbureau, "
          "zoals je gewend bent.", 35, votes=4, accepted=True),
        A(MONTEUR_MIDDEN, "Vraag het wel op tijd aan, mei is populair bij Service Midden 😉",
          80, votes=2),
    )),
    Q(MONTEUR_MIDDEN, "Waar vraag ik een nieuwe werkbroek aan?",
      "Mijn knie is eruit en de kast in Nieuwegein is leeg in maat 52.", 22, 7,
      topics=("werkkleding",), answers=(
        A(MAGAZIJN, "Via het formulier Werkkleding in AFAS, onder Mijn aanvragen. Binnen een "
          "week ligt hij klaar in het magazijn, of we geven hem mee met de bevoorrading van je "
          "bus.", 50, votes=3, accepted=True),
    )),
    Q(YUSUF, "Hoe ontlucht je een lucht-waterwarmtepomp met buffervat het snelst?",
      "Bij een klant in Amersfoort blijft het systeem na het vullen borrelen. Ik heb al twee "
      "keer ontlucht via de automatische ontluchter. Iemand een betere volgorde?", 19, 15,
      group=VAKGROEP, topics=("warmtepompen",), answers=(
        A(SANNE, "Eerst de circulatiepomp op de hoogste stand en de driewegklep met de hand op "
          "cv, dan ontluchten bij het buffervat. Daarna de klep naar tapwater en nog een keer "
          "ontluchten. Die volgorde scheelt mij bijna altijd een tweede bezoek.", 25, votes=6,
          accepted=True),
        A(MONTEUR_NOORD, "Controleer ook de voordruk van het expansievat. Bij nieuwe installaties "
          "staat die vaak te laag, en dan blijft het lucht trekken.", 70, votes=3),
    )),
    Q(SANNE, "Kan ik in de monteursapp de werkbonnen van morgen al zien?",
      "Ik bereid me graag de avond ervoor voor, zeker bij klanten die ik nog niet ken.", 17, 19,
      group=PLANNING, topics=("planning", "ict"), answers=(
        A(PLANNER, "Ja: veeg in het dagoverzicht naar links. Vanaf 16.00 uur staat de planning "
          "van morgen vast; wat je daarvoor ziet kan nog schuiven.", 45, votes=5, accepted=True),
        A(RUBEN, "Tip: zet in de instellingen *offline beschikbaar* aan, dan heb je de bonnen ook "
          "in een kelder zonder bereik.", 120, votes=4),
    )),
    Q(ZONNEPANELEN, "Hoe lang is mijn VCA-diploma geldig, en wie regelt de herhaling?",
      "", 15, 12, group=VEILIGHEID, topics=("veiligheid", "opleiding"), answers=(
        A(KAM, "Tien jaar. Drie maanden voor de vervaldatum krijg je van mij een uitnodiging "
          "voor de herhalingscursus. Die plannen we in werktijd, je hoeft er geen vrij voor te "
          "nemen.", 60, votes=3, accepted=True),
    )),
    Q(MONTEUR_WEST, "Mijn tablet synchroniseert niet meer met Syntess. Wat kan ik doen?",
      "Sinds vanochtend blijven mijn werkbonnen op *wachten* staan.", 12, 8, topics=("ict",),
      answers=(
        A(RUBEN, "Meestal helpt dit: de app helemaal afsluiten, wifi en mobiele data uit en weer "
          "aan, en opnieuw inloggen. Lukt het dan nog niet, bel de ICT-servicedesk op toestel "
          "200; we kunnen op afstand meekijken.", 20, votes=4, accepted=True),
        A(MONTEUR_NOORD, "Had ik vorige week ook. Bij mij stond de datum van de tablet verkeerd, "
          "daarna werkte het meteen weer.", 55, votes=2),
    )),
    Q(YUSUF, "Mag ik de elektrische servicebus thuis laden, en hoe krijg ik de stroom vergoed?",
      "", 10, 18, group=BUSSEN, topics=("duurzaam",), answers=(
        A(INKOOP_MANAGER, "Ja. Je krijgt een laadpas en we laten bij je thuis een laadpaal met "
          "een eigen meter plaatsen. De stroom wordt elke maand automatisch vergoed; declareren "
          "hoeft niet.", 90, votes=5, accepted=True),
    )),
    Q(MONTEUR_NOORD, "Welke storing geeft een warmtepomp als het vuilfilter in de retour vol zit?",
      "Klant in Zwolle had twee keer per week een storing op doorstroming. Ik wil weten waar ik "
      "eerst moet kijken voordat ik onderdelen bestel.", 8, 10, group=VAKGROEP,
      topics=("warmtepompen", "storingen"), answers=(
        A(VAKGROEP_LEAD, "Meestal een storing op te weinig doorstroming. Eerst de waterdruk naar "
          "1,5 bar, dan het filter in de retour schoonmaken, en pas daarna naar de pomp kijken. "
          "De storingscodes per merk staan in de map Storingscodes van de vakgroep.", 40,
          votes=5, accepted=True),
    )),
    Q(MARIEKE, "Wie is in de eerste week het aanspreekpunt voor een nieuwe collega?",
      "Maandag begint een nieuwe monteur bij Service Midden. Ik wil het goed regelen.", 6, 11,
      topics=("onboarding",), answers=(
        A(HR_MANAGER, "Elke nieuwe collega krijgt een buddy uit het eigen team; jij als "
          "leidinggevende kiest die. Het inwerkprogramma en de checklist voor de eerste week "
          "staan bij HR in Plein. De eerste dag rijdt de nieuwe collega mee met de buddy.", 30,
          votes=3, accepted=True),
    )),
    Q(UITVOERDER, "Hebben de bewoners van blok C de brief over de planning al gekregen?",
      "We beginnen daar over twee weken en ik wil niemand voor een dichte deur laten staan.", 4,
      13, group=WOONSTEDE, topics=("klantcontact",), answers=(
        A(PROJECTLEIDER, "Ja, vorige week donderdag bezorgd. Bewoners die die dag niet thuis "
          "kunnen zijn, bellen de klantenservice voor een andere dag.", 25, votes=2,
          accepted=True),
    )),
    # Not answered (yet).
    Q(MONTEUR_MIDDEN, "Heeft iemand al een R290-warmtepomp in een rijtjeshuis geplaatst?",
      "Ik heb volgende week de eerste. Waar moet ik op letten met de opstelplaats?", 3, 16,
      group=VAKGROEP, topics=("warmtepompen", "duurzaam"), answers=(
        A(SANNE, "Nog niet zelf geplaatst, wel de training gehad. Let op de afstand tot ramen, "
          "putten en kelderingangen: propaan is zwaarder dan lucht.", 65, votes=2),
    )),
    Q(KS_MEDEWERKER, "Is er een oplossing voor de volle parkeerplaats bij kantoor op dinsdag?",
      "Op dinsdag is iedereen op kantoor en om half negen is er geen plek meer.", 2, 9,
      topics=("kantoor",)),
    Q(ZONNEPANELEN, "Welke valbeveiliging gebruiken jullie op platte daken zonder dakrand?",
      "Bij de scholen in Eindhoven is niet overal een randbeveiliging. Wat is bij ons de "
      "afspraak?", 2, 14, group=VEILIGHEID, topics=("veiligheid",), answers=(
        A(UITVOERDER, "Wij werken met een tijdelijk hekwerk op contragewicht, maar de KAM-"
          "coördinator weet wat de officiële afspraak is.", 50, votes=1),
    )),
    Q(KS_TEAMLEIDER, "Kan de klantenservice in het nieuwe systeem zien welke monteur onderweg is?",
      "Klanten bellen vaak met de vraag hoe laat de monteur komt.", 1, 10, group=PLANNING,
      topics=("planning", "klantcontact")),
    Q(MONTEUR_WEST, "Is er budget voor de cursus F-gassen, en bij wie vraag ik het aan?",
      "", 0, 8, topics=("opleiding",)),
)
# fmt: on


class _Cast:
    """Who plays whom. In a closed group only its members can take part: there the part goes
    to a member with one of the titles (or the group's first admin)."""

    def __init__(self) -> None:
        self.people = Person.objects.members().select_related("department")
        self.cache: dict[tuple[Who, int | None], Person] = {}

    def __call__(self, who: Who, group: Group | None = None) -> Person:
        closed = group is not None and group.visibility != Group.Visibility.OPEN
        key = (who, group.pk if closed and group is not None else None)
        if key not in self.cache:
            self.cache[key] = self._find(who, group if closed else None)
        return self.cache[key]

    def _find(self, who: Who, group: Group | None) -> Person:
        people = self.people
        if group is not None:
            people = people.filter(
                memberships__group=group, memberships__state=Membership.State.ACTIVE
            ).order_by("memberships__role", "email")
        if who.mailbox:
            person = people.filter(email=f"{who.mailbox}@{EMAIL_DOMAIN}").first()
            if person is not None:
                return person
        candidates = people.filter(job_title__in=who.titles) if who.titles else people
        if who.departments:
            paths = list(
                Department.objects.filter(name__in=who.departments).values_list("path", flat=True)
            )
            for person in candidates.order_by("email"):
                department = person.department
                if department is not None and department.path.startswith(tuple(paths)):
                    return person
        person = candidates.order_by("email").first() or people.first()
        if person is None:
            raise RuntimeError("Load the people and community demos before the questions demo.")
        return person


def _voters(question: Question, exclude: set[int], count: int) -> list[Person]:
    """Colleagues who may read the question, in e-mail order."""
    people = Person.objects.members().exclude(pk__in=exclude).order_by("email")
    group_id = question.post.group_id
    if group_id is not None and question.post.audience not in ("org", "open"):
        people = people.filter(
            memberships__group_id=group_id, memberships__state=Membership.State.ACTIVE
        )
    return list(people[:count])


def load_demo() -> str:
    """Add the demo questions and answers. Returns a one-line summary."""
    if Question.objects.exists():
        return "questions already present: nothing added"
    cast = _Cast()
    groups = {group.name: group for group in Group.objects.filter(name__in=_group_names())}
    now = timezone.now()
    with transaction.atomic():
        for spec in QUESTIONS:
            _ask(spec, cast, groups, now)
    answered = Question.objects.answered().count()
    return (
        f"{Question.objects.count()} questions ({answered} answered), "
        f"{Answer.objects.count()} answers"
    )


def _group_names() -> set[str]:
    return {spec.group for spec in QUESTIONS if spec.group}


def _ask(spec: DemoQuestion, cast: _Cast, groups: dict[str, Group], now: datetime) -> None:
    group = groups.get(spec.group)
    asker = cast(spec.asker, group)
    if group is not None and group.visibility == Group.Visibility.OPEN:
        group_services.join(group, asker)  # joining an open group to ask in it
    question = services.ask_question(
        asker, spec.title, spec.details, group=group, topics=spec.topics
    )
    asked_at = (now - timedelta(days=spec.days_ago)).replace(
        hour=spec.hour, minute=(len(spec.title) * 7) % 60, second=0, microsecond=0
    )
    asked_at = min(asked_at, now - timedelta(hours=2))
    Post.objects.filter(pk=question.post_id).update(created_at=asked_at)
    question.post.created_at = asked_at
    for answer_spec in spec.answers:
        author = cast(answer_spec.author, group)
        if author.pk == asker.pk:
            continue
        answer = services.answer_question(question, author, answer_spec.text)
        answered_at = min(asked_at + timedelta(minutes=answer_spec.after_minutes), now)
        Answer.objects.filter(pk=answer.pk).update(created_at=answered_at)
        answer.created_at = answered_at
        for voter in _voters(question, {author.pk}, answer_spec.votes):
            services.vote(answer, voter)
        if answer_spec.accepted:
            services.accept_answer(answer, by=asker)
            Question.objects.filter(pk=question.pk).update(
                answered_at=min(answered_at + timedelta(minutes=20), now)
            )
        indexing.index_answer(answer)
    indexing.index_question(Question.objects.select_related("post").get(pk=question.pk))
