"""The demo organisation: Van Dijk Installatietechniek, a Dutch installation and maintenance
company (heating, heat pumps, ventilation, solar panels) with a head office in Utrecht, regional
offices, a warehouse and technicians on the road in vans.

Everything here is content of the organisation itself (names of departments, functions, skills,
bios), so it is Dutch and not translated.
"""

from dataclasses import dataclass

ORGANISATION_NAME = "Van Dijk Installatietechniek"
EMAIL_DOMAIN = "demo.plein.nl"
EMPLOYEE_NUMBER_PREFIX = "VD"
FIRST_EMPLOYEE_NUMBER = 10001

# Location keys used below.
UTRECHT = "utrecht"
ZWOLLE = "zwolle"
EINDHOVEN = "eindhoven"
ROTTERDAM = "rotterdam"
WAREHOUSE = "magazijn"
FIELD = "regio"


@dataclass(frozen=True)
class LocationSpec:
    key: str
    name: str
    kind: str  # a Location.Kind value
    city: str = ""
    address: str = ""


# The tables below are aligned by hand: one row per location, function or department.
# fmt: off
LOCATIONS: tuple[LocationSpec, ...] = (
    LocationSpec(UTRECHT, "Hoofdkantoor Utrecht", "head_office", "Utrecht",
                 "Orteliuslaan 12, 3528 BA Utrecht"),
    LocationSpec(ZWOLLE, "Regiokantoor Zwolle", "regional_office", "Zwolle",
                 "Hanzelaan 80, 8017 JG Zwolle"),
    LocationSpec(EINDHOVEN, "Regiokantoor Eindhoven", "regional_office", "Eindhoven",
                 "Flight Forum 40, 5657 DB Eindhoven"),
    LocationSpec(ROTTERDAM, "Regiokantoor Rotterdam", "regional_office", "Rotterdam",
                 "Kratonkade 4, 3024 ES Rotterdam"),
    LocationSpec(WAREHOUSE, "Magazijn Nieuwegein", "site", "Nieuwegein",
                 "Laagraven 30, 3439 LK Nieuwegein"),
    LocationSpec(FIELD, "Buitendienst / in de regio", "field"),
)


@dataclass(frozen=True)
class FunctionSpec:
    title: str
    weight: int
    skills: tuple[str, ...]
    location: str | None = None  # a location key; None: one of the department's offices
    flexible_share: float = 0.0  # chance that someone in this function is a flexible worker
    team: str | None = None  # None: one of the department's teams


@dataclass(frozen=True)
class DepartmentSpec:
    key: str
    name: str
    code: str
    parent: str | None
    weight: float  # share of the headcount
    manager_title: str
    offices: tuple[tuple[str, int], ...]  # (location key, weight); the first is the manager's
    functions: tuple[FunctionSpec, ...]
    skills: tuple[str, ...] = ()  # shared by the whole department
    teams: tuple[str, ...] = ()
    # What the department does, for bios ("zorg ik ervoor dat ...").
    purpose: str = ""


def _service_functions() -> tuple[FunctionSpec, ...]:
    return (
        FunctionSpec("Servicemonteur", 10,
                     ("Cv-ketels", "Warmtepompen", "Storingsanalyse", "Klantgesprekken"),
                     FIELD, 0.18),
        FunctionSpec("Eerste servicemonteur", 3,
                     ("Warmtepompen", "F-gassen", "Storingsanalyse", "Regeltechniek",
                      "Werkbegeleiding"), FIELD, 0.03),
        FunctionSpec("Storingsmonteur", 3,
                     ("Storingsanalyse", "Cv-ketels", "Gastechniek", "Regeltechniek"),
                     FIELD, 0.15),
        FunctionSpec("Leerling-monteur", 2, ("Cv-ketels", "Gastechniek"), FIELD, 0.1),
        FunctionSpec("Monteur ventilatie", 2,
                     ("Ventilatiesystemen", "WTW-units", "Luchtkwaliteit"), FIELD, 0.25),
        FunctionSpec("Servicecoördinator", 2, ("Planning", "Klantgesprekken", "Syntess")),
        FunctionSpec("Planner", 2, ("Planning", "Excel", "Syntess"), None, 0.15),
    )


_SERVICE_SKILLS = ("Rijbewijs B", "VCA", "Veilig werken")
_SERVICE_PURPOSE = "onze klanten in de regio snel weer warm en droog zitten"

DEPARTMENTS: tuple[DepartmentSpec, ...] = (
    DepartmentSpec(
        "directie", "Directie", "DIR", None, 1.0, "Algemeen directeur", ((UTRECHT, 1),),
        (
            FunctionSpec("Managementassistent", 3, ("Agendabeheer", "Notuleren", "Microsoft 365")),
            FunctionSpec("Bestuurssecretaris", 1, ("Governance", "Notuleren")),
            FunctionSpec("Adviseur duurzaamheid", 1, ("Duurzaamheid", "CSRD-rapportage")),
        ),
        skills=("Strategie", "Stakeholdermanagement"),
        purpose="het bedrijf koers houdt",
    ),
    DepartmentSpec(
        "operations", "Operations", "OPS", None, 0.8, "Operationeel directeur", ((UTRECHT, 1),),
        (
            FunctionSpec("Kwaliteitscoördinator", 2,
                         ("VCA", "ISO 9001", "Kwaliteitsmanagement")),
            FunctionSpec("KAM-coördinator", 1,
                         ("VCA VOL", "Veilig werken", "Risico-inventarisatie")),
            FunctionSpec("Operationeel assistent", 2, ("Excel", "Planning", "AFAS")),
        ),
        purpose="onze monteurs veilig en goed voorbereid op pad gaan",
    ),
    DepartmentSpec(
        "service_noord", "Service Noord", "OPS-SN", "operations", 11, "Regiomanager Service Noord",
        ((ZWOLLE, 1),), _service_functions(), _SERVICE_SKILLS,
        ("Team Groningen", "Team Friesland", "Team Overijssel"), _SERVICE_PURPOSE,
    ),
    DepartmentSpec(
        "service_midden", "Service Midden", "OPS-SM", "operations", 12,
        "Regiomanager Service Midden", ((UTRECHT, 1),), _service_functions(), _SERVICE_SKILLS,
        ("Team Utrecht", "Team Amersfoort", "Team Gooi en Vecht"), _SERVICE_PURPOSE,
    ),
    DepartmentSpec(
        "service_zuid", "Service Zuid", "OPS-SZ", "operations", 11, "Regiomanager Service Zuid",
        ((EINDHOVEN, 1),), _service_functions(), _SERVICE_SKILLS,
        ("Team Eindhoven", "Team Tilburg", "Team Limburg"), _SERVICE_PURPOSE,
    ),
    DepartmentSpec(
        "service_west", "Service West", "OPS-SW", "operations", 10, "Regiomanager Service West",
        ((ROTTERDAM, 1),), _service_functions(), _SERVICE_SKILLS,
        ("Team Rotterdam", "Team Den Haag", "Team Dordrecht"), _SERVICE_PURPOSE,
    ),
    DepartmentSpec(
        "installatie", "Installatie", "OPS-INS", "operations", 14, "Manager Installatie",
        ((UTRECHT, 2), (ROTTERDAM, 1), (EINDHOVEN, 1), (ZWOLLE, 1)),
        (
            FunctionSpec("Installatiemonteur", 8,
                         ("Warmtepompen", "Leidingwerk", "Solderen", "Hydraulisch inregelen"),
                         FIELD, 0.25),
            FunctionSpec("Zonnepanelenmonteur", 4,
                         ("Zonnepanelen", "Omvormers", "Werken op hoogte", "NEN 1010"),
                         FIELD, 0.4, "Team Zonnepanelen"),
            FunctionSpec("Elektromonteur", 3, ("NEN 3140", "NEN 1010", "Laadpalen", "Omvormers"),
                         FIELD, 0.25),
            FunctionSpec("Monteur luchtbehandeling", 2,
                         ("Ventilatiesystemen", "Luchtbehandeling", "F-gassen"),
                         FIELD, 0.25, "Team Ventilatie"),
            FunctionSpec("Projectleider", 2, ("Projectmanagement", "Calculatie", "Klantgesprekken"),
                         None, 0.1),
            FunctionSpec("Uitvoerder", 2, ("Werkbegeleiding", "VCA VOL", "Planning"), FIELD, 0.1),
        ),
        ("Rijbewijs B", "VCA"),
        ("Team Warmtepompen", "Team Zonnepanelen", "Team Ventilatie", "Team Utiliteit"),
        "nieuwe installaties in één keer goed worden opgeleverd",
    ),
    DepartmentSpec(
        "werkvoorbereiding", "Werkvoorbereiding & Planning", "OPS-WVB", "operations", 5,
        "Hoofd Werkvoorbereiding", ((UTRECHT, 1),),
        (
            FunctionSpec("Werkvoorbereider", 4,
                         ("Werkvoorbereiding", "AutoCAD", "Calculatie", "Syntess"), None, 0.15),
            FunctionSpec("Calculator", 2, ("Calculatie", "Excel", "Syntess"), None, 0.1),
            FunctionSpec("Planner", 3, ("Planning", "Excel", "Syntess", "Klantgesprekken"),
                         None, 0.2),
            FunctionSpec("Tekenaar installatietechniek", 1, ("AutoCAD", "Revit", "BIM"), None, 0.1),
        ),
        purpose="de monteurs met het juiste materiaal op de juiste plek staan",
    ),
    DepartmentSpec(
        "verkoop", "Verkoop", "VRK", None, 0.6, "Commercieel directeur", ((UTRECHT, 1),),
        (FunctionSpec("Commercieel assistent", 1, ("CRM", "Excel", "Offertes")),),
        purpose="we groeien met klanten die blijven",
    ),
    DepartmentSpec(
        "binnendienst", "Binnendienst", "VRK-BI", "verkoop", 5, "Teamleider Binnendienst",
        ((UTRECHT, 3), (ROTTERDAM, 1), (ZWOLLE, 1), (EINDHOVEN, 1)),
        (
            FunctionSpec("Commercieel medewerker binnendienst", 5,
                         ("Offertes", "Klantgesprekken", "CRM", "Excel"), None, 0.15),
            FunctionSpec("Offertecalculator", 2, ("Calculatie", "Offertes", "Excel"), None, 0.05),
            FunctionSpec("Subsidieadviseur", 1,
                         ("ISDE-subsidie", "Energielabels", "Klantgesprekken"), None, 0.05),
        ),
        teams=("Particulier", "Zakelijk"),
        purpose="elke aanvraag binnen een dag een goede offerte krijgt",
    ),
    DepartmentSpec(
        "buitendienst", "Buitendienst", "VRK-BU", "verkoop", 5, "Salesmanager", ((UTRECHT, 1),),
        (
            FunctionSpec("Accountmanager", 5,
                         ("Accountmanagement", "Onderhandelen", "CRM", "Netwerken"), FIELD, 0.05),
            FunctionSpec("Adviseur verduurzaming", 3,
                         ("Warmtepompen", "Zonnepanelen", "Energielabels", "Klantgesprekken"),
                         FIELD, 0.1),
            FunctionSpec("Key accountmanager zakelijk", 1,
                         ("Accountmanagement", "Aanbestedingen", "Onderhandelen"), FIELD),
        ),
        ("Rijbewijs B",),
        ("Regio Noord", "Regio Midden", "Regio Zuid", "Regio West"),
        "woningcorporaties en particulieren bij ons blijven",
    ),
    DepartmentSpec(
        "klantenservice", "Klantenservice", "KS", None, 8, "Teamleider Klantenservice",
        ((UTRECHT, 2), (ROTTERDAM, 1)),
        (
            FunctionSpec("Klantenservicemedewerker", 8,
                         ("Klantgesprekken", "Telefonie", "Klachtafhandeling", "Zendesk"),
                         None, 0.25),
            FunctionSpec("Coördinator storingsdienst", 1,
                         ("Planning", "Storingsanalyse", "Klantgesprekken"), None, 0.1,
                         "Team Storingen"),
            FunctionSpec("Medewerker nazorg", 2,
                         ("Klachtafhandeling", "Klantgesprekken", "Zendesk"), None, 0.2,
                         "Team Nazorg"),
            FunctionSpec("Kwaliteitsmedewerker klantcontact", 1,
                         ("Kwaliteitsmanagement", "Coaching", "Zendesk")),
        ),
        teams=("Team Storingen", "Team Planning & afspraken", "Team Nazorg"),
        purpose="een klant met een koude kachel snel iemand aan de lijn heeft",
    ),
    DepartmentSpec(
        "hr", "HR", "HR", None, 3, "HR-manager", ((UTRECHT, 1),),
        (
            FunctionSpec("HR-adviseur", 3,
                         ("Arbeidsrecht", "Verzuimbegeleiding", "AFAS", "Gesprekstechnieken"),
                         team="HR Advies"),
            FunctionSpec("Recruiter", 3,
                         ("Werving & selectie", "LinkedIn Recruiter", "Arbeidsmarktcommunicatie",
                          "Employer branding"), None, 0.2, "Recruitment"),
            FunctionSpec("Salarisadministrateur", 2,
                         ("Loonadministratie", "AFAS", "Cao Metaal & Techniek"),
                         team="Salarisadministratie"),
            FunctionSpec("Opleidingscoördinator", 1, ("Opleidingsbeleid", "E-learning", "Planning"),
                         team="Opleidingen"),
            FunctionSpec("HR-assistent", 1, ("AFAS", "Personeelsdossiers", "Microsoft 365"),
                         None, 0.2, "HR Advies"),
        ),
        teams=("HR Advies", "Recruitment", "Salarisadministratie", "Opleidingen"),
        purpose="we goede vakmensen vinden en houden",
    ),
    DepartmentSpec(
        "financien", "Financiën", "FIN", None, 4, "Hoofd Financiën", ((UTRECHT, 1),),
        (
            FunctionSpec("Financieel administrateur", 4,
                         ("Boekhouden", "AFAS", "Excel", "Btw-aangifte"), team="Administratie"),
            FunctionSpec("Crediteurenadministrateur", 2, ("Crediteurenbeheer", "AFAS", "Excel"),
                         None, 0.2, "Debiteuren & crediteuren"),
            FunctionSpec("Debiteurenbeheerder", 2,
                         ("Debiteurenbeheer", "Klantgesprekken", "AFAS"), None, 0.2,
                         "Debiteuren & crediteuren"),
            FunctionSpec("Controller", 1, ("Power BI", "Excel", "Budgettering", "Rapportages"),
                         team="Control"),
        ),
        teams=("Administratie", "Debiteuren & crediteuren", "Control"),
        purpose="de cijfers kloppen en de rekeningen op tijd betaald worden",
    ),
    DepartmentSpec(
        "ict", "ICT", "ICT", None, 3, "ICT-manager", ((UTRECHT, 1),),
        (
            FunctionSpec("Servicedeskmedewerker", 3,
                         ("Microsoft 365", "Intune", "Servicedesk", "Netwerkbeheer"), None, 0.2,
                         "Servicedesk"),
            FunctionSpec("Applicatiebeheerder", 2, ("AFAS", "Syntess", "SQL", "Functioneel beheer"),
                         team="Applicaties"),
            FunctionSpec("Systeembeheerder", 2,
                         ("Azure", "Netwerkbeheer", "Informatiebeveiliging", "PowerShell"),
                         team="Infrastructuur"),
            FunctionSpec("Data-analist", 1, ("Power BI", "SQL", "Python"), team="Data"),
        ),
        teams=("Servicedesk", "Applicaties", "Infrastructuur", "Data"),
        purpose="iedereen, ook in de bus, gewoon kan werken",
    ),
    DepartmentSpec(
        "marketing", "Marketing & Communicatie", "MC", None, 2.5,
        "Manager Marketing & Communicatie", ((UTRECHT, 1),),
        (
            FunctionSpec("Communicatieadviseur", 2,
                         ("Interne communicatie", "Copywriting", "Social media"),
                         team="Communicatie"),
            FunctionSpec("Online marketeer", 2, ("SEO", "Google Ads", "Social media", "Analytics"),
                         team="Marketing"),
            FunctionSpec("Contentmaker", 1, ("Copywriting", "Video", "Fotografie", "Social media"),
                         None, 0.3, "Communicatie"),
            FunctionSpec("Grafisch vormgever", 1, ("Adobe InDesign", "Huisstijl", "Fotografie"),
                         None, 0.3, "Marketing"),
        ),
        teams=("Marketing", "Communicatie"),
        purpose="collega's en klanten weten wat er speelt",
    ),
    DepartmentSpec(
        "inkoop_logistiek", "Inkoop & Logistiek", "IL", None, 5, "Manager Inkoop & Logistiek",
        ((WAREHOUSE, 4), (UTRECHT, 1)),
        (
            FunctionSpec("Magazijnmedewerker", 6,
                         ("Orderpicken", "Heftruckcertificaat", "Voorraadbeheer"),
                         WAREHOUSE, 0.4, "Magazijn"),
            FunctionSpec("Chauffeur", 2, ("Rijbewijs C", "Code 95", "Routeplanning"),
                         WAREHOUSE, 0.3, "Transport"),
            FunctionSpec("Inkoper", 2,
                         ("Inkoop", "Onderhandelen", "Leveranciersmanagement", "AFAS"),
                         UTRECHT, team="Inkoop"),
            FunctionSpec("Voorraadbeheerder", 1, ("Voorraadbeheer", "Excel", "AFAS"),
                         WAREHOUSE, team="Magazijn"),
            FunctionSpec("Teamleider magazijn", 1, ("Leidinggeven", "Planning", "Voorraadbeheer"),
                         WAREHOUSE, team="Magazijn"),
        ),
        teams=("Magazijn", "Transport", "Inkoop"),
        purpose="elke bus 's ochtends vol de weg op gaat",
    ),
)

# Names for colleagues whose background is not (only) Dutch; the Dutch names come from Faker.
TURKISH_FIRST_NAMES = ("Emre", "Mehmet", "Murat", "Yusuf", "Burak", "Hakan", "Kerem", "Ayşe",
                       "Elif", "Zeynep", "Fatma", "Esra", "Derya", "Selin")
TURKISH_LAST_NAMES = ("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Arslan", "Doğan",
                      "Aydın", "Koç", "Kurt", "Polat")
MOROCCAN_FIRST_NAMES = ("Mohamed", "Youssef", "Bilal", "Soufiane", "Anouar", "Mourad", "Nadia",
                        "Fatima", "Samira", "Yasmina", "Naima", "Ilham")
MOROCCAN_LAST_NAMES = ("El Amrani", "Bouzid", "El Idrissi", "Azzouz", "Benali", "Ouali",
                       "Ait Taleb", "Bouchtaoui", "Haddouchi", "Ziani")
POLISH_FIRST_NAMES = ("Piotr", "Tomasz", "Krzysztof", "Marek", "Paweł", "Łukasz", "Michał",
                      "Jakub", "Agnieszka", "Katarzyna")
POLISH_LAST_NAMES = ("Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski",
                     "Zieliński", "Szymański", "Woźniak", "Dąbrowski")
INTERNATIONAL_FIRST_NAMES = ("James", "Olivia", "Daniel", "Priya", "Arjun", "Sofia", "Lucas",
                             "Emma", "Mateo", "Hannah")
INTERNATIONAL_LAST_NAMES = ("Smith", "Patel", "García", "Rossi", "O'Brien", "Müller", "Kumar",
                            "Fernandes", "Novak", "Andersson")

# Certificates and licences: real skills on a profile, but not what anyone writes a bio about.
QUALIFICATIONS = frozenset({"Rijbewijs B", "Rijbewijs C", "Code 95", "VCA", "VCA VOL",
                            "Veilig werken", "Heftruckcertificaat"})
NAME_PREFIX_WORDS = frozenset({"van", "de", "der", "den", "het", "'t", "ter", "ten", "te", "in",
                               "op", "uit", "la", "le", "du", "d'", "'s"})
# fmt: on

HOBBIES = (
    "In het weekend sta ik langs de lijn bij de voetbalclub van mijn zoon.",
    "Ik fiets graag, het liefst over de Utrechtse Heuvelrug.",
    "Thuis wordt er altijd wel ergens aan geklust.",
    "Buiten het werk speel ik gitaar in een coverband.",
    "Ik ben vrijwilliger bij de brandweer in mijn dorp.",
    "Mijn hond houdt me elke ochtend om half zeven scherp.",
    "Ik loop hard en train voor de Singelloop.",
    "In mijn vrije tijd kook ik graag voor vrienden.",
    "Ik korfbal al jaren bij dezelfde club.",
    "Zeilen op de Friese meren is mijn grote hobby.",
    "Ik ben net vader geworden, dus slaap is schaars.",
    "Ik zit in de moestuinvereniging en deel graag mijn courgettes.",
)

BIO_TEMPLATES = (
    "Sinds {year} {function} bij Van Dijk. {hobby}",
    "Ik ben {function} bij {department}. Vragen over {skill}? Stuur me gerust een bericht.",
    "Als {function} zorg ik ervoor dat {purpose}. {hobby}",
    "{hobby} Op het werk houd ik me vooral bezig met {skill} en {other_skill}.",
    "Werk sinds {year} bij {department}. Ik weet veel van {skill}, dus vraag maar raak.",
)
