"""The scripted part of the demo community: who plays which part, the groups they start, and the
stories that run through several months of posts.

The stories (from the brief behind Plein): sales colleagues each report the same customer
complaint in their own words until the commercial director acts on it; the operations director
raises a problem and a service technician answers how it has long been solved on the road;
project groups say what they are working on and how their projects stand.

Texts are Dutch (content of the organisation). In a text, `{@key}` mentions the cast member
`key`, `{&key}` mentions the group `key`, and `{plaats}` is a town in the author's region.
"""

from dataclasses import dataclass, field

from plein.people.demo.accounts import DEMO_PEOPLE

# --- the cast --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CastSpec:
    """Who plays a part: a demo account by e-mail, or someone from these departments (and their
    sub-departments) with one of these job titles, in order of preference."""

    departments: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    email: str = ""


_DEMO_EMAIL = {spec.mailbox: spec.email for spec in DEMO_PEOPLE}
SERVICE = ("Service Noord", "Service Midden", "Service Zuid", "Service West")
MONTEURS = ("Eerste servicemonteur", "Servicemonteur", "Storingsmonteur")

# fmt: off
CAST: dict[str, CastSpec] = {
    # The demo accounts.
    "sanne": CastSpec(email=_DEMO_EMAIL["medewerker"]),
    "yusuf": CastSpec(email=_DEMO_EMAIL["flex"]),
    "marieke": CastSpec(email=_DEMO_EMAIL["manager"]),
    "noor": CastSpec(email=_DEMO_EMAIL["community"]),
    "lotte": CastSpec(email=_DEMO_EMAIL["hr"]),
    "ruben": CastSpec(email=_DEMO_EMAIL["admin"]),
    # Leadership.
    "ceo": CastSpec(("Directie",), ("Algemeen directeur",)),
    "coo": CastSpec(("Operations",), ("Operationeel directeur",)),
    "cco": CastSpec(("Verkoop",), ("Commercieel directeur",)),
    "installatie_manager": CastSpec(("Installatie",), ("Manager Installatie",)),
    "hoofd_wvb": CastSpec(("Werkvoorbereiding & Planning",), ("Hoofd Werkvoorbereiding",)),
    "inkoop_manager": CastSpec(("Inkoop & Logistiek",), ("Manager Inkoop & Logistiek",)),
    "hr_manager": CastSpec(("HR",), ("HR-manager",)),
    "fin_head": CastSpec(("Financiën",), ("Hoofd Financiën",)),
    "ks_teamleider": CastSpec(("Klantenservice",), ("Teamleider Klantenservice",)),
    "regio_noord": CastSpec(("Service Noord",), ("Regiomanager Service Noord",)),
    "regio_zuid": CastSpec(("Service Zuid",), ("Regiomanager Service Zuid",)),
    "regio_west": CastSpec(("Service West",), ("Regiomanager Service West",)),
    # Sales: the four who hear the same complaint.
    "sales_binnen_1": CastSpec(("Binnendienst",), ("Commercieel medewerker binnendienst",)),
    "sales_binnen_2": CastSpec(("Binnendienst",), ("Commercieel medewerker binnendienst",)),
    "sales_buiten_1": CastSpec(("Buitendienst",), ("Adviseur verduurzaming", "Accountmanager")),
    "sales_key": CastSpec(("Buitendienst",), ("Key accountmanager zakelijk", "Accountmanager")),
    # On the road, in the office and in the warehouse.
    "projectleider": CastSpec(("Installatie",), ("Projectleider",)),
    "projectleider_2": CastSpec(("Installatie",), ("Projectleider", "Uitvoerder")),
    "uitvoerder": CastSpec(("Installatie",), ("Uitvoerder", "Installatiemonteur")),
    "zonnepanelen_monteur": CastSpec(("Installatie",), ("Zonnepanelenmonteur",)),
    "werkvoorbereider": CastSpec(("Werkvoorbereiding & Planning",), ("Werkvoorbereider",)),
    "planner_lead": CastSpec(("Werkvoorbereiding & Planning",), ("Planner",)),
    "monteur_midden": CastSpec(("Service Midden",), MONTEURS),
    "monteur_noord": CastSpec(("Service Noord",), MONTEURS),
    "monteur_west": CastSpec(("Service West",), MONTEURS),
    "vakgroep_lead": CastSpec(("Service Zuid",), ("Eerste servicemonteur", "Servicemonteur")),
    "kam": CastSpec(("Operations",), ("KAM-coördinator", "Kwaliteitscoördinator")),
    "ks_medewerker": CastSpec(("Klantenservice",), ("Klantenservicemedewerker",)),
    "inkoper": CastSpec(("Inkoop & Logistiek",), ("Inkoper", "Voorraadbeheerder")),
    "magazijn_tl": CastSpec(("Inkoop & Logistiek",), ("Teamleider magazijn", "Magazijnmedewerker")),
    "chauffeur": CastSpec(("Inkoop & Logistiek",), ("Chauffeur", "Magazijnmedewerker")),
    "fotograaf": CastSpec(("Marketing & Communicatie",), ("Contentmaker", "Grafisch vormgever")),
}
# fmt: on

# --- groups ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupSpec:
    key: str
    name: str
    kind: str  # a Group.Kind value
    visibility: str  # a Group.Visibility value
    description: str
    admin: str  # the cast member who starts the group
    co_admins: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    # Others who join: active people in these departments (with their sub-departments), with
    # these job titles or at these locations (any of them; none given: anyone), each with a
    # chance of `crowd_share`, at most `crowd_max` of them.
    crowd_departments: tuple[str, ...] = ()
    crowd_titles: tuple[str, ...] = ()
    crowd_locations: tuple[str, ...] = ()
    crowd_share: float = 0.0
    crowd_max: int | None = None
    # Closed groups: this many people asked to join and wait for an admin.
    pending_requests: int = 0


# fmt: off
GROUPS: tuple[GroupSpec, ...] = (
    GroupSpec(
        "woonstede", "Warmtepompen Woonstede Zwolle", "project", "closed",
        "Projectgroep voor de 120 lucht-waterwarmtepompen die we voor woningcorporatie Woonstede "
        "in Zwolle plaatsen: planning, tekeningen, bewonerscontact en de stand van het project. "
        "Alleen voor het projectteam.",
        "projectleider", co_admins=("uitvoerder",),
        members=("uitvoerder", "installatie_manager", "werkvoorbereider", "planner_lead",
                 "inkoper", "sales_key", "regio_noord", "monteur_noord"),
        crowd_departments=("Installatie",), crowd_titles=("Installatiemonteur", "Elektromonteur"),
        crowd_share=1.0, crowd_max=8, pending_requests=2,
    ),
    GroupSpec(
        "scholen", "Zonnepanelen scholen Eindhoven", "project", "open",
        "Negen basisscholen in Eindhoven krijgen samen 1.450 zonnepanelen. We werken in de "
        "schoolvakanties en op woensdagmiddagen.",
        "projectleider_2",
        members=("zonnepanelen_monteur", "regio_zuid", "werkvoorbereider", "sales_buiten_1"),
        crowd_titles=("Zonnepanelenmonteur", "Elektromonteur"), crowd_share=1.0, crowd_max=8,
    ),
    GroupSpec(
        "planning", "Nieuwe planningssoftware", "project", "open",
        "We vervangen het planbord en de Excel-lijsten door één planningssysteem, gekoppeld aan "
        "Syntess, met de monteursapp op de tablet. Pilot bij Service Midden.",
        "hoofd_wvb", co_admins=("ruben",),
        members=("ruben", "marieke", "sanne", "planner_lead", "ks_teamleider", "monteur_midden",
                 "coo"),
        crowd_titles=("Planner", "Servicecoördinator"), crowd_share=1.0, crowd_max=12,
    ),
    GroupSpec(
        "bussen", "Overstap elektrische bussen", "project", "open",
        "Van diesel naar elektrisch: de proef met elektrische servicebussen, laden bij kantoor, "
        "magazijn en thuis, en de planning van de overstap.",
        "inkoop_manager",
        members=("yusuf", "chauffeur", "magazijn_tl", "fin_head", "coo", "marieke"),
        crowd_departments=("Inkoop & Logistiek",), crowd_share=1.0, crowd_max=6,
    ),
    GroupSpec(
        "reorganisatie", "Reorganisatie Inkoop (vertrouwelijk)", "project", "secret",
        "Voorbereiding van het samenvoegen van inkoop en magazijnplanning. Vertrouwelijk tot de "
        "OR heeft geadviseerd en het team is geïnformeerd.",
        "inkoop_manager", members=("ceo", "hr_manager", "fin_head", "lotte"),
    ),
    GroupSpec(
        "vakgroep", "Vakgroep warmtepompen", "discipline", "open",
        "Kennis delen over warmtepompen: storingen, inregelen, nieuwe types en tips van "
        "onderweg. Domme vragen bestaan niet.",
        "vakgroep_lead", co_admins=("sanne",),
        members=("sanne", "marieke", "coo", "monteur_noord", "monteur_midden", "monteur_west",
                 "installatie_manager", "hoofd_wvb", "sales_buiten_1", "magazijn_tl",
                 "uitvoerder"),
        crowd_departments=(*SERVICE, "Installatie"), crowd_share=0.4,
    ),
    GroupSpec(
        "veiligheid", "Veilig werken / VCA", "discipline", "open",
        "Toolboxen, werkinstructies, meldingen van (bijna-)ongevallen en alles over VCA. Zie je "
        "iets onveiligs? Meld het hier of bij je leidinggevende.",
        "kam",
        members=("sanne", "yusuf", "marieke", "coo", "installatie_manager", "uitvoerder",
                 "regio_noord", "regio_zuid", "regio_west", "magazijn_tl"),
        crowd_departments=("Operations", "Inkoop & Logistiek"), crowd_share=0.3,
    ),
    GroupSpec(
        "hardlopen", "Hardlopen", "interest", "open",
        "Samen trainen, meedoen aan lopen in het land en elkaar aanmoedigen. Alle tempo's "
        "welkom.",
        "lotte", members=("sanne", "noor", "monteur_midden", "fin_head"), crowd_share=0.06,
    ),
    GroupSpec(
        "fotografie", "Fotografie", "interest", "open",
        "Voor iedereen die graag fotografeert: tips, fotowandelingen en de foto van de week.",
        "fotograaf", members=("noor", "ruben", "yusuf", "zonnepanelen_monteur"),
        crowd_share=0.05,
    ),
    GroupSpec(
        "koffiehoek", "Koffiehoek Utrecht", "interest", "open",
        "Taart-alerts, gevonden voorwerpen, de vrijdagmiddagborrel en alles wat er verder speelt "
        "op het hoofdkantoor.",
        "noor", members=("lotte", "ruben", "marieke", "sanne", "ceo"),
        crowd_locations=("Hoofdkantoor Utrecht",), crowd_share=0.5,
    ),
)
# fmt: on

# --- scripted posts --------------------------------------------------------------------------


@dataclass(frozen=True)
class ScriptedComment:
    author: str
    text: str
    after: int  # minutes after the post
    replies: tuple["ScriptedComment", ...] = ()
    reactions: tuple[tuple[str, str], ...] = ()  # (cast key, Reaction.Kind value)
    likes: int = 0  # further likes from colleagues


@dataclass(frozen=True)
class ScriptedPost:
    day: int  # days ago
    at: str  # "HH:MM", local time
    author: str
    text: str
    # None: organisation-wide; a GroupSpec key; "dept:<name>" or "loc:<name>" for the group of
    # a department or a location.
    group: str | None = None
    status: str = ""  # a project status: makes it a "working on" post
    comments: tuple[ScriptedComment, ...] = ()
    reactions: tuple[tuple[str, str], ...] = ()
    crowd: int = 0  # further reactions from colleagues who can see the post
    tone: str = "news"  # for the kinds of the crowd's reactions (see content.REACTIONS_BY_TONE)
    key: str = ""  # for posts that other scenes refer to
    story: str = ""  # "complaint", "problem": what the tests look for
    share_of: str = ""  # the key of a post this one shares
    first_draft: str = ""  # published like this first, then edited to `text`
    pinned: bool = False  # pinned by the group's admin
    bookmarked_by: tuple[str, ...] = field(default_factory=tuple)


C = ScriptedComment
S = ScriptedPost

# fmt: off
LAUNCH: tuple[ScriptedPost, ...] = (
    S(118, "09:05", "noor",
      "Welkom op **Plein**! 🎉 Vanaf vandaag hebben we één plek waar we elkaar op de hoogte "
      "houden: van het hoofdkantoor in Utrecht tot de bus in Heerenveen. Vertel waar je mee "
      "bezig bent, stel je vraag en deel wat goed gaat (en wat beter kan).\n\n"
      "- Volg collega's en onderwerpen, zoals #warmtepompen of #veiligheid\n"
      "- Word lid van de groep van je vakgebied of je hobby\n"
      "- Zet een @ voor een naam om een collega erbij te halen\n\n"
      "Vragen? Stel ze hieronder. #welkom",
      first_draft="Welkom op **Plein**! Vanaf vandaag hebben we één plek waar we elkaar op de "
      "hoogte houden: van het hoofdkantoor in Utrecht tot de bus in Heerenven. #welkom",
      comments=(
          C("ceo", "Mooi dat het zo ver is. Ik ben benieuwd naar jullie verhalen van onderweg!",
            35),
          C("monteur_west", "Eindelijk niet meer veertig berichten in de groepsapp 😄", 80,
            replies=(C("noor", "Dat is precies de bedoeling!", 95),)),
      ),
      crowd=28, tone="praise"),
    S(117, "10:30", "ceo",
      "Een paar woorden bij de start van Plein. Toen ik als monteur begon, hoorde ik het "
      "belangrijkste in de bus en bij de koffieautomaat, niet in de nieuwsbrief. Dat wil ik "
      "terug. Jullie weten vaak eerder dan ik waar het schuurt: schrijf het op, ook als het "
      "kritiek is. Ik lees mee en reageer zelf. #welkom",
      comments=(
          C("regio_zuid", "Goed om te horen. Ik ga het mijn team ook zo vertellen.", 60),
          C("sanne", "Afgesproken! Dan ben ik benieuwd hoe snel het antwoord komt 😉", 140,
            replies=(C("ceo", "Houd me eraan, {@sanne}.", 170),)),
      ),
      crowd=32, tone="praise"),
    S(116, "08:15", "ruben",
      "Tip: zet Plein als snelkoppeling op het beginscherm van je telefoon of van de tablet in "
      "de bus (in de browser: 'Toevoegen aan beginscherm'). Inloggen gaat met je gewone "
      "werkaccount. Lukt het niet? Bel de servicedesk of reageer hier. #ict",
      comments=(
          C("yusuf", "Werkt op de tablet in de bus 👍", 50),
          C("monteur_noord", "Kan het ook op de oude telefoons van de zaak?", 90,
            replies=(C("ruben", "Ja, alles vanaf Android 10 werkt. Ouder toestel? Dan ruilen "
                     "we hem om.", 120),)),
      ),
      crowd=12, tone="tip"),
    S(115, "07:40", "sanne",
      "Eerste bericht vanuit de bus ☕ Vandaag drie onderhoudsbeurten in Houten en een storing "
      "in Nieuwegein. Heb je een vraag over warmtepompen? Stel hem gerust, ik deel graag wat ik "
      "onderweg leer. #warmtepompen",
      comments=(C("marieke", "Goed voorbeeld, Sanne! 👏", 45),),
      crowd=15, tone="social"),
    S(112, "11:00", "lotte",
      "Welkom aan de nieuwe collega's van deze maand! 👋 Drie servicemonteurs, twee collega's "
      "op het magazijn en een planner. Zie je een nieuw gezicht? Zeg even hallo. #welkom",
      crowd=20, tone="praise"),
    S(100, "16:20", "marieke",
      "Werkoverleg Service Midden is verplaatst naar donderdag 7.30 uur in Utrecht, met ontbijt. "
      "Op de agenda: de nieuwe monteursapp, de terugkomers bij warmtepompen en de "
      "verlofplanning. #planning",
      group="dept:Service Midden", crowd=8),
    S(90, "10:10", "noor",
      "Fotowedstrijd 'Ons werk van dichtbij'! Deel in {&fotografie} je mooiste foto van "
      "onderweg: strak leidingwerk, een zonsopkomst vanaf het dak, je bus in de sneeuw. De "
      "winnaar komt op de cover van het personeelsblad. #fotowedstrijd",
      crowd=14, tone="social"),
    S(80, "17:45", "yusuf",
      "Week drie bij Van Dijk. Wat me opvalt: iedereen helpt je meteen als je belt met een "
      "vraag. Vandaag een lastige Intergas in Amersfoort opgelost met telefonische hulp van "
      "{@sanne}. Dank je! #storingen",
      comments=(C("sanne", "Graag gedaan! Die ontstekingspen is een bekende, goed gevonden.",
                  40),),
      crowd=16, tone="praise"),
    S(75, "09:00", "ruben",
      "Vanaf volgende week is inloggen in twee stappen verplicht voor iedereen die met "
      "klantgegevens werkt. Je krijgt een mail met uitleg; het kost je vijf minuten. Lukt het "
      "niet, dan helpt de servicedesk. #ict #veiligheid",
      comments=(C("ks_medewerker", "Moet dat ook op de computer bij de telefoon-werkplekken?",
                  30, replies=(C("ruben", "Ja, die ook. We komen langs om te helpen.", 55),)),),
      crowd=10),
    S(60, "08:50", "lotte",
      "We zoeken servicemonteurs voor Service Noord en Service West! Ken jij iemand die bij ons "
      "past? Voor elke collega die via jou binnenkomt en de proeftijd haalt: € 1.000 "
      "aanbrengpremie. #vacatures",
      comments=(C("monteur_west", "Mijn neef werkt nu bij een concurrent, ik geef hem je "
                  "nummer.", 70, replies=(C("lotte", "Top! Laat hem me gerust bellen.", 90),)),),
      crowd=12),
    S(55, "12:05", "marieke",
      "Goed nieuws voor Team Amersfoort: vanaf maandag hebben jullie er een vaste servicebus "
      "bij. {@yusuf} rijdt hem de eerste weken. #wagenpark",
      group="dept:Service Midden", crowd=9, tone="praise"),
    S(40, "19:30", "sanne",
      "Tip van onderweg: nieuwe warmtepompklanten zetten de thermostaat 's nachts vaak vier "
      "graden lager, net als bij hun oude cv-ketel. Dan moet de pomp 's ochtends vol aan de bak, "
      "soms met het elektrische element erbij. Leg het even uit bij de oplevering: één à twee "
      "graden is genoeg. Scheelt de klant geld en ons een telefoontje. #warmtepompen "
      "#klantcontact",
      comments=(C("sales_buiten_1", "Goede! Neem ik mee in mijn adviesgesprekken.", 790),),
      crowd=22, tone="tip"),
    S(35, "10:00", "noor",
      "Wie wil er in de rubriek 'Een dag mee met…' komen? We zoeken monteurs, planners en "
      "magazijncollega's bij wie we een dag mogen meekijken. Reageer hieronder! #eendagmee",
      comments=(C("magazijn_tl", "Kom maar een ochtend mee in het magazijn, om 5.30 uur 😄", 25,
                  replies=(C("noor", "Deal! Ik neem koffie mee.", 40),)),),
      crowd=8, tone="social"),
    S(30, "09:30", "ceo",
      "Kwartaalupdate: we hebben het drukste kwartaal ooit achter de rug, met ruim 2.400 "
      "warmtepompinstallaties en een klantwaardering van 8,4. Tegelijk stijgt het aantal "
      "terugkomers en kunnen klanten ons soms slecht bereiken. Daar gaan we de komende maanden "
      "echt werk van maken, en jullie berichten hier helpen daarbij enorm. Dank voor jullie "
      "inzet! #kwaliteit",
      crowd=35, tone="praise"),
    S(20, "10:15", "lotte",
      "Leuk nieuws: we hebben deze maand vier nieuwe monteurs aangenomen, twee daarvan via "
      "jullie tips. Dank jullie wel! #vacatures #welkom",
      crowd=18, tone="praise"),
    S(12, "16:40", "marieke",
      "Trots op dit team: deze maand 96% van de storingen binnen 24 uur opgelost. En "
      "{@sanne} en {@monteur_midden} hebben ook nog de helft van de nieuwe collega's "
      "ingewerkt. 👏 #kwaliteit",
      group="dept:Service Midden", crowd=14, tone="praise"),
    S(2, "08:05", "noor",
      "Nieuw in de rubriek 'Een dag mee met…': een ochtend in het magazijn in Nieuwegein, "
      "vanaf 5.30 uur. Ik heb nog nooit zoveel knelkoppelingen gezien. Dank aan het hele "
      "magazijnteam! #eendagmee #magazijn",
      crowd=16, tone="praise"),
)

# The same customer complaint, heard by four sales colleagues on different days.
COMPLAINT: tuple[ScriptedPost, ...] = (
    S(96, "09:40", "sales_binnen_1",
      "Derde klant deze week aan de lijn die niet wist wanneer de monteur zou komen. 'Tussen 8 "
      "en 17 uur' betekent voor mensen die werken gewoon een vrije dag opnemen. Kunnen we daar "
      "niet iets aan doen? #klantcontact",
      comments=(C("ks_medewerker", "Bij ons aan de telefoon ook regelmatig. We kunnen alleen "
                  "zeggen: ergens die dag.", 45),),
      crowd=6, tone="problem", key="complaint-1", story="complaint"),
    S(82, "16:10", "sales_buiten_1",
      "Net een adviesgesprek gehad in {plaats}. De klant wil graag een warmtepomp, maar de "
      "buurvrouw had voor haar installatie een hele dag thuisgezeten en de monteur kwam om "
      "kwart over vier. 'Moet ik dat ook?' Dat tijdvak van een hele dag is echt te ruim, daar "
      "verliezen we opdrachten op. #klantcontact #warmtepompen",
      comments=(C("planner_lead", "Begrijp ik. Kleinere tijdvakken kunnen, maar dan moeten we "
                  "de routes anders plannen. Ik denk graag mee.", 120),),
      crowd=9, tone="problem", key="complaint-2", story="complaint"),
    S(67, "11:25", "sales_binnen_2",
      "Klant belde boos: niemand liet weten dat we later kwamen. De monteur stond nog bij een "
      "spoedstoring, heel begrijpelijk, maar mevrouw had haar oppas al afgezegd. Een berichtje "
      "om 12 uur had het verschil gemaakt. Kan zoiets niet automatisch? #klantcontact",
      comments=(C("ruben", "Syntess kan een sms sturen als de monteur onderweg is. Die functie "
                  "staat nu uit. Ik zoek uit wat ervoor nodig is.", 95),),
      crowd=11, tone="problem", key="complaint-3", story="complaint"),
    S(53, "14:05", "sales_key",
      "Gesprek gehad met een woningcorporatie in {plaats}. Hun huurders klagen dat ze 'ergens "
      "op dinsdag' een monteur krijgen en daarvoor vrij moeten nemen. De corporatie vraagt of "
      "we een afspraak binnen twee uur kunnen geven; anders wegen ze het mee bij de volgende "
      "aanbesteding. #klantcontact",
      crowd=8, tone="problem", key="complaint-4", story="complaint"),
    S(46, "08:30", "cco",
      "Ik zie hier de afgelopen weken steeds hetzelfde terugkomen, van {@sales_binnen_1}, "
      "{@sales_buiten_1}, {@sales_binnen_2} en {@sales_key}: klanten weten niet wanneer de "
      "monteur komt. Vier collega's, vier klanten, één probleem. Dank dat jullie het melden.\n\n"
      "Wat we gaan doen:\n\n"
      "1. Bij een afspraak geven we een tijdvak van **twee uur** in plaats van een hele dag.\n"
      "2. De klant krijgt automatisch een sms als de monteur onderweg is, en een bericht als "
      "het later wordt.\n"
      "3. {@planner_lead} en {@ks_teamleider} werken het uit met de planning.\n\n"
      "Denk mee in de reacties! #klantcontact #planning",
      comments=(
          C("marieke", "Goed plan. Geldt het ook voor storingen? Daar kunnen we geen twee uur "
            "beloven.", 40,
            replies=(C("cco", "Nee, storingen houden we apart: daar krijgt de klant alleen het "
                       "onderweg-bericht.", 65),)),
          C("sanne", "Vanuit de bus: als de sms met mijn naam en een foto komt, doen klanten ook "
            "sneller open 🙂", 90, reactions=(("cco", "insightful"),), likes=6),
          C("sales_binnen_1", "Dank voor het oppakken!", 130),
      ),
      reactions=(("sales_binnen_1", "celebrate"), ("sales_buiten_1", "celebrate"),
                 ("sales_binnen_2", "thanks"), ("sales_key", "celebrate"),
                 ("marieke", "insightful"), ("ceo", "support")),
      crowd=34, tone="praise", key="complaint-action", bookmarked_by=("marieke",)),
    S(45, "13:10", "marieke",
      "Dit gaat ons direct raken. We bespreken het donderdag in het werkoverleg: neem je "
      "ervaringen mee! #planning",
      group="dept:Service Midden", share_of="complaint-action", crowd=6),
    S(21, "08:00", "ks_teamleider",
      "Het is zover: vanaf vandaag krijgen klanten een tijdvak van twee uur en een sms zodra de "
      "monteur onderweg is. Komt de monteur later, dan krijgt de klant vanzelf bericht. Dank "
      "aan iedereen die meedacht, en aan {@ruben} voor de koppeling met Syntess! #klantcontact "
      "#planning",
      reactions=(("cco", "celebrate"), ("sales_binnen_2", "celebrate"), ("ruben", "like")),
      crowd=28, tone="praise"),
    S(8, "18:20", "sanne",
      "Vanochtend de eerste klant met het nieuwe onderweg-sms'je. Ze stond met koffie klaar bij "
      "de deur 😄 Merk echt verschil. #klantcontact",
      crowd=19, tone="social"),
    S(3, "09:15", "cco",
      "Eerste cijfers na drie weken tijdvakken van twee uur: 41% minder telefoontjes 'waar "
      "blijft de monteur?', en klanten geven de afspraakplanning een 8,1 (was 6,3). Dit begon "
      "hier op Plein, met een paar berichten van de verkoop. #klantcontact",
      comments=(C("sales_binnen_1", "Mooi om te zien dat het zo snel werkt!", 30),
                C("ceo", "Zo hoort het: melden, oppakken, meten. Dank allemaal.", 75)),
      crowd=30, tone="praise"),
)

# The operations director raises a problem; a service technician knows the fix from the road.
PROBLEM: tuple[ScriptedPost, ...] = (
    S(71, "13:15", "coo",
      "Ik maak me zorgen over de terugkomers bij onze lucht-waterwarmtepompen. In zes weken "
      "kregen we 63 meldingen van **storing E-32** (te weinig doorstroming), vaak twee tot vier "
      "weken na de installatie, en vaak bij dezelfde klant een tweede keer. Elke terugkomer "
      "kost ons een rit en de klant zijn vertrouwen. De leverancier onderzoekt het, maar dat "
      "kan maanden duren. Wie herkent dit? #warmtepompen #kwaliteit",
      comments=(
          C("sanne",
            "Herkenbaar, en er is een oplossing die we in de regio Utrecht al sinds vorig jaar "
            "toepassen. E-32 na een paar weken is bijna altijd vuil uit de oude installatie: bij "
            "een renovatie zit er slib en magnetiet in de radiatoren en leidingen. Dat komt los "
            "door de hogere doorstroming van de warmtepomp en slibt het filtertje bij de unit "
            "dicht. Wat wij doen:\n\n"
            "1. Het hele systeem doorspoelen voordat we de pomp aansluiten.\n"
            "2. Een magnetietfilter in de retour plaatsen (zo'n € 60 aan materiaal).\n"
            "3. Bij de nacontrole na twee weken het filter schoonmaken.\n\n"
            "Sindsdien hebben wij bijna geen terugkomers meer op E-32. Ik zet de werkwijze graag "
            "op papier voor {&vakgroep}.",
            37,
            replies=(
                C("monteur_noord", "Kan ik bevestigen. In Zwolle doen we hetzelfde sinds een "
                  "collega het ons liet zien. Scheelt ook een hoop geruis in de leidingen.", 65),
                C("coo", "Dit is precies waarom we Plein hebben: het antwoord zat al die tijd in "
                  "de bus. Dank je, {@sanne}! Wil jij met {@hoofd_wvb} een werkinstructie "
                  "maken? Dan nemen we het op in de standaardinstallatie en in de calculatie.",
                  110, reactions=(("sanne", "like"),)),
                C("sanne", "Doe ik! Volgende week staat hij in de vakgroep.", 135),
            ),
            reactions=(("coo", "insightful"), ("marieke", "thanks"),
                       ("installatie_manager", "insightful")),
            likes=14),
          C("installatie_manager",
            "Wij hebben het spoelen uit de standaardcalculatie gehaald om scherper te kunnen "
            "offreren. Dat moeten we dus terugdraaien. Ik pak het op met {@hoofd_wvb}.", 85,
            reactions=(("coo", "thanks"),)),
          C("monteur_west", "Tip erbij: zet op de werkbon dat het filter er zit, dan weet de "
            "collega van de nacontrole het ook.", 150, likes=5),
      ),
      reactions=(("marieke", "support"), ("installatie_manager", "support")),
      crowd=24, tone="problem", key="e32-problem", story="problem"),
    S(62, "07:55", "sanne",
      "Zoals beloofd: de werkinstructie **Spoelen en magnetietfilter bij renovatie** (E-32 "
      "voorkomen).\n\n"
      "- Systeem spoelen met de spoelunit, per groep minstens tien minuten\n"
      "- Magnetietfilter in de retour, vóór de warmtepomp\n"
      "- Filter op de werkbon noteren\n"
      "- Nacontrole na twee weken: filter openen en schoonmaken\n\n"
      "Vragen of aanvullingen? Hieronder! Met dank aan {@hoofd_wvb} voor het meelezen. "
      "#warmtepompen #kwaliteit",
      group="vakgroep",
      comments=(C("uitvoerder", "Duidelijk! Hebben we genoeg spoelunits in het magazijn?", 50,
                  replies=(C("magazijn_tl", "We hebben er zes bijbesteld, volgende week liggen "
                             "ze er.", 95),)),),
      reactions=(("coo", "thanks"), ("hoofd_wvb", "like")),
      crowd=26, tone="tip", pinned=True, bookmarked_by=("marieke", "yusuf")),
    S(29, "11:45", "coo",
      "Update over de E-32 storingen: sinds we standaard spoelen en een magnetietfilter "
      "plaatsen, zijn de meldingen met 80% gedaald, van 63 naar 12 in zes weken. Met dank aan "
      "{@sanne} en alle monteurs die het meteen oppakten. Het antwoord lag op straat; we "
      "moesten alleen even luisteren. #warmtepompen #kwaliteit",
      comments=(C("sanne", "Mooi om te zien! Dank voor het snelle oppakken.", 55),),
      reactions=(("sanne", "celebrate"), ("marieke", "celebrate")),
      crowd=36, tone="praise"),
)

# "What I'm working on", with statuses that move: on track, at risk, blocked, on track, done.
PROJECTS: tuple[ScriptedPost, ...] = (
    # Warmtepompen Woonstede Zwolle (closed)
    S(112, "08:30", "projectleider",
      "Welkom in de projectgroep! Hier houden we elkaar op de hoogte van de 120 warmtepompen "
      "voor Woonstede in Zwolle. Planning, tekeningen en bewonerscontact: alles hier.",
      group="woonstede", crowd=5, pinned=True),
    S(105, "16:00", "projectleider",
      "Week 1: de eerste 18 woningen zijn opgenomen, de warmteverliesberekeningen zijn klaar en "
      "de bewonersavond was goed bezocht. Materiaal voor blok A is besteld. #warmtepompen",
      group="woonstede", status="on_track",
      comments=(C("sales_key", "Woonstede was erg te spreken over de bewonersavond!", 90),),
      crowd=6),
    S(91, "15:30", "uitvoerder",
      "Blok A: 14 van de 18 warmtepompen staan erin en zijn ingeregeld. Twee bewoners willen "
      "de buitenunit aan de andere gevel; dat lossen we samen met de corporatie op. "
      "#warmtepompen",
      group="woonstede", status="on_track", crowd=5),
    S(84, "09:10", "projectleider",
      "Let op: de leverancier meldt dat de buitenunits voor blok B en C drie weken later komen. "
      "We schuiven ploegen naar het binnenwerk (leidingwerk en afgiftesystemen), maar de "
      "oplevering van blok B komt in gevaar. {@inkoper} zoekt een tweede leverancier. "
      "#warmtepompen #planning",
      group="woonstede", status="at_risk",
      comments=(C("inkoper", "Ik heb twee alternatieven in beeld, morgen meer.", 30),
                C("installatie_manager", "Houd me op de hoogte. Ik bel morgen met Woonstede.",
                  75)),
      crowd=5, tone="problem"),
    S(74, "14:40", "inkoper",
      "Tweede leverancier gevonden voor 40 units, levering over tien dagen. De rest komt van de "
      "oorspronkelijke leverancier. Het blijft krap. #planning",
      group="woonstede", status="at_risk", crowd=6, tone="news"),
    S(61, "10:05", "projectleider",
      "Geblokkeerd: bij 22 woningen in blok C is de elektrische aansluiting te licht voor de "
      "warmtepomp. Verzwaren gaat via de netbeheerder, en die geeft nog geen datum. Zonder "
      "verzwaring mogen we de units niet aansluiten. We zoeken met Woonstede naar een "
      "oplossing. #warmtepompen #planning",
      group="woonstede", status="blocked",
      comments=(
          C("uitvoerder", "Ploeg C staat nu stil. Ik zet ze deze week in bij blok B.", 25),
          C("installatie_manager", "Ik heb de netbeheerder gebeld en via Woonstede opgeschaald. "
            "Tweede optie: een hybride opstelling in blok C, zodat we binnen de huidige "
            "aansluitwaarde blijven. Ik laat het doorrekenen.", 70,
            replies=(C("werkvoorbereider", "Doorrekening hybride is morgen klaar.", 95),)),
      ),
      crowd=6, tone="problem"),
    S(44, "16:30", "projectleider",
      "Weer op de rails: de netbeheerder verzwaart 14 aansluitingen binnen drie weken, en voor "
      "de andere 8 woningen kiest Woonstede een hybride warmtepomp die binnen de huidige "
      "aansluiting past. Blok B is opgeleverd. #warmtepompen",
      group="woonstede", status="on_track", crowd=8, tone="praise"),
    S(27, "15:15", "uitvoerder",
      "Blok C: 16 van de 22 woningen klaar. De bewoners geven ons tot nu toe een 8,7. "
      "Complimenten aan de ploeg! #warmtepompen",
      group="woonstede", status="on_track", crowd=7, tone="praise"),
    S(9, "17:00", "projectleider",
      "Opgeleverd! 🎉 Alle 120 woningen van Woonstede in Zwolle hebben een warmtepomp, op 8 na "
      "volledig elektrisch. Twee weken later dan gepland, maar binnen budget en met tevreden "
      "bewoners. Dank aan iedereen: de monteurs, de werkvoorbereiding, inkoop en "
      "{@installatie_manager} voor de gesprekken met de netbeheerder. Evaluatie volgt. "
      "#warmtepompen",
      group="woonstede", status="done",
      comments=(C("installatie_manager", "Top resultaat, team. Woonstede wil verder met 200 "
                  "woningen in Stadshagen.", 40,
                  replies=(C("sales_key", "Die offerte ligt er al 😉", 70),)),),
      crowd=10, tone="praise"),
    # Zonnepanelen scholen Eindhoven (open)
    S(100, "08:45", "projectleider_2",
      "Start van het project: negen basisscholen in Eindhoven krijgen samen 1.450 "
      "zonnepanelen. We werken in de schoolvakanties en op woensdagmiddagen. De eerste school "
      "staat deze week op de planning. #zonnepanelen #duurzaam",
      group="scholen", status="on_track", crowd=8),
    S(78, "15:50", "zonnepanelen_monteur",
      "School 2 en 3 klaar: 320 panelen liggen. De kinderen kwamen in de pauze kijken en we "
      "hebben uitgelegd hoe het werkt. Leukste publiek ooit 😄 #zonnepanelen",
      group="scholen", status="on_track", crowd=12, tone="social"),
    S(57, "11:30", "projectleider_2",
      "Risico: bij school 5 en 6 kan de dakconstructie de extra belasting waarschijnlijk niet "
      "zonder meer dragen. De constructeur rekent het door. Mogelijk wordt het een lichter "
      "systeem of komen er minder panelen. #zonnepanelen",
      group="scholen", status="at_risk", crowd=6, tone="problem"),
    S(38, "14:20", "projectleider_2",
      "School 5 en 6: met een lichter montagesysteem kan het toch. Het schema is weer haalbaar. "
      "#zonnepanelen",
      group="scholen", status="on_track", crowd=8, tone="praise"),
    S(14, "10:40", "projectleider_2",
      "Vertraging bij school 8: de omvormers die we nodig hebben zijn landelijk uitverkocht, "
      "levering over vier weken. We zoeken een alternatief. Stand: 6 van de 9 scholen klaar. "
      "#zonnepanelen #planning",
      group="scholen", status="at_risk", crowd=7, tone="problem"),
    # Nieuwe planningssoftware (open)
    S(108, "09:00", "hoofd_wvb",
      "Kick-off! We vervangen de planning in Excel en het oude planbord door één systeem dat "
      "gekoppeld is aan Syntess. Doel: monteurs zien hun dag op de tablet en klanten krijgen "
      "een tijdvak. We beginnen met een pilot bij Service Midden. #planning #ict",
      group="planning", status="on_track", crowd=9),
    S(88, "16:15", "ruben",
      "De koppeling met Syntess werkt in de testomgeving: werkbonnen komen nu automatisch in de "
      "planning. Volgende stap: de monteursapp. #ict",
      group="planning", status="on_track", crowd=7),
    S(64, "13:00", "ruben",
      "De koppeling met de voorraad loopt vertraging op: de leverancier moet eerst een "
      "aanpassing doen. De start van de pilot schuift waarschijnlijk twee weken op. #ict "
      "#planning",
      group="planning", status="at_risk",
      comments=(C("marieke", "Jammer, maar liever goed dan snel. Houd je ons op de hoogte?",
                  40),),
      crowd=5, tone="problem"),
    S(49, "08:20", "hoofd_wvb",
      "Pilot bij Service Midden gestart met tien monteurs, onder wie {@sanne}. Eerste reactie: "
      "'Ik zie eindelijk waarom ik naar die klant moet.' De tijdvakken van twee uur gaan straks "
      "ook via dit systeem. #planning",
      group="planning", status="on_track",
      comments=(C("sanne", "Bevestig ik! Wel graag de adressen in de goede volgorde op de kaart "
                  "😉", 60, replies=(C("ruben", "Staat op de lijst voor de volgende update.",
                                       85),)),),
      crowd=10, tone="praise"),
    S(16, "15:05", "hoofd_wvb",
      "Na de pilot: uitrol naar Service Noord en Zuid in de komende weken, West volgt. Dank aan "
      "de pilotmonteurs voor meer dan veertig verbeterpunten. #planning",
      group="planning", status="on_track",
      comments=(C("sanne", "Leuk om te zien dat er zoveel is opgepakt.", 50),),
      crowd=9, tone="praise"),
    # Overstap elektrische bussen (open)
    S(103, "10:20", "inkoop_manager",
      "We stappen de komende twee jaar over op elektrische servicebussen. Eerste stap: een "
      "proef met drie bussen in Utrecht en Amersfoort, met laadpalen bij het hoofdkantoor en "
      "het magazijn. #wagenpark #duurzaam",
      group="bussen", status="on_track", crowd=10),
    S(76, "18:05", "yusuf",
      "Eerste week in de elektrische proefbus: 180 km per dag gaat prima, ook met een volle "
      "bus. Laden bij de groothandel lukt nog niet, daar zijn geen palen. Verder stil en fijn "
      "rijden! #wagenpark",
      group="bussen", status="on_track",
      comments=(C("chauffeur", "Hoeveel tijd ben je per dag kwijt aan laden?", 45,
                  replies=(C("yusuf", "'s Nachts laad ik thuis, overdag niks. Alleen op lange "
                             "dagen een halfuurtje snelladen.", 70),)),),
      crowd=9, tone="news"),
    S(58, "09:35", "inkoop_manager",
      "De levertijd van de bussen is opgelopen naar zeven maanden. We kijken naar een "
      "tussenoplossing met leasebussen. #wagenpark",
      group="bussen", status="at_risk", crowd=4, tone="problem"),
    S(33, "14:50", "inkoop_manager",
      "Leasebussen geregeld: vanaf volgende maand rijden er 12 elektrische bussen in regio "
      "Midden. #wagenpark #duurzaam",
      group="bussen", status="on_track", crowd=9, tone="praise"),
    S(11, "11:10", "inkoop_manager",
      "Geblokkeerd: de netbeheerder kan de aansluiting van het magazijn in Nieuwegein pas over "
      "achttien maanden verzwaren (netcongestie). Zonder zwaardere aansluiting kunnen we daar "
      "geen 12 bussen tegelijk laden. We onderzoeken een batterij op het terrein en laden bij "
      "monteurs thuis. #wagenpark #duurzaam",
      group="bussen", status="blocked",
      comments=(C("fin_head", "Thuisladen met een vergoeding per kWh is financieel goed te doen. "
                  "Ik reken het door.", 35),
                C("coo", "Laten we thuisladen uitproberen met de 12 bussen in Midden.", 80)),
      crowd=6, tone="problem"),
    # Reorganisatie Inkoop (secret)
    S(40, "17:30", "inkoop_manager",
      "Vertrouwelijk: de eerste gesprekken over het samenvoegen van inkoop en magazijnplanning "
      "zijn gevoerd. Nog niets delen met het team; de OR wordt volgende week geïnformeerd.",
      group="reorganisatie", status="on_track", crowd=2),
    S(26, "12:20", "hr_manager",
      "De adviesaanvraag ligt bij de OR. Zij willen een extra gesprek over de functieprofielen; "
      "de invoering schuift waarschijnlijk een maand op.",
      group="reorganisatie", status="at_risk", crowd=2),
    S(10, "09:45", "inkoop_manager",
      "De OR heeft positief geadviseerd, met twee voorwaarden. De teambijeenkomst staat "
      "gepland; {@lotte} regelt de persoonlijke gesprekken.",
      group="reorganisatie", status="on_track",
      comments=(C("lotte", "Uitnodigingen gaan morgen de deur uit.", 30),),
      crowd=2),
)

# Opening posts of the discipline and interest groups.
GROUP_OPENERS: tuple[ScriptedPost, ...] = (
    S(110, "12:30", "vakgroep_lead",
      "Welkom in de vakgroep! Hier delen we kennis over warmtepompen: storingen, inregelen, "
      "nieuwe types en tips van onderweg. Stel gerust 'domme' vragen, die bestaan niet. "
      "#warmtepompen",
      group="vakgroep", crowd=15, tone="social"),
    S(95, "07:30", "kam",
      "Toolbox van deze maand: werken op daken. Ook als het 'maar even' is: valbeveiliging "
      "aan. Vorig jaar hadden we twee bijna-ongevallen bij zonnepanelen, gelukkig zonder "
      "letsel. #veiligheid",
      group="veiligheid", crowd=12, tone="tip"),
    S(48, "13:35", "kam",
      "Melding van een collega: een bijna-ongeval met een ladder op een natte stoep. Dank voor "
      "het melden, zo leren we er allemaal van. Nieuwe regel: de ladder altijd met "
      "stabilisatievoet. Die liggen vanaf maandag in het magazijn. #veiligheid",
      group="veiligheid", crowd=14, tone="tip"),
    S(113, "12:10", "noor",
      "Welkom in de koffiehoek! ☕ Hier: taart-alerts, gevonden voorwerpen en de "
      "vrijdagmiddagborrel. Houd het gezellig.",
      group="koffiehoek", crowd=10, tone="social", pinned=True),
    S(109, "20:15", "lotte",
      "Wie loopt er mee? Elke dinsdag om 18.00 uur een rondje van vijf of tien kilometer vanaf "
      "het hoofdkantoor. Alle tempo's welkom!",
      group="hardlopen",
      comments=(C("sanne", "Ik sluit aan als ik op tijd binnen ben 🏃‍♀️", 70),),
      crowd=6, tone="social"),
    S(89, "21:00", "fotograaf",
      "Eerste inzending voor de fotowedstrijd! Zonsopkomst vanaf het dak van een school in "
      "Eindhoven, tussen de panelen door. Wie doet beter? 📷",
      group="fotografie", crowd=8, tone="social"),
)
# fmt: on

SCRIPTED_POSTS: tuple[ScriptedPost, ...] = (
    *LAUNCH,
    *COMPLAINT,
    *PROBLEM,
    *PROJECTS,
    *GROUP_OPENERS,
)

# Whom and what the demo accounts follow, so that their home feed is full from the start.
FOLLOWS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # cast key: (cast keys of people, topic slugs)
    "sanne": (("marieke", "monteur_midden", "coo", "yusuf"), ("warmtepompen", "veiligheid")),
    "yusuf": (("sanne", "marieke", "monteur_midden"), ("storingen", "veiligheid", "wagenpark")),
    "marieke": (("sanne", "coo", "yusuf", "hoofd_wvb", "cco"), ("planning", "klantcontact")),
    "noor": (("ceo", "lotte", "sanne", "fotograaf"), ("welkom", "duurzaam", "eendagmee")),
    "lotte": (("noor", "hr_manager", "ceo"), ("vacatures", "welkom", "opleiding")),
    "ruben": (("hoofd_wvb", "noor", "ceo"), ("ict", "planning")),
    "ceo": (("coo", "cco"), ("kwaliteit",)),
    "coo": (("sanne", "installatie_manager"), ("warmtepompen", "kwaliteit")),
    "cco": (("sales_binnen_1", "sales_buiten_1", "sales_key"), ("klantcontact",)),
}
