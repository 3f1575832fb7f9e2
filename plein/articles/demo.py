"""The demo organisation's articles, leaders' corner and "ask the board".

Load the people demo (and preferably the community demo) first. Everything goes through the
services, as a person would do it; then publication moments are moved into the past (the
services stamp the current time). Idempotent: articles are added only when there are none, the
board only when it has no questions yet.

The texts are content of the organisation (Van Dijk Installatietechniek), so they are Dutch and
not translated. The leaders write and answer themselves (seed 002): the general director, the
operations director, the regional manager of Service Midden (manager@) and a senior technician
who carries the culture.
"""

import io
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from plein.articles.models import Article, BoardQuestion, BoardVote
from plein.articles.services import articles, board
from plein.articles.services.articles import ArticleInput
from plein.community.models import Group, Post
from plein.community.services import groups as group_services
from plein.community.services.posts import Upload
from plein.people.models import Person, Role
from plein.people.services.lifecycle import grant_role

DEMO_DOMAIN = "demo.plein.nl"


@dataclass(frozen=True)
class Cast:
    ceo: Person
    coo: Person | None
    marieke: Person  # manager@
    carrier: Person | None  # a senior technician, culture carrier
    sanne: Person  # medewerker@
    yusuf: Person | None  # flex@
    noor: Person | None  # community@
    lotte: Person | None  # hr@
    crowd: list[Person]  # colleagues who ask and vote


def _by_email(mailbox: str) -> Person | None:
    return Person.objects.members().filter(email=f"{mailbox}@{DEMO_DOMAIN}").first()


def _by_title(title: str, department: str = "") -> Person | None:
    people = Person.objects.members().filter(job_title=title)
    if department:
        people = people.filter(department__name=department)
    return people.order_by("pk").first()


def _cast() -> Cast | None:
    marieke, sanne = _by_email("manager"), _by_email("medewerker")
    ceo = _by_title("Algemeen directeur")
    if marieke is None or sanne is None or ceo is None:
        return None
    carrier = _by_title("Eerste servicemonteur", "Service Zuid") or _by_title(
        "Eerste servicemonteur"
    )
    known = {p.pk for p in (marieke, sanne, ceo, carrier) if p is not None}
    crowd = list(
        Person.objects.members()
        .exclude(pk__in=known)
        .exclude(granted_roles__role=Role.MANAGER)
        .order_by("pk")[:40]
    )
    return Cast(
        ceo=ceo,
        coo=_by_title("Operationeel directeur"),
        marieke=marieke,
        carrier=carrier,
        sanne=sanne,
        yusuf=_by_email("flex"),
        noor=_by_email("community"),
        lotte=_by_email("hr"),
        crowd=crowd,
    )


# --- Images (drawn, so the demo needs no files) --------------------------------------------------


def _cover_image() -> bytes:
    """A roof with solar panels and a heat pump under an evening sky."""
    width, height = 1600, 900
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        share = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=(int(40 + 180 * share), int(90 + 90 * share), int(160 - 40 * share)),
        )
    draw.ellipse([1180, 140, 1380, 340], fill=(255, 214, 120))
    draw.rectangle([0, 720, width, height], fill=(70, 110, 60))
    draw.rectangle([380, 470, 1120, 760], fill=(236, 226, 208))
    draw.polygon([(330, 480), (750, 200), (1170, 480)], fill=(150, 60, 50))
    for row in range(3):
        for column in range(5):
            x = 470 + column * 110 - row * 40
            y = 300 + row * 55
            draw.polygon(
                [(x, y), (x + 100, y), (x + 80, y + 48), (x - 20, y + 48)], fill=(30, 50, 90)
            )
    draw.rectangle([1180, 640, 1340, 760], fill=(225, 228, 232))
    draw.ellipse([1205, 660, 1295, 740], outline=(120, 125, 130), width=8)
    draw.rectangle([560, 580, 700, 760], fill=(90, 60, 40))
    draw.rectangle([820, 560, 1000, 660], fill=(170, 205, 230))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _checklist_image() -> bytes:
    """The outdoor unit of a heat pump, seen from the front, with its parts in colour."""
    image = Image.new("RGB", (1200, 800), (246, 245, 241))
    draw = ImageDraw.Draw(image)
    draw.rectangle([200, 180, 1000, 660], fill=(228, 230, 233), outline=(90, 95, 100), width=6)
    draw.ellipse([300, 250, 640, 590], fill=(205, 208, 212), outline=(90, 95, 100), width=6)
    for angle in range(0, 360, 60):
        draw.pieslice([330, 280, 610, 560], angle, angle + 30, fill=(120, 125, 130))
    draw.rectangle([700, 260, 940, 420], fill=(31, 95, 139))
    draw.rectangle([700, 460, 940, 600], fill=(196, 120, 40))
    draw.line([(1000, 560), (1120, 560)], fill=(60, 60, 60), width=14)
    draw.line([(1000, 600), (1120, 600)], fill=(160, 40, 40), width=14)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


# --- Articles ------------------------------------------------------------------------------------

CEO_ARTICLE = """Vorige week stond ik om half acht bij het magazijn in Nieuwegein, tussen de \
bussen die \
werden geladen. Een monteur vroeg me: "Wat doet de directeur hier zo vroeg?" Eerlijk antwoord: \
luisteren. Want wat ik op maandagochtend hoor, lees ik nergens in een rapportage.

## Waar we staan

We zijn in tien jaar gegroeid van 140 naar ruim 300 collega's. De vraag naar warmtepompen en \
zonnepanelen blijft groot, en onze klanten waarderen ons met een 8,4. Daar mogen we trots op zijn.

Maar groei heeft een prijs:

- de planning staat elke week onder druk;
- nieuwe collega's moeten sneller hun weg vinden;
- en we horen elkaar minder goed nu we over vijf vestigingen verspreid zitten.

## Wat ik van jullie vraag

Deel wat je ziet. Als drie collega's in de binnendienst dezelfde klacht horen, wil ik dat weten \
voordat de klant weggaat. Als een monteur al lang een oplossing heeft voor een probleem waar wij \
op kantoor over vergaderen, wil ik die oplossing horen.

> Niemand kent het werk beter dan degene die het elke dag doet.

## Wat jullie van mij mogen verwachten

Elke week beantwoord ik samen met de andere leidinggevenden jullie vragen in *Vraag het de \
directie*. Zelf, niet via een woordvoerder. Stel je vraag, stem op die van een ander, en houd me \
eraan. #strategie #samenwerken"""

MARIEKE_ARTICLE = """Eens per kwartaal rijd ik een week mee met een van onze monteurs. Deze keer \
was het een week met Team Amersfoort, in de drukste periode van het jaar.

## Maandag: de planning klopt niet

Om 7.40 uur bleek de eerste klant niet thuis. De tweede had een ander type ketel dan in het \
systeem stond. Voor tien uur was de dag al omgegooid. Dat lees ik op kantoor als "uitloop"; in \
de bus voelt het als brandjes blussen.

## Woensdag: vakmanschap

Bij een storing aan een lucht-waterwarmtepomp had de monteur binnen twintig minuten de oorzaak \
gevonden: een vervuilde sensor. Geen onderdeel nodig, een tevreden klant en een tip die ik \
meteen heb gedeeld in de #warmtepompen vakgroep.

## Wat ik meeneem

1. We gaan de klantgegevens vooraf laten controleren door de binnendienst.
2. Monteurs krijgen een vast moment om de planning van morgen te zien.
3. Ik rijd vaker mee: volgende keer met Team Gooi en Vecht.

Heb je een idee om de planning beter te maken? Stel het in *Vraag het de directie* of spreek me \
aan. Mijn deur staat open, mijn telefoon ook. #planning"""

COO_ARTICLE = """Vorige maand viel er bijna een ladder om op een natte oprit in Deventer. Er \
gebeurde niets, omdat de collega die ernaast stond hem op tijd vastgreep. Hij meldde het die \
middag nog. Dank je wel daarvoor.

## Een bijna-ongeval is een cadeau

Elke melding van een bijna-ongeval is een kans om iets te verbeteren voordat er wél iets gebeurt. \
Vorig jaar kregen we 23 meldingen; dit jaar al 41. Dat is geen slecht nieuws: het betekent dat \
we er eerlijker over praten.

## Stoppen mag altijd

Voelt een klus niet veilig, stop dan. Bel je leidinggevende of de KAM-coördinator. Niemand krijgt \
ooit op zijn kop omdat hij stopte; wel omdat hij doorging terwijl het niet kon.

- Meld (bijna-)ongevallen in de groep *Veilig werken / VCA* of bij je leidinggevende.
- Elke maand bespreken we de meldingen in de toolbox.
- Wat we veranderen, laten we hier terugzien. #veiligheid"""

CARRIER_ARTICLE = """Ik werk nu veertien jaar bij Van Dijk. Elke nieuwe collega die met mij \
meerijdt, krijgt dezelfde vijf dingen mee. Ze staan nergens in een handboek, dus ik zet ze hier.

## 1. De klant ziet eerst je bus

Een nette bus en schoenhoezen bij de deur: de klant heeft zijn oordeel klaar voordat je de ketel \
hebt gezien.

## 2. Vraag het gewoon

Niemand weet alles. In de vakgroep zitten tachtig collega's die graag meedenken. Een vraag \
stellen kost je een minuut; een verkeerde aansluiting een middag.

## 3. Schrijf op wat je doet

Een goede werkbon scheelt je collega de volgende keer een half uur zoeken.

## 4. Zeg het als iets niet klopt

Tegen de planner, tegen je leidinggevende, en ja, ook tegen de directie: daar is *Vraag het de \
directie* voor.

## 5. Neem de tijd voor koffie

De beste tips krijg je niet op een training maar bij de koffieautomaat in het magazijn. \
#vakmanschap"""

SANNE_ARTICLE = """Storingen aan de buitenunit van een warmtepomp lijken vaak ingewikkelder dan \
ze zijn. Dit is de volgorde waarin ik zoek, voordat ik onderdelen bestel.

## Eerst kijken

### Lucht

Zit de verdamper vol met bladeren of sneeuw? Een vervuilde verdamper geeft hoge druk en \
ontdooistoringen. Altijd eerst schoonmaken.

### Afvoer

Loopt het condenswater weg? Een bevroren afvoer zorgt in de winter voor ijs onder de unit.

## Dan meten

{image}

- Controleer de sensoren (buitenvoeler, persgas, zuiggas) met de tabel van de fabrikant.
- Meet de spanning op de aansluitklemmen.
- Kijk in de foutcodehistorie: een storing die elke ochtend om 6.00 uur komt, is vaak een \
ontdooiprobleem.

## Pas dan bestellen

In negen van de tien gevallen is er geen onderdeel nodig. Heb je een aanvulling? Zet hem in de \
reacties! #warmtepompen #storingen"""

NOOR_ARTICLE = """Een artikel is de plek voor een verhaal dat niet in een paar regels past: een \
project dat je hebt afgerond, een tip die collega's tijd bespaart, wat je team de hele dag doet.

## Zo begin je

Kies **Artikelen** en dan **Schrijf een artikel**. Je kunt zo vaak opslaan als je wilt: tot je \
publiceert, ziet niemand anders je concept.

## Maak het leesbaar

- Gebruik kopjes (een regel die begint met ##).
- Voeg een foto toe en beschrijf wat erop staat, voor collega's met een schermlezer.
- Schrijf een korte intro: die staat in de tijdlijn.

## Later publiceren

Wil je dat je artikel maandagochtend om acht uur verschijnt? Kies *Later publiceren* en het \
verschijnt vanzelf. #plein"""

GROUP_ARTICLE = """Blok C is opgeleverd: 32 woningen draaien sinds vrijdag op hun nieuwe \
warmtepomp.

## Wat ging goed

De bewonersavond vooraf scheelde veel vragen aan de deur. De nieuwe indeling van de \
werkvoorbereiding werkte: elke ochtend lag het materiaal klaar.

## Wat kan beter

Bij vier woningen bleek de meterkast te klein. We nemen dit mee in de opname voor blok D.

Volgende stap: blok D, start over twee weken."""


def _publish(
    author: Person,
    title: str,
    body: str,
    *,
    days_ago: float,
    intro: str = "",
    group: Group | None = None,
    leaders_blog: bool = False,
    cover: bytes | None = None,
    cover_alt: str = "",
    image: tuple[bytes, str] | None = None,
) -> Article | None:
    if group is not None and not group_services.is_active_member(group, author):
        group = None
    data = ArticleInput(
        title=title,
        body=body.replace("{image}", ""),
        intro=intro,
        group=group,
        leaders_blog=leaders_blog,
        cover=Upload("omslag.png", io.BytesIO(cover)) if cover else None,
        cover_alt=cover_alt,
    )
    draft = articles.save_draft(author, data)
    if image is not None:
        added = articles.add_image(
            draft, by=author, upload=Upload("buitenunit.png", io.BytesIO(image[0])), alt=image[1]
        )
        data.body = body.replace("{image}", added.markdown)
        data.cover = None
        draft = articles.save_draft(author, data, article=draft)
    article = articles.publish_article(draft, by=author)
    moment = timezone.now() - timedelta(days=days_ago)
    Article.objects.filter(pk=article.pk).update(published_at=moment, created_at=moment)
    Post.objects.filter(article=article).update(created_at=moment)
    return article


def _group(name: str) -> Group | None:
    return Group.objects.filter(name=name).first()


def _load_articles(cast: Cast) -> int:
    if cast.carrier is not None:
        grant_role(cast.carrier, Role.CULTURE_CARRIER, by=None)
    plans = [
        (
            cast.ceo,
            "Waarom ik op maandagochtend bij het magazijn sta",
            CEO_ARTICLE,
            13,
            {
                "leaders_blog": True,
                "cover": _cover_image(),
                "cover_alt": "Een woning met zonnepanelen op het dak en een warmtepomp naast de "
                "deur, bij zonsondergang",
                "intro": "Over groei, luisteren en wat jullie van mij mogen verwachten.",
            },
        ),
        (
            cast.marieke,
            "Een week meerijden met Team Amersfoort",
            MARIEKE_ARTICLE,
            9,
            {"leaders_blog": True},
        ),
        (cast.coo, "Stoppen mag altijd", COO_ARTICLE, 6, {"leaders_blog": True}),
        (
            cast.carrier,
            "Vijf dingen die ik elke nieuwe collega vertel",
            CARRIER_ARTICLE,
            4,
            {"leaders_blog": True},
        ),
        (
            cast.sanne,
            "Storing aan de buitenunit? Mijn checklist",
            SANNE_ARTICLE,
            3,
            {
                "group": _group("Vakgroep warmtepompen"),
                "image": (
                    _checklist_image(),
                    "Schets van een buitenunit: de ventilator links, rechts de aansluitkast "
                    "en de leidingen",
                ),
            },
        ),
        (cast.noor, "Zo schrijf je een artikel op Plein", NOOR_ARTICLE, 11, {}),
    ]
    project = _group("Warmtepompen Woonstede Zwolle")
    if project is not None:
        lead = project.memberships.filter(role="admin").select_related("person").first()
        if lead is not None:
            plans.append((lead.person, "Blok C opgeleverd", GROUP_ARTICLE, 2, {"group": project}))
    published = 0
    for author, title, text, days_ago, extra in sorted(plans, key=lambda plan: -plan[3]):
        if author is None:
            continue
        _publish(author, title, text, days_ago=days_ago, **extra)  # type: ignore[arg-type]
        published += 1
    # A draft and a scheduled article show what only their authors see.
    articles.save_draft(
        cast.sanne,
        ArticleInput(
            title="Twee weken met de planningstablet",
            body="## Eerste indruk\n\nDe tablet start sneller dan de oude laptop. Nog uitwerken.",
        ),
    )
    if cast.lotte is not None:
        draft = articles.save_draft(
            cast.lotte,
            ArticleInput(
                title="Open dag in Nieuwegein: neem iemand mee",
                body="Op zaterdag openen we de deuren van het magazijn voor iedereen die "
                "overweegt monteur te worden. Ken je iemand? Neem hem of haar mee! #werving",
            ),
        )
        articles.schedule_article(
            draft, by=cast.lotte, publish_at=timezone.now() + timedelta(days=3, hours=2)
        )
    return published


# --- Ask the board -------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionPlan:
    asker: str  # "sanne", "yusuf", "noor", "lotte" or "crowd:<n>"
    text: str
    votes: int
    anonymous: bool = False
    answer: tuple[str, str] | None = None  # (who answers: "ceo", "coo", "marieke", text)


ROUNDS: tuple[tuple[QuestionPlan, ...], ...] = (
    (  # two weeks ago
        QuestionPlan(
            "crowd:1",
            "Komt er een vergoeding voor het laden van de elektrische bus thuis?",
            14,
            answer=(
                "coo",
                "Ja. Vanaf 1 maart vergoeden we het laden thuis per kWh, via een "
                "laadpas die we samen met de bus uitgeven. De details staan in de groep "
                "*Overstap elektrische bussen*.",
            ),
        ),
        QuestionPlan(
            "crowd:2",
            "Waarom horen we pas zo laat welke klussen we de volgende dag hebben?",
            11,
            answer=(
                "marieke",
                "Terechte vraag, en ik hoor hem vaker. Vanaf volgende maand "
                "staat de planning voor morgen uiterlijk om 15.00 uur in de app. Lukt dat "
                "een keer niet, dan hoor je van de planner waarom.",
            ),
        ),
        QuestionPlan(
            "crowd:3",
            "Gaan we ook onderhoudscontracten voor warmtepompen verkopen?",
            6,
            answer=(
                "ceo",
                "Ja, we starten in het voorjaar met een proef in regio Midden. "
                "Monteurs die willen meedenken over de inhoud: meld je bij Marieke.",
            ),
        ),
        QuestionPlan("crowd:4", "Komt de kerstborrel dit jaar weer in Utrecht?", 3),
    ),
    (  # last week
        QuestionPlan(
            "yusuf",
            "Krijgen flexkrachten ook toegang tot de trainingen van de Van Dijk Academie?",
            17,
            anonymous=True,
            answer=(
                "ceo",
                "Ja. Wie bij ons werkt, leert bij ons, ongeacht het contract. Vanaf "
                "deze maand staan alle trainingen open voor flexkrachten; de kosten komen "
                "voor rekening van Van Dijk.",
            ),
        ),
        QuestionPlan(
            "crowd:5",
            "Hoe staat het met de nieuwe vestiging in het noorden?",
            9,
            answer=(
                "ceo",
                "We tekenen naar verwachting in juni voor een pand in Zwolle-Noord. "
                "Ik houd jullie op de hoogte in de leidershoek.",
            ),
        ),
        QuestionPlan(
            "crowd:6",
            "Kunnen we de werkbonnen ook met spraak invullen in de app?",
            5,
            answer=(
                "marieke",
                "Goed idee. We nemen het mee in de pilot met de nieuwe "
                "planningssoftware; de eerste test is bij Team Utrecht.",
            ),
        ),
        QuestionPlan("crowd:7", "Is er budget voor een tweede bus voor Team Gooi en Vecht?", 4),
    ),
    (  # this week
        QuestionPlan(
            "sanne",
            "Kunnen we de vakgroep warmtepompen ook een keer fysiek laten samenkomen?",
            12,
            answer=(
                "marieke",
                "Graag! We organiseren in het najaar een vakdag in Nieuwegein. "
                "Sanne, wil jij meedenken over het programma?",
            ),
        ),
        QuestionPlan(
            "crowd:8",
            "Wanneer horen we meer over de nieuwe cao?",
            8,
            anonymous=True,
        ),
        QuestionPlan("crowd:9", "Komen er laadpalen bij het magazijn in Nieuwegein?", 5),
        QuestionPlan("noor", "Wat vinden jullie als directie het mooiste project van dit jaar?", 2),
    ),
)


def _person_for(key: str, cast: Cast) -> Person | None:
    if key.startswith("crowd:"):
        index = int(key.split(":")[1])
        return cast.crowd[index] if index < len(cast.crowd) else None
    return {
        "sanne": cast.sanne,
        "yusuf": cast.yusuf,
        "noor": cast.noor,
        "lotte": cast.lotte,
        "ceo": cast.ceo,
        "coo": cast.coo,
        "marieke": cast.marieke,
    }.get(key)


def _load_board(cast: Cast) -> int:
    today = timezone.localdate()
    asked = 0
    for weeks_ago, plans in zip((2, 1, 0), ROUNDS, strict=True):
        board_round = board.open_round(today - timedelta(weeks=weeks_ago))
        start = timezone.make_aware(datetime.combine(board_round.starts_on, datetime.min.time()))
        # This week's questions were asked before now; earlier rounds' on their Monday.
        base = start + timedelta(hours=8) if weeks_ago else timezone.now() - timedelta(hours=6)
        if base < start:
            base = start
        for number, plan in enumerate(plans):
            asker = _person_for(plan.asker, cast)
            if asker is None:
                continue
            moment = base + timedelta(minutes=17 * number) if weeks_ago else base
            question = board.ask_board_question(
                asker, plan.text, anonymous=plan.anonymous, now=moment
            )
            asked += 1
            voters = [p for p in cast.crowd if p.pk != asker.pk][: plan.votes]
            for voter in voters:
                board.vote(voter, question, now=moment)
            BoardVote.objects.filter(question=question).update(created_at=moment)
            if plan.answer is not None:
                leader = _person_for(plan.answer[0], cast)
                if leader is not None:
                    answered_at = (
                        moment + timedelta(days=2, hours=3) if weeks_ago else timezone.now()
                    )
                    board.answer_board_question(
                        question, by=leader, text=plan.answer[1], now=answered_at
                    )
    return asked


def load_demo() -> str:
    """Add the demo's articles and rounds of "ask the board". Returns a one-line summary."""
    cast = _cast()
    if cast is None:
        return "articles: the people demo is not loaded"
    with transaction.atomic():
        published = 0 if Article.objects.exists() else _load_articles(cast)
        asked = 0 if BoardQuestion.objects.exists() else _load_board(cast)
    return (
        f"{Article.objects.filter(state=Article.State.PUBLISHED).count()} articles, "
        f"{BoardQuestion.objects.count()} questions for the board"
        + ("" if published or asked else " (already there)")
    )
