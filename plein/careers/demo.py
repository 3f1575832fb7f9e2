"""The demo organisation's careers site: its employer story, about 25 vacancies across its
departments and locations (most open, some closed, one filled, one draft), future colleagues,
and colleagues' posts on the site (with their consent; one request still waits for Sanne).

Everything goes through the careers services, as HR (hr@demo.plein.nl) would do it. Load the
people demo first (and the community demo for the stories). Idempotent: does nothing when
vacancies exist. Texts are the organisation's own, so Dutch (a few vacancies also in English).
"""

import datetime
import random
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models.functions import Length
from django.utils import timezone

from plein.careers.candidate_questions import services as question_services
from plein.careers.candidate_questions.models import CandidateAnswer, CandidateQuestion
from plein.careers.demo_applications import load_applications_demo, remove_applications_data
from plein.careers.job_alerts import services as alert_services
from plein.careers.job_alerts.models import JobAlert
from plein.careers.models import (
    CareersStory,
    CareersVideo,
    ContractType,
    EmployerStory,
    FutureColleague,
    SalaryPeriod,
    StoryConsent,
    Vacancy,
    VacancyTransition,
    Workplace,
    today,
)
from plein.careers.services import stories as story_services
from plein.careers.services import story as employer_story
from plein.careers.services import vacancies as vacancy_services
from plein.community.models import Post
from plein.people.models import Department, Location, Person
from plein.people.roles import Role

HR_EMAIL = "hr@demo.plein.nl"
EMPLOYEE_EMAIL = "medewerker@demo.plein.nl"

STORY_INTRO_NL = (
    "Wij zorgen dat 40.000 huishoudens en bedrijven warm, droog en steeds duurzamer zitten. "
    "Met vakmensen die weten wat ze doen, en collega's die voor elkaar klaarstaan."
)
STORY_BODY_NL = """\
Van Dijk Installatietechniek begon in 1978 als loodgietersbedrijf in Utrecht. Nu werken we met \
zo'n driehonderd collega's vanuit Utrecht, Zwolle, Eindhoven, Rotterdam en ons magazijn in \
Nieuwegein aan cv-ketels, warmtepompen, ventilatie en zonnepanelen.

**Wat ons bindt**

- *Vakmanschap.* Een monteur die een storing in één keer oplost, is goud waard. Daarom leer je \
bij ons elk jaar iets nieuws, in onze eigen Van Dijk Academie en bij de fabrikanten.
- *Elkaar helpen.* Een lastige storing in Zwolle? Grote kans dat een collega in Eindhoven hem \
al eens heeft opgelost. Op Plein, ons eigen sociale netwerk, vraag je het gewoon.
- *Eerlijk en duidelijk.* Bij elke vacature staat het salaris. Geen verrassingen, voor niemand.

**Hoe het is om hier te werken**

Je krijgt ruimte om je werk zelf in te richten, met een planning die rekening houdt met je \
privéleven. Monteurs rijden in een goed ingerichte bus, kantoorcollega's werken deels thuis. \
We vallen onder de cao Metaal en Techniek en bouwen pensioen op bij PMT.

Benieuwd? Kijk bij de vacatures, of vraag een van onze toekomstige collega's hoe het echt is.\
"""
STORY_INTRO_EN = (
    "We keep 40,000 homes and businesses warm, dry and ever more sustainable, with skilled "
    "people who know their trade and colleagues who have each other's backs."
)
STORY_BODY_EN = """\
Van Dijk Installatietechniek started in 1978 as a plumbing business in Utrecht. Today some \
three hundred colleagues work from Utrecht, Zwolle, Eindhoven, Rotterdam and our warehouse in \
Nieuwegein on boilers, heat pumps, ventilation and solar panels.

**What binds us**

- *Craftsmanship.* A technician who fixes a fault the first time is worth gold, so you learn \
something new every year, in our own Van Dijk Academy and with the manufacturers.
- *Helping each other.* A tricky fault in Zwolle? A colleague in Eindhoven has probably solved \
it before. On Plein, our own social network, you simply ask.
- *Fair and clear.* Every vacancy states its salary. No surprises, for anyone.

Most of our work is done in Dutch; a few roles (IT, data, marketing) work in English too.\
"""

OFFER_FIELD = (
    "Salaris volgens de cao Metaal en Techniek, plus 8% vakantiegeld",
    "Een eigen, goed ingerichte servicebus die je mee naar huis neemt",
    "Een telefoon en tablet met de planning en alle werkbonnen",
    "Elk jaar opleidingen in de Van Dijk Academie en bij fabrikanten",
    "26 vakantiedagen en een goed pensioen via PMT",
)
OFFER_OFFICE = (
    "Salaris volgens de cao Metaal en Techniek, plus 8% vakantiegeld",
    "Een laptop en telefoon, en de ruimte om deels thuis te werken",
    "Een opleidingsbudget en tijd om het te gebruiken",
    "26 vakantiedagen en een goed pensioen via PMT",
    "Een fiets van de zaak of een reiskostenvergoeding",
)


@dataclass(frozen=True)
class VacancySpec:
    title: str
    department: str
    location: str | None  # a Location name
    hours: tuple[int, int]
    salary: tuple[int, int]
    intro: str
    tasks: tuple[str, ...]
    asks: tuple[str, ...]
    team: str
    contract: str = ContractType.PERMANENT
    workplace: str = Workplace.ON_SITE
    period: str = SalaryPeriod.MONTH
    field_work: bool = True
    days_ago: int = 10  # published this many days ago
    open_days: int = 42  # closes this many days after today
    state: str = "open"  # open, closed, filled, draft
    english: tuple[str, str] | None = None  # (title, description)
    extra_offer: tuple[str, ...] = field(default_factory=tuple)


UTRECHT = "Hoofdkantoor Utrecht"
ZWOLLE = "Regiokantoor Zwolle"
EINDHOVEN = "Regiokantoor Eindhoven"
ROTTERDAM = "Regiokantoor Rotterdam"
MAGAZIJN = "Magazijn Nieuwegein"

# fmt: off
VACANCIES: tuple[VacancySpec, ...] = (
    VacancySpec(
        "Servicemonteur warmtepompen", "Service Midden", UTRECHT, (38, 40), (3000, 4000),
        "Als servicemonteur in de regio Utrecht zorg jij dat onze klanten hun warmtepomp en "
        "cv-ketel kunnen vergeten: omdat ze het gewoon doen.",
        ("Onderhoud en storingen aan warmtepompen en cv-ketels bij particulieren",
         "Klanten uitleggen hoe ze hun installatie zuinig gebruiken",
         "Je werkbonnen en foto's vastleggen op je tablet"),
        ("Een mbo-diploma installatietechniek of gelijkwaardig", "Rijbewijs B",
         "Ervaring met warmtepompen is mooi, maar we leren het je ook graag"),
        "Team Utrecht is een hecht team van twaalf monteurs die elkaar helpen via de app en op "
        "Plein. Elke vrijdag ontbijt op het hoofdkantoor.",
        days_ago=4, open_days=45,
    ),
    VacancySpec(
        "Servicemonteur cv en warmtepompen", "Service Noord", ZWOLLE, (36, 40), (2900, 3900),
        "In Overijssel en Friesland kennen ze onze bussen. Kom jij erbij als servicemonteur?",
        ("Onderhoud aan cv-ketels, warmtepompen en hybride systemen",
         "Storingen verhelpen, ook bij lastige oudere installaties",
         "Meedenken met klanten die willen verduurzamen"),
        ("Mbo-niveau 3 of 4 installatietechniek", "Rijbewijs B",
         "Je bent klantvriendelijk en lost graag puzzels op"),
        "Team Overijssel rijdt vanuit Zwolle; je start en eindigt je dag gewoon thuis.",
        days_ago=12,
    ),
    VacancySpec(
        "Storingsmonteur met consignatiedienst", "Service West", ROTTERDAM, (40, 40), (3200, 4300),
        "Geen warm water op zondagochtend? Dan ben jij degene die het oplost, met een vergoeding "
        "voor elke dienst.",
        ("Storingen verhelpen aan cv-ketels, warmtepompen en ventilatie",
         "Eens in de vijf weken een week consignatiedienst",
         "Collega's helpen met je kennis van regeltechniek"),
        ("Minimaal drie jaar ervaring als monteur", "Kennis van gastechniek en regeltechniek",
         "Rijbewijs B"),
        "Team Rotterdam is klein en snel; de storingscoördinator belt je nooit zonder reden.",
        days_ago=20, extra_offer=("Een vergoeding per consignatiedienst en per uitruk",),
    ),
    VacancySpec(
        "Eerste servicemonteur", "Service Zuid", EINDHOVEN, (40, 40), (3500, 4600),
        "Je bent de vakman bij wie collega's aankloppen, en je vindt het mooi om je kennis door "
        "te geven.",
        ("De lastigste storingen in Brabant en Limburg",
         "Leerling-monteurs begeleiden op de bus",
         "Meedenken over nieuwe werkwijzen met de regiomanager"),
        ("Ruime ervaring met warmtepompen en F-gassen (STEK)", "Rijbewijs B",
         "Je kunt goed uitleggen"),
        "Team Eindhoven werkt nauw samen met het team in Tilburg en Limburg.",
        days_ago=6,
    ),
    VacancySpec(
        "Leerling-monteur (BBL)", "Service Midden", UTRECHT, (32, 40), (2000, 2600),
        "Leren en verdienen tegelijk: vier dagen op de bus met een ervaren monteur, één dag naar "
        "school.",
        ("Meewerken aan onderhoud en storingen", "Je opleiding installatietechniek volgen",
         "Elke dag iets nieuws leren van je vaste werkbegeleider"),
        ("Zin in techniek en in mensen", "Je bent 17 jaar of ouder",
         "Een vmbo-diploma, of je bent net gestopt met een andere opleiding"),
        "Je werkbegeleider is een van onze eerste servicemonteurs. Je rijdt met hem of haar mee "
        "tot je het zelf kunt.",
        contract=ContractType.APPRENTICESHIP, days_ago=30, open_days=60,
    ),
    VacancySpec(
        "Monteur ventilatie", "Service West", ROTTERDAM, (40, 40), (2800, 3600),
        "Gezonde lucht in huis: jij zorgt ervoor dat ventilatiesystemen en WTW-units goed werken.",
        ("Onderhoud aan mechanische ventilatie en WTW-units",
         "Luchthoeveelheden meten en inregelen", "Kanalen reinigen en filters vervangen"),
        ("Ervaring met ventilatiesystemen", "Rijbewijs B", "Je werkt netjes"),
        "Je werkt vooral in Rotterdam, Den Haag en Dordrecht, veel voor woningcorporaties.",
        contract=ContractType.FIXED_TERM, days_ago=8,
    ),
    VacancySpec(
        "Installatiemonteur warmtepompen", "Installatie", UTRECHT, (40, 40), (2900, 3800),
        "Van gasketel naar warmtepomp: jij installeert de systemen die huizen van het gas halen.",
        ("Warmtepompen en buffervaten plaatsen en aansluiten",
         "Leidingwerk solderen en persen", "Systemen hydraulisch inregelen en opleveren"),
        ("Mbo-diploma installatietechniek", "Ervaring met leidingwerk",
         "Een VCA-diploma, of je haalt het bij ons"),
        "Team Warmtepompen werkt in vaste koppels; je weet 's ochtends met wie je de dag doet.",
        days_ago=3, open_days=50,
    ),
    VacancySpec(
        "Zonnepanelenmonteur", "Installatie", EINDHOVEN, (32, 40), (2700, 3400),
        "Op het dak, in de buitenlucht, en aan het eind van de dag zie je wat je hebt gedaan.",
        ("Zonnepanelen en omvormers plaatsen", "Veilig werken op hoogte",
         "Aansluiten volgens NEN 1010"),
        ("Je bent niet bang voor hoogte", "Ervaring als monteur is een pré",
         "Rijbewijs B"),
        "Team Zonnepanelen werkt van maart tot november op de daken in Brabant.",
        contract=ContractType.FIXED_TERM, days_ago=15,
    ),
    VacancySpec(
        "Elektromonteur laadpalen", "Installatie", ZWOLLE, (40, 40), (3000, 3900),
        "Steeds meer klanten rijden elektrisch. Jij zorgt dat ze thuis veilig kunnen laden.",
        ("Laadpalen installeren en aansluiten", "Groepenkasten uitbreiden",
         "Opleveren en de klant uitleg geven"),
        ("Mbo-diploma elektrotechniek", "NEN 3140 (of je haalt het bij ons)", "Rijbewijs B"),
        "Je werkt vanuit Zwolle in het hele noorden van het land.",
        days_ago=9,
    ),
    VacancySpec(
        "Projectleider installatietechniek", "Installatie", UTRECHT, (36, 40), (4200, 5600),
        "Jij leidt de verduurzaming van complete woonblokken, van kick-off tot oplevering.",
        ("Projecten voor woningcorporaties plannen en bewaken",
         "Het contact met bewoners, opdrachtgever en onderaannemers",
         "Sturen op kwaliteit, veiligheid en budget"),
        ("Hbo-werk- en denkniveau, bij voorkeur werktuigbouwkunde of installatietechniek",
         "Ervaring als projectleider in de installatietechniek", "Rijbewijs B"),
        "Je werkt samen met de werkvoorbereiders en uitvoerders in Utrecht.",
        workplace=Workplace.HYBRID, field_work=False, days_ago=18,
        extra_offer=("Een leaseauto",),
    ),
    VacancySpec(
        "Werkvoorbereider", "Werkvoorbereiding & Planning", UTRECHT, (32, 40), (3400, 4400),
        "Jij zorgt dat de monteurs met het juiste materiaal op de juiste plek staan.",
        ("Tekeningen en materiaallijsten maken", "Materiaal bestellen en de planning afstemmen",
         "Het aanspreekpunt zijn voor de uitvoerder"),
        ("Mbo-4 of hbo installatietechniek", "Ervaring met AutoCAD of Revit",
         "Je bent nauwkeurig en houdt overzicht"),
        "Het team werkvoorbereiding zit op het hoofdkantoor, vlak bij de planners.",
        workplace=Workplace.HYBRID, field_work=False, days_ago=11,
    ),
    VacancySpec(
        "Planner service (parttime)", "Werkvoorbereiding & Planning", UTRECHT, (24, 32),
        (2800, 3500),
        "Een puzzel van zestig monteurs, honderden afspraken en altijd een spoedklus erbij.",
        ("De dagplanning van de servicemonteurs maken en bijsturen",
         "Klanten en monteurs op de hoogte houden", "Spoedstoringen inpassen"),
        ("Ervaring met planning, bij voorkeur in de techniek", "Je blijft rustig als het druk is",
         "Kennis van Syntess is mooi"),
        "Je werkt met vier andere planners, op kantoor en deels thuis.",
        field_work=False, days_ago=5,
    ),
    VacancySpec(
        "Calculator installatietechniek", "Werkvoorbereiding & Planning", UTRECHT, (36, 40),
        (3500, 4600),
        "Jouw calculaties bepalen of we een project winnen, en of we er iets aan verdienen.",
        ("Calculaties maken voor installatie- en renovatieprojecten",
         "Offertes opstellen met de projectleiders", "Nacalculaties analyseren"),
        ("Ervaring als calculator in de installatietechniek", "Goed met Excel en Syntess",
         "Mbo-4 of hbo"),
        "Je werkt nauw samen met verkoop en de projectleiders.",
        workplace=Workplace.HYBRID, field_work=False, days_ago=25,
    ),
    VacancySpec(
        "Commercieel medewerker binnendienst", "Binnendienst", ROTTERDAM, (24, 32), (2700, 3300),
        "Een klant belt over een warmtepomp. Jij zorgt dat hij binnen een dag een goede offerte "
        "heeft.",
        ("Klanten telefonisch en per mail adviseren", "Offertes maken en nabellen",
         "Afspraken inplannen voor de adviseurs"),
        ("Commercieel en klantvriendelijk", "Mbo-4 werk- en denkniveau",
         "Interesse in duurzame techniek"),
        "De binnendienst in Rotterdam is een gezellig team van vijf.",
        field_work=False, days_ago=7,
    ),
    VacancySpec(
        "Adviseur verduurzaming", "Buitendienst", UTRECHT, (40, 40), (3400, 4500),
        "Jij komt bij mensen thuis en laat zien hoe hun huis van het gas af kan.",
        ("Huisbezoeken en adviesgesprekken", "Warmtepomp- en zonnepanelenplannen maken",
         "Klanten wegwijs maken in subsidies zoals de ISDE"),
        ("Kennis van warmtepompen en energielabels", "Commercieel en eerlijk", "Rijbewijs B"),
        "Je werkt in de regio Midden met drie andere adviseurs.",
        days_ago=14, extra_offer=("Een elektrische auto van de zaak",),
    ),
    VacancySpec(
        "Klantenservicemedewerker", "Klantenservice", UTRECHT, (16, 24), (2400, 2800),
        "Een klant met een koude kachel wil snel iemand aan de lijn. Dat ben jij.",
        ("Klanten te woord staan aan de telefoon en via de chat",
         "Storingen uitvragen en een monteur inplannen", "Klachten netjes afhandelen"),
        ("Je bent geduldig en helder", "Je werkt ook een avond of zaterdag per maand",
         "Goed Nederlands in woord en geschrift"),
        "Team Storingen werkt in wisselende diensten op het hoofdkantoor.",
        field_work=False, days_ago=2,
    ),
    VacancySpec(
        "Magazijnmedewerker", "Inkoop & Logistiek", MAGAZIJN, (40, 40), (2400, 2900),
        "Elke bus gaat 's ochtends vol de weg op. Dat begint bij jou in het magazijn.",
        ("Orders verzamelen voor monteurs en projecten", "Goederen ontvangen en controleren",
         "De voorraad op orde houden"),
        ("Een heftruckcertificaat, of je haalt het bij ons", "Je begint graag vroeg",
         "Je werkt nauwkeurig"),
        "Het magazijnteam in Nieuwegein begint om zes uur, en is om half drie klaar.",
        contract=ContractType.FIXED_TERM, field_work=False, days_ago=10,
    ),
    VacancySpec(
        "Chauffeur (rijbewijs C)", "Inkoop & Logistiek", MAGAZIJN, (40, 40), (2600, 3100),
        "Jij brengt de warmtepompen en materialen naar de bouwplaatsen in het hele land.",
        ("Leveringen rijden naar projecten en regiokantoren", "Laden en lossen",
         "Contact met uitvoerders op de bouwplaats"),
        ("Rijbewijs C en code 95", "Ervaring met bouwplaatsleveringen is mooi",
         "Je bent klantvriendelijk"),
        "Je bent 's avonds thuis: we rijden geen meerdaagse ritten.",
        days_ago=22,
    ),
    VacancySpec(
        "Servicedeskmedewerker ICT", "ICT", UTRECHT, (36, 40), (2900, 3700),
        "Zestig monteurs met een tablet, tweehonderd kantoorcollega's met een laptop: jij helpt "
        "ze verder.",
        ("Vragen en storingen oplossen via telefoon, chat en op locatie",
         "Laptops en telefoons uitrollen met Intune", "Meedenken over verbeteringen"),
        ("Mbo-4 ICT", "Ervaring met Microsoft 365 en Intune", "Je legt dingen geduldig uit"),
        "De servicedesk is een team van drie, onderdeel van een ICT-afdeling van acht.",
        workplace=Workplace.HYBRID, field_work=False, days_ago=13,
        english=(
            "IT service desk technician",
            "Sixty technicians with a tablet and two hundred office colleagues with a laptop: "
            "you help them get on with their work.\n\n**What you will do**\n\n"
            "- Solve questions and incidents by phone, chat and on site\n"
            "- Roll out laptops and phones with Intune\n"
            "- Suggest improvements\n\n**What we ask**\n\n"
            "- Vocational IT degree (MBO 4) or similar\n"
            "- Experience with Microsoft 365 and Intune\n"
            "- Basic Dutch: most of our colleagues speak Dutch",
        ),
    ),
    VacancySpec(
        "Data-analist", "ICT", None, (32, 40), (4000, 5200),
        "Hoeveel storingen lossen we in één keer op? Welke onderdelen raken op? Jij maakt het "
        "zichtbaar.",
        ("Dashboards bouwen in Power BI", "Data uit AFAS en Syntess koppelen en opschonen",
         "Managers helpen de juiste vragen te stellen"),
        ("Hbo of wo", "Ervaring met SQL en Power BI, Python is mooi",
         "Je vertelt een verhaal met cijfers"),
        "Je werkt volledig op afstand; één keer per maand zien we elkaar in Utrecht.",
        workplace=Workplace.REMOTE, field_work=False, days_ago=16,
        english=(
            "Data analyst",
            "How many faults do we fix the first time? Which parts run out? You make it "
            "visible.\n\n**What you will do**\n\n"
            "- Build dashboards in Power BI\n"
            "- Connect and clean data from AFAS and Syntess\n"
            "- Help managers ask the right questions\n\n**What we ask**\n\n"
            "- A bachelor's or master's degree\n"
            "- Experience with SQL and Power BI; Python is a plus\n"
            "- You live in the Netherlands: the job is fully remote, with a team day in "
            "Utrecht once a month",
        ),
    ),
    VacancySpec(
        "Online marketeer", "Marketing & Communicatie", UTRECHT, (32, 32), (3200, 4200),
        "Van zoekwoord tot offerteaanvraag: jij zorgt dat mensen die willen verduurzamen ons "
        "vinden.",
        ("SEO en Google Ads voor onze diensten", "Campagnes voor warmtepompen en zonnepanelen",
         "Meten wat werkt, en de rest stoppen"),
        ("Ervaring met SEO, SEA en analytics", "Je schrijft helder", "Hbo-werk- en denkniveau"),
        "Je werkt in het team Marketing van vier, naast de communitymanager.",
        workplace=Workplace.HYBRID, field_work=False, days_ago=19,
        english=(
            "Online marketer",
            "From search term to quote request: you make sure people who want to make their "
            "home sustainable find us.\n\n**What you will do**\n\n"
            "- SEO and Google Ads for our services\n"
            "- Campaigns for heat pumps and solar panels\n"
            "- Measure what works and stop the rest\n\n**What we ask**\n\n"
            "- Experience with SEO, SEA and analytics\n"
            "- You write clearly, in Dutch and English",
        ),
    ),
    VacancySpec(
        "Stage HR en recruitment", "HR", UTRECHT, (32, 40), (600, 600),
        "Ontdek hoe je vakmensen vindt in een krappe arbeidsmarkt, met een echte eigen "
        "opdracht.",
        ("Meewerken aan werving voor monteurs", "Een onderzoek naar onze werken-bij-site",
         "Meedraaien met het HR-team"),
        ("Je studeert HRM of toegepaste psychologie (hbo)", "Je bent nieuwsgierig",
         "Beschikbaar voor minimaal vijf maanden"),
        "Je begeleider is een van onze recruiters.",
        contract=ContractType.INTERNSHIP, field_work=False, days_ago=21, open_days=70,
    ),
    VacancySpec(
        "Financieel administrateur", "Financiën", UTRECHT, (24, 32), (3100, 3900),
        "Jij zorgt dat de cijfers kloppen en de rekeningen op tijd betaald worden.",
        ("De financiële administratie in AFAS", "Btw-aangiften voorbereiden",
         "Meewerken aan de maand- en jaarafsluiting"),
        ("Mbo-4 of hbo financieel", "Ervaring met AFAS is mooi", "Je bent precies"),
        "Het team Administratie bestaat uit vier collega's en een controller.",
        field_work=False, days_ago=27,
    ),
    VacancySpec(
        "Controller", "Financiën", UTRECHT, (36, 40), (60000, 78000),
        "Jij vertaalt de cijfers naar keuzes voor de directie.",
        ("Maand- en kwartaalrapportages", "Budgetten en prognoses", "Business cases voor "
         "investeringen"),
        ("Hbo of wo bedrijfseconomie", "Ervaring als controller", "Power BI-kennis is mooi"),
        "Je rapporteert aan het hoofd Financiën en werkt veel met de directie.",
        workplace=Workplace.HYBRID, period=SalaryPeriod.YEAR, field_work=False, days_ago=24,
        english=(
            "Controller",
            "You turn the numbers into choices for the board.\n\n**What you will do**\n\n"
            "- Monthly and quarterly reports\n"
            "- Budgets and forecasts\n"
            "- Business cases for investments\n\n**What we ask**\n\n"
            "- A degree in business economics\n"
            "- Experience as a controller\n"
            "- Dutch is a plus, not a must",
        ),
    ),
    # Closed, filled and draft vacancies: what HR sees besides the open ones.
    VacancySpec(
        "Monteur luchtbehandeling", "Installatie", ROTTERDAM, (40, 40), (3000, 3900),
        "Luchtbehandeling in kantoren en scholen.",
        ("Luchtbehandelingskasten installeren", "Inregelen en opleveren"),
        ("Ervaring met luchtbehandeling", "Rijbewijs B"),
        "Team Ventilatie werkt vanuit Rotterdam.",
        days_ago=50, state="closed",
    ),
    VacancySpec(
        "Coördinator storingsdienst", "Klantenservice", UTRECHT, (36, 40), (3100, 3900),
        "Jij houdt het overzicht als het stormt.",
        ("De storingsdienst aansturen", "Spoed inplannen"),
        ("Ervaring met planning", "Stressbestendig"),
        "Team Storingen.",
        field_work=False, days_ago=45, state="closed",
    ),
    VacancySpec(
        "Inkoper installatiematerialen", "Inkoop & Logistiek", UTRECHT, (36, 40), (3600, 4700),
        "Jij koopt de warmtepompen en onderdelen in.",
        ("Onderhandelen met leveranciers", "Contracten beheren"),
        ("Ervaring als inkoper", "Hbo-werk- en denkniveau"),
        "Het inkoopteam zit in Utrecht.",
        workplace=Workplace.HYBRID, field_work=False, days_ago=60, state="closed",
    ),
    VacancySpec(
        "Teamleider magazijn", "Inkoop & Logistiek", MAGAZIJN, (40, 40), (3300, 4100),
        "Jij leidt het magazijnteam.",
        ("Het team aansturen", "De planning maken"),
        ("Leidinggevende ervaring", "Kennis van voorraadbeheer"),
        "Het magazijn in Nieuwegein.",
        field_work=False, days_ago=80, state="filled",
    ),
    VacancySpec(
        "Subsidieadviseur", "Binnendienst", UTRECHT, (32, 40), (3200, 4000),
        "Jij helpt klanten aan de subsidie waar ze recht op hebben.",
        ("ISDE-aanvragen begeleiden", "Klanten adviseren"),
        ("Kennis van subsidieregelingen", "Klantvriendelijk"),
        "De binnendienst in Utrecht.",
        field_work=False, days_ago=0, state="draft",
    ),
)
# fmt: on


def description(spec: VacancySpec) -> str:
    offer = (*(OFFER_FIELD if spec.field_work else OFFER_OFFICE), *spec.extra_offer)
    parts = [
        spec.intro,
        "**Wat ga je doen?**",
        "\n".join(f"- {task}" for task in spec.tasks),
        "**Wat vragen we?**",
        "\n".join(f"- {ask}" for ask in spec.asks),
        "**Wat bieden we?**",
        "\n".join(f"- {item}" for item in offer),
        "**Je team**",
        spec.team,
    ]
    return "\n\n".join(parts)


def _hiring_manager(department: Department) -> Person | None:
    """The department's manager, else the nearest one above it."""
    managers = Person.objects.members().filter(granted_roles__role=Role.MANAGER.value)
    current: Department | None = department
    while current is not None:
        found = managers.filter(department=current).order_by("pk").first()
        if found is not None:
            return found
        current = current.parent
    return managers.order_by("pk").first()


def _colleagues(department: Department, rng: random.Random, hr: Person) -> list[Person]:
    members = list(
        Person.objects.members()
        .filter(department=department)
        .exclude(granted_roles__role=Role.MANAGER.value)
        .exclude(pk=hr.pk)
        .order_by("pk")[:40]
    )
    return rng.sample(members, k=min(len(members), rng.choice((0, 1, 2, 2, 3))))


def remove_careers_data() -> None:
    """Remove every careers row (vacancies keep people and departments from being deleted, so
    a demo reset removes these first)."""
    JobAlert.objects.all().delete()
    remove_applications_data()  # demo_applications.py
    StoryConsent.objects.all().delete()
    CareersStory.objects.all().delete()
    FutureColleague.objects.all().delete()
    VacancyTransition.objects.all().delete()
    Vacancy.objects.all().delete()
    CareersVideo.objects.all().delete()
    EmployerStory.objects.all().delete()


def load_demo(seed: int = 2026) -> str:
    """Add the careers demo; returns a one-line summary. Does nothing when vacancies exist."""
    if Vacancy.objects.exists():
        return f"{Vacancy.objects.count()} vacancies (already there)"
    hr = Person.objects.filter(email=HR_EMAIL).first()
    if hr is None:
        return "no careers demo: load the people demo first"
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    with transaction.atomic():
        if EmployerStory.current() is None:
            employer_story.save_employer_story(
                hr,
                intro_nl=STORY_INTRO_NL,
                body_nl=STORY_BODY_NL,
                intro_en=STORY_INTRO_EN,
                body_en=STORY_BODY_EN,
            )
        created = _vacancies(hr, rng)
        stories = _stories(hr)
        questions = load_candidate_demo(hr)
        employee = Person.objects.filter(email=EMPLOYEE_EMAIL).first()
        applications = load_applications_demo(hr, employee, seed)  # demo_applications.py
    open_count = Vacancy.objects.open().count()
    return (
        f"{created} vacancies ({open_count} open), {stories} stories on the careers site, "
        f"{questions}, {applications}"
    )


def _vacancies(hr: Person, rng: random.Random) -> int:
    departments = {d.name: d for d in Department.objects.all()}
    locations = {loc.name: loc for loc in Location.objects.all()}
    employee = Person.objects.filter(email=EMPLOYEE_EMAIL).first()
    day = today()
    created = 0
    for spec in VACANCIES:
        department = departments.get(spec.department)
        location = locations.get(spec.location) if spec.location else None
        manager = _hiring_manager(department) if department else None
        if department is None or manager is None or (spec.location and location is None):
            continue  # a trimmed-down people demo without this department or location
        data = {
            "title_nl": spec.title,
            "description_nl": description(spec),
            "title_en": spec.english[0] if spec.english else "",
            "description_en": spec.english[1] if spec.english else "",
            "department": department,
            "workplace": spec.workplace,
            "location": location,
            "hours_min": spec.hours[0],
            "hours_max": spec.hours[1],
            "salary_min": spec.salary[0],
            "salary_max": spec.salary[1],
            "salary_period": spec.period,
            "contract_type": spec.contract,
            "publish_on": day - datetime.timedelta(days=spec.days_ago),
            "closes_on": day + datetime.timedelta(days=spec.open_days),
            "recruiter": hr,
            "hiring_manager": manager,
        }
        vacancy = vacancy_services.create_vacancy(hr, data)
        created += 1
        if spec.state == "draft":
            continue
        vacancy = vacancy_services.publish_vacancy(vacancy, hr)
        if spec.state == "closed":
            vacancy_services.close_vacancy(vacancy, hr)
            continue
        if spec.state == "filled":
            vacancy_services.fill_vacancy(vacancy, hr)
            continue
        volunteers = _colleagues(department, rng, hr)
        if employee is not None and employee.department_id == department.pk:
            volunteers = [employee, *(p for p in volunteers if p.pk != employee.pk)]
        for person in volunteers:
            vacancy_services.volunteer(vacancy, person)
    return created


def _stories(hr: Person) -> int:
    """Colleagues' posts on the careers site: the authors agree (in the demo, on their behalf);
    Sanne's request still waits for her answer, so the consent step can be tried."""
    candidates = list(
        story_services.storytelling_posts(hr)
        .annotate(length=Length("body"))
        .filter(length__gte=120, length__lte=700, attachments__isnull=True)
        .exclude(author__email__in=[EMPLOYEE_EMAIL, HR_EMAIL])
        .select_related("author")
        .order_by("-id")[:200]
    )
    chosen: list[Post] = []
    authors: set[int] = set()
    for post in candidates:
        if post.author_id not in authors:
            chosen.append(post)
            authors.add(post.author_id)
        if len(chosen) == 4:
            break
    shown = 0
    for chosen_post in chosen:
        story = story_services.request_story(chosen_post, hr)
        story_services.agree_to_story(story, chosen_post.author)
        shown += 1
    employee_post = (
        story_services.storytelling_posts(hr)
        .filter(author__email=EMPLOYEE_EMAIL, attachments__isnull=True)
        .order_by("-id")
        .first()
    )
    if employee_post is not None:
        story_services.request_story(employee_post, hr)
    return shown


# --- Candidate questions and job alerts -------------------------------------------------------

# (question, the candidate's name or "", hours ago, answers: (who, text, hours after asking))
CANDIDATE_QUESTIONS: list[tuple[str, str, int, list[tuple[str, str, int]]]] = [
    (
        "Hoe ziet een gewone werkdag eruit? Rijd je alleen naar klanten of met een collega?",
        "Yusuf",
        70,
        [
            (
                "hiring_manager",
                "Je begint om half acht met de planning in de app. De eerste weken rijd je met "
                "een ervaren collega mee; daarna ga je zelfstandig op pad, met de bus van de zaak.",
                3,
            ),
            (
                "colleague",
                "En bij lastige storingen bel je gewoon even: er is altijd iemand die meedenkt.",
                5,
            ),
        ],
    ),
    (
        "Moet ik al een F-gassen-certificaat hebben, of kan ik dat bij jullie halen?",
        "",
        50,
        [
            (
                "recruiter",
                "Dat hoeft niet: je haalt het certificaat bij ons, in werktijd en op onze kosten.",
                20,
            )
        ],
    ),
    ("Is er ook een mogelijkheid om vier dagen per week te werken?", "Lotte", 26, []),
    ("Krijg ik een eigen laptop en telefoon, of werk ik met gedeelde apparatuur?", "", 4, []),
]


def load_candidate_demo(hr: Person) -> str:
    """Answered and open candidate questions on the first open vacancies (one still waiting for
    a review), and two job alert subscriptions. Through the services, as candidates, reviewers
    and answerers would do it; the candidates gave no e-mail address (nobody to mail)."""
    vacancies = list(Vacancy.objects.open().select_related("recruiter", "hiring_manager")[:2])
    if not vacancies:
        return "no candidate questions (no open vacancy)"
    now = timezone.now()
    count = 0
    for index, (text, name, hours_ago, answers) in enumerate(CANDIDATE_QUESTIONS):
        vacancy = vacancies[index % len(vacancies)]
        question = question_services.ask_question(
            vacancy, text=text, name=name, language="nl", proof_ok=True
        )
        count += 1
        asked_at = now - datetime.timedelta(hours=hours_ago)
        CandidateQuestion.objects.filter(pk=question.pk).update(asked_at=asked_at)
        if index == len(CANDIDATE_QUESTIONS) - 1:
            continue  # the newest waits for the recruiter's or hiring manager's review
        question_services.publish_question(question, vacancy.hiring_manager)
        colleague = FutureColleague.objects.shown().filter(vacancy=vacancy).first()
        for who, answer_text, after in answers:
            author = {
                "recruiter": vacancy.recruiter,
                "hiring_manager": vacancy.hiring_manager,
                "colleague": colleague.person if colleague else vacancy.recruiter,
            }[who]
            answer = question_services.answer_question(question, author, answer_text)
            answered_at = asked_at + datetime.timedelta(hours=after)
            CandidateAnswer.objects.filter(pk=answer.pk).update(created_at=answered_at)
            CandidateQuestion.objects.filter(
                pk=question.pk, first_answered_at__gt=answered_at
            ).update(first_answered_at=answered_at)
    departments = list(Department.objects.filter(vacancies__in=vacancies).distinct()[:1])
    for email, chosen, keywords in (
        ("kandidaat.de.boer@demo.plein.nl", departments, ""),
        ("kandidaat.smit@demo.plein.nl", [], "monteur, planner"),
    ):
        alert = alert_services.subscribe(
            email=email, language="nl", departments=chosen, keywords=keywords
        )
        alert_services.confirm(alert_services.confirm_token(alert))
    return f"{count} candidate questions, 2 job alert subscriptions"
