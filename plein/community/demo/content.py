"""The everyday texts of the demo community: what colleagues of Van Dijk Installatietechniek
post from the road, the office, the warehouse and their hobby groups, and how others answer.

This is content of the organisation itself, so it is Dutch and not translated. Placeholders,
filled in by the generator:

- `{plaats}`: a town in the author's region; `{weg}`: a road there; `{regio}`: the region
- `{collega}`: a mention of a colleague from the author's department
- `{aantal}`: a small number (6 to 36)
- in comments, `{auteur}` is the post author's first name and `{reageerder}` the first name of
  the person being answered
"""

from dataclasses import dataclass

# --- regions ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Region:
    name: str
    places: tuple[str, ...]
    roads: tuple[str, ...]


# fmt: off
REGIONS: dict[str, Region] = {
    "noord": Region(
        "Noord",
        ("Zwolle", "Kampen", "Deventer", "Groningen", "Leeuwarden", "Assen", "Meppel",
         "Heerenveen", "Emmen", "Hardenberg"),
        ("de A28", "de A7", "de N50", "de A32"),
    ),
    "midden": Region(
        "Midden",
        ("Utrecht", "Amersfoort", "Houten", "Nieuwegein", "Zeist", "Hilversum", "Veenendaal",
         "IJsselstein", "Woerden", "Soest"),
        ("de A12", "de A27", "de Waterlinieweg", "de A28 bij Amersfoort"),
    ),
    "zuid": Region(
        "Zuid",
        ("Eindhoven", "Tilburg", "Helmond", "Veldhoven", "Best", "Venlo", "Roermond", "Oss",
         "Den Bosch", "Weert"),
        ("de A2", "de A67", "de Kennedylaan", "de A58"),
    ),
    "west": Region(
        "West",
        ("Rotterdam", "Den Haag", "Dordrecht", "Schiedam", "Delft", "Zoetermeer", "Gouda",
         "Capelle aan den IJssel", "Spijkenisse", "Leiden"),
        ("de A20", "de A13", "de Maastunnel", "de A16 bij Dordrecht"),
    ),
}
# fmt: on

# Department and location names that tie a person to a region (first match wins).
REGION_BY_DEPARTMENT = {
    "Service Noord": "noord",
    "Service Midden": "midden",
    "Service Zuid": "zuid",
    "Service West": "west",
}
REGION_BY_LOCATION = {
    "Regiokantoor Zwolle": "noord",
    "Hoofdkantoor Utrecht": "midden",
    "Magazijn Nieuwegein": "midden",
    "Regiokantoor Eindhoven": "zuid",
    "Regiokantoor Rotterdam": "west",
}

# --- who speaks how --------------------------------------------------------------------------

# Department name (any level) -> voice. People with a leading job title speak as management.
VOICE_BY_DEPARTMENT = {
    "Service Noord": "service",
    "Service Midden": "service",
    "Service Zuid": "service",
    "Service West": "service",
    "Installatie": "installatie",
    "Werkvoorbereiding & Planning": "planning",
    "Binnendienst": "sales",
    "Buitendienst": "sales",
    "Verkoop": "sales",
    "Klantenservice": "klantenservice",
    "Inkoop & Logistiek": "magazijn",
    "HR": "hr",
    "ICT": "ict",
    "Financiën": "financien",
    "Marketing & Communicatie": "marketing",
    "Directie": "staf",
    "Operations": "staf",
}
PLANNING_TITLES = ("Planner", "Servicecoördinator")
# Managers in these departments (and below) speak as management; other managers speak as their
# department does.
MANAGEMENT_DEPARTMENTS = ("Directie", "Operations")

# --- texts -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PostText:
    text: str
    # news, tip, question, praise, problem or social: steers reactions and comments.
    tone: str = "news"
    # Comments that fit this post in particular (answers to a question, first of all).
    replies: tuple[str, ...] = ()
    # The hours (from, to) in which it is posted, when the text says "this morning" or so.
    hours: tuple[int, ...] = ()
    # A voice (see VOICE_BY_DEPARTMENT) that is asked something: the post goes to everyone and
    # they answer. Otherwise colleagues of the author's own kind answer.
    answered_by: str = ""
    # Says something that happens once ("from next month ..."): posted at most once.
    once: bool = False


P = PostText

# fmt: off
VOICES: dict[str, tuple[PostText, ...]] = {
    "service": (
        P("Vanochtend om half acht al de eerste storing in {plaats}: cv-ketel op slot door een "
          "verstopte sifon. Tien minuten werk, klant blij en ik kreeg koffie. Zo mag elke dag "
          "beginnen. #storingen", "news", hours=(8, 10)),
        P("Lastige vandaag in {plaats}: een hybride warmtepomp die elke nacht in storing viel. "
          "Bleek een losse stekker van de buitenvoeler te zijn. Soms zit het in het kleinste "
          "draadje. #warmtepompen", "tip"),
        P("Tip voor wie morgen richting {plaats} moet: {weg} is in de ochtend dicht voor "
          "werkzaamheden. Plan wat extra tijd in of rij om. #planning", "tip", hours=(16, 20)),
        P("Onderhoudsronde bij {aantal} woningen van de corporatie in {plaats} afgerond. Twee "
          "ketels zijn echt aan vervanging toe, ik heb het doorgegeven aan de binnendienst voor "
          "een offerte. #onderhoud", "news"),
        P("Heeft iemand nog een pakkingset voor een oude Remeha Calenta in de bus liggen? Ik sta "
          "bij een klant in {plaats} en het magazijn is pas morgen weer bevoorraad. #magazijn",
          "question",
          ("Ik heb er nog twee liggen, ik zit tien minuten bij je vandaan. Ik kom hem brengen.",
           "Bij mij niet, maar bel het magazijn even, die weten vaak nog een bus met voorraad.")),
        P("Klant in {plaats} vroeg of we ook laadpalen plaatsen. Doorgezet naar de binnendienst. "
          "Dit hoor ik steeds vaker bij warmtepompklanten. #duurzaam", "news"),
        P("Eerste week met de nieuwe tablet in de bus. Werkbon digitaal laten aftekenen werkt "
          "prima, alleen tekenen met werkhandschoenen aan blijft een uitdaging 😄 #ict", "social"),
        P("Vandaag met {collega} een hele straat in {plaats} langs voor het jaarlijkse "
          "onderhoud. {aantal} ketels op één dag, strak gepland. Complimenten aan de planning! "
          "#planning", "praise", hours=(15, 18)),
        P("Storing opgelost die al drie keer eerder gemeld was: de voordruk van het expansievat "
          "stond op 0,2 bar. Collega's, check dat altijd even als de druk blijft zakken. "
          "#storingen", "tip"),
        P("Mooie opmerking van een oudere mevrouw in {plaats}: 'Jullie zijn de eersten die hun "
          "schoenen uittrekken.' Kleine moeite, groot verschil. #klantcontact", "praise"),
        P("Leerling-monteur {collega} heeft vandaag zelfstandig zijn eerste ketel vervangen. "
          "Netjes gewerkt en keurig opgeleverd! #opleiding", "praise"),
        P("Bus weer eens opgeruimd en drie soorten knelkoppelingen in één bak gevonden. Wie ooit "
          "de vakverdeling met labels heeft bedacht: goud waard. #magazijn", "social"),
        P("Klant had zelf een slimme thermostaat geïnstalleerd en nu sloeg de ketel niet meer "
          "aan. OpenTherm-draadjes verkeerd om. Even uitgelegd, huis weer warm. #storingen",
          "tip"),
        P("Wat een dag. Vier storingen, twee keer in de file op {weg} en een klant die niet thuis "
          "was. Morgen beter. Iemand een tip voor een goede lunchplek rond {plaats}?", "question",
          hours=(17, 20),
          replies=("Bij het tankstation aan de rondweg hebben ze verrassend goede broodjes.",
                   "Kop op, morgen is er weer een dag! Die niet-thuis-klanten zijn het ergst.")),
        P("Ventilatiebox in {plaats} maakte een herrie van jewelste: er zat een vogelnest in de "
          "dakdoorvoer. De bewoners blij dat het stil is, de vogels wat minder. #ventilatie",
          "social"),
        P("Weet iemand of we bij de corporatiewoningen in {plaats} ook de filters van de "
          "WTW-unit vervangen tijdens de onderhoudsbeurt? Het staat niet op de werkbon. "
          "#ventilatie #planning", "question",
          ("Ja, dat zit in het contract. Ze staan alleen niet op de werkbon, ik pas het aan.",
           "Bij ons wel altijd gedaan. Filters liggen in de bus van de ventilatieploeg.")),
        P("Balansventilatie in een nieuwbouwwoning in {plaats} opnieuw ingeregeld: de "
          "luchthoeveelheden stonden helemaal scheef. Klant na afloop: 'Ik wist niet dat het zo "
          "stil kon.' #ventilatie", "praise"),
        P("Dank aan de collega's van het magazijn: onderdeel om 10 uur besteld, om 13 uur stond "
          "de koerier bij de klant in {plaats}. Dat is service. #magazijn", "praise"),
        P("Warmtepomp in {plaats} opnieuw ingeregeld: de stooklijn stond veel te hoog en de "
          "klant schrok van de energierekening. Nu anderhalve graad lagere aanvoertemperatuur "
          "en het huis is net zo warm. #warmtepompen #duurzaam", "tip"),
        P("Veiligheid voorop: vandaag een gaslucht bij een klant in {plaats}. Gas dicht, ramen "
          "open, netbeheerder gebeld. Het bleek een lekkende koppeling bij de meter. Goed "
          "afgelopen, maar neem het altijd serieus. #veiligheid", "problem"),
        P("Kort dagje: na twee onderhoudsbeurten in {plaats} de middag meegelopen met {collega} "
          "op de storingsdienst. Veel geleerd over regeltechniek. #opleiding", "news",
          hours=(16, 18)),
        P("Terugkomer voorkomen: na het vervangen van een ketel altijd de oude "
          "vloerverwarmingsgroepen even ontluchten. Vandaag in {plaats} scheelde dat een tweede "
          "rit. #storingen #kwaliteit", "tip"),
        P("Klant in {plaats} had een hond die niet van monteurs houdt. Na een kwartier en een "
          "hondenkoekje waren we vrienden. Altijd koekjes in de bus, collega's 🐕", "social"),
        P("Wie weet waar de nieuwe inlogcodes van de leveranciersportal staan? Ik kan de "
          "storingscodes van de buitenunit niet opzoeken. #ict", "question",
          ("Staan in de gedeelde map 'Monteurs', onder Leveranciers. Anders even de servicedesk "
           "bellen.",
           "Had ik vorige week ook, de servicedesk heeft het binnen vijf minuten geregeld.")),
        P("Spoedstoring in {plaats}: een gezin met een baby zonder warm water. Binnen het uur "
          "ter plaatse, binnen twee uur opgelost. Daar doe je het voor. #storingen", "praise"),
        P("Derde keer deze maand een warmtepomp die te klein blijkt voor het huis. Kunnen we bij "
          "de offerte niet vaker een warmteverliesberekening maken? Collega's van verkoop, hoe "
          "zien jullie dat? #warmtepompen #kwaliteit", "problem", answered_by="sales",
          replies=("Goed punt. Nu doen we het alleen bij twijfel. Ik zet het op de agenda.",
                   "Herkenbaar. Vooral bij oudere huizen met veel glas gaat het mis.")),
        P("Bij een monumentaal pand in {plaats} een nieuwe ketel geplaatst. Rookgasafvoer via "
          "de oude schoorsteen, met toestemming van de gemeente. Mooi werk om te doen. "
          "#onderhoud", "news"),
        P("Melding van de dag: 'De warmtepomp maakt rook.' Het was de ontdooicyclus: stoom, geen "
          "rook. Klant gerustgesteld en uitgelegd. Misschien iets voor de folder? "
          "#warmtepompen #klantcontact", "tip"),
        P("{aantal} storingen deze week in {plaats} en omgeving, waarvan de helft ketels ouder "
          "dan vijftien jaar. Er komt vervangingswerk aan voor de binnendienst. #storingen",
          "news"),
        P("Nieuwe bus opgehaald! Alles netjes ingericht door het magazijn, zelfs een vak voor "
          "mijn thermoskan. Dank jullie wel. #wagenpark", "praise", once=True),
    ),
    "installatie": (
        P("Vandaag {aantal} zonnepanelen gelegd op een boerderij bij {plaats}. Mooi uitzicht "
          "vanaf het dak! #zonnepanelen", "news", hours=(13, 19)),
        P("Warmtepomp geplaatst in een jaren-dertigwoning in {plaats}. Eerst vloerverwarming in "
          "de woonkamer, dan pas de pomp: de volgorde maakt het verschil. #warmtepompen", "tip"),
        P("Omvormer van een installatie uit 2015 vervangen. De oude deed het nog, maar leverde "
          "een vijfde minder op. Klant krijgt er meteen een monitoringsapp bij. #zonnepanelen",
          "news"),
        P("Valbeveiliging gecontroleerd voordat we het dak op gingen. Eén harnas afgekeurd, "
          "nieuw besteld. Liever zo. #veiligheid", "tip"),
        P("Laadpaal en nieuwe groepenkast in {plaats}. Drie groepen erbij, en de klant kan "
          "straks laden met zijn eigen zonnestroom. #duurzaam", "news"),
        P("Buitenunit op een trillingsdempende console gezet. De buren in {plaats} hoorden de "
          "oude unit tot in hun slaapkamer, nu niets meer. #warmtepompen", "tip"),
        P("Hydraulisch inregelen kost een uur extra, maar scheelt de klant jaren gedoe. Vandaag "
          "in {plaats} weer gezien: alle radiatoren even warm. #warmtepompen #kwaliteit", "tip"),
        P("Strak dak vandaag: {aantal} panelen in vier uur met {collega}. Wie doet het sneller? "
          "😉 #zonnepanelen", "social", hours=(12, 18)),
        P("Bij het openmaken van een meterkast in {plaats} plaatmateriaal met asbest gevonden. "
          "Werk stilgelegd en de saneerder gebeld. Niet over nadenken, gewoon stoppen. "
          "#veiligheid", "problem"),
        P("Eerste thuisbatterij geïnstalleerd in {plaats}. Spannend, maar alles draait en de "
          "klant kijkt nu de hele dag naar zijn app. #duurzaam", "news", once=True),
        P("Wie heeft ervaring met een warmtepomp op het platte dak van een appartementencomplex? "
          "De constructeur rekent nog, maar ik hoor graag tips over geluid en onderhoud. "
          "#warmtepompen", "question",
          ("Wij hebben er vorig jaar een paar geplaatst in {plaats}. Let vooral op de "
           "geluidsschermen en een goede looproute voor onderhoud.",
           "Vraag de leverancier om een geluidsberekening, de VvE wil die vrijwel altijd zien.")),
        P("Opgeleverd in {plaats}: ventilatie met CO2-sturing in een basisschool. De juf zei "
          "dat de kinderen 's middags veel minder suf zijn. #ventilatie", "praise"),
        P("Leidingwerk van vandaag, al zeg ik het zelf: strak gebogen en netjes geïsoleerd. "
          "{collega} noemt het kunst, ik noem het vakwerk. #vakwerk", "social"),
        P("Omvormer op zolder was bloedheet. Nieuwe plek gezocht met meer ventilatie, en nu "
          "levert de installatie een stuk meer op. Let op de plaatsing, collega's. "
          "#zonnepanelen", "tip"),
        P("Sloop van een oude cv-installatie in {plaats}: {aantal} radiatoren eruit, drie "
          "grote convectoren erin. De klant had geen idee dat het zo snel kon. #warmtepompen",
          "praise"),
    ),
    "planning": (
        P("Drukke week: {aantal} storingen extra. We schuiven onderhoudsafspraken waar het kan. "
          "Dank voor jullie flexibiliteit! #planning", "news"),
        P("Vriendelijk verzoek aan de monteurs: werkbonnen graag dezelfde dag afsluiten. Dan "
          "kunnen wij de facturen op tijd versturen. #planning", "news", answered_by="service",
          replies=("Doe ik! Soms heb ik in de kelder geen bereik, dan lukt het pas 's avonds.",)),
        P("De werkvoorbereiding voor de renovatie in {plaats} is rond: materiaallijsten staan "
          "klaar, tekeningen in de projectmap. Vragen? {collega} en ik zitten morgen op kantoor. "
          "#planning", "news"),
        P("We zoeken voor volgende week nog twee monteurs die in {plaats} kunnen bijspringen. "
          "Wie heeft ruimte? #planning", "question", answered_by="service",
          replies=("Ik kan dinsdag en woensdag, als ik mijn onderhoudsbeurten mag schuiven.",
                   "Donderdag zou lukken, stuur je me de adressen?")),
        P("Nieuwe standaardset voor warmtepompinstallaties: samen met het magazijn ligt alles nu "
          "in één krat. Scheelt zoeken en vergeten. #magazijn #warmtepompen", "tip", once=True),
        P("Vandaag aan het eind van de dag nul openstaande storingen in regio {regio}. Dat "
          "hebben we dit jaar nog niet gehad. Top, iedereen! #planning", "praise",
          hours=(17, 19)),
        P("Calculatie van {aantal} woningen voor de VvE in {plaats} is de deur uit. Spannend of "
          "we hem krijgen! #planning", "news"),
        P("Let op: de groothandel in {plaats} is vrijdag gesloten. Bestellingen voor vrijdag "
          "dus via het magazijn. #magazijn #planning", "tip"),
        P("Vraag aan de monteurs: welk bestand willen jullie bij een installatie op de tablet "
          "hebben? Alleen de tekening, of ook de warmteverliesberekening? #planning", "question",
          answered_by="service",
          replies=("Allebei graag. Met de berekening kan ik de klant meteen alles uitleggen.",
                   "Vooral de tekening, en de foto's van de opname.")),
    ),
    "sales": (
        P("Mooie opdracht binnen: {aantal} woningen in {plaats} krijgen zonnepanelen en een "
          "hybride warmtepomp. Dank {collega} voor de snelle calculatie! #duurzaam", "praise"),
        P("Veel vragen over de ISDE-subsidie deze week. Een overzicht van wat wel en niet kan "
          "staat in de map van Verkoop. #subsidie", "tip"),
        P("Offertegesprek in {plaats}: de klant twijfelde tussen hybride en volledig elektrisch. "
          "Met de warmteverliesberekening erbij was de keuze snel gemaakt. #warmtepompen",
          "tip"),
        P("Woonbeurs in {plaats} gehad: {aantal} serieuze aanvragen. Vooral veel vragen over "
          "thuisbatterijen. #duurzaam", "news"),
        P("Een klant belde om te zeggen hoe tevreden ze is over de monteur. Naam doorgegeven aan "
          "de regiomanager: zulke complimenten mogen gedeeld worden! #klantcontact", "praise"),
        P("Onderhoudscontract met een VvE in {plaats} verlengd voor drie jaar. Ze waren vooral "
          "blij met hun vaste monteur. #klantcontact", "praise"),
        P("Wie kent een goede oplossing voor een warmtepomp bij een rijtjeshuis zonder "
          "achtertuin? Klant in {plaats} wil graag, maar de buitenunit kan nergens. "
          "#warmtepompen", "question",
          ("Kijk naar een unit op het platte dak van de aanbouw, als de constructie het toelaat.",
           "Een ventilatiewarmtepomp kan soms ook, geen buitenunit nodig.")),
        P("Offerte voor {aantal} laadpalen bij een transportbedrijf in {plaats} gewonnen! "
          "Eerste zakelijke laadpleinopdracht in deze regio. #duurzaam", "praise"),
        P("Tip van een klant: 'Jullie offerte was de enige die ik begreep.' Korte zinnen en "
          "een plaatje doen wonderen. #klantcontact", "tip"),
        P("Subsidiepot voor verduurzaming in {plaats} is weer open. Goede kans voor klanten die "
          "twijfelen. #subsidie #duurzaam", "news"),
    ),
    "klantenservice": (
        P("Record vanochtend: {aantal} gesprekken voor tien uur. Iedereen tegelijk wakker "
          "geworden met een koude woning 😅 #storingen", "social", hours=(10, 12)),
        P("Fijn compliment van een klant: 'Ik had binnen twee minuten iemand aan de lijn.' Zo "
          "doen we dat! #klantcontact", "praise"),
        P("Vraag aan de monteurs: als een klant niet thuis is, willen jullie dat in de app "
          "aangeven? Dan kunnen wij meteen een nieuwe afspraak maken. #klantcontact #planning",
          "question", answered_by="service",
          replies=("Doe ik voortaan! Wist niet dat jullie dat meteen zien.",
                   "Goed punt, ik zet het erbij met een foto van de voordeur.")),
        P("Nieuwe keuze in het belmenu voor storingen aan warmtepompen. Klanten komen nu sneller "
          "bij iemand die er verstand van heeft. #warmtepompen #klantcontact", "news", once=True),
        P("Klacht van vorige week netjes afgehandeld: de klant kreeg dezelfde middag nog een "
          "monteur. Dank je, {collega}! #klantcontact", "praise"),
        P("Vaak gestelde vraag deze week: 'Moet ik mijn warmtepomp zelf ontkalken?' Nee dus. "
          "We maken er een kort antwoord voor op de website. #klantcontact #warmtepompen",
          "tip"),
        P("Zo'n dag waarop de telefoon niet stilstaat. Dank aan de collega's van nazorg die "
          "bijsprongen! #klantcontact", "praise", hours=(16, 18)),
        P("Een klant in {plaats} stuurde een kaartje voor de monteur die ook even naar haar "
          "buitenlamp keek toen hij er toch was. Hangt nu op het prikbord. 💚 #klantcontact",
          "praise"),
    ),
    "magazijn": (
        P("De leverancier van de buitenunits levert volgende week een dag later. Heb je een "
          "installatie gepland, check het dan even bij ons. #magazijn #planning", "news"),
        P("Nachtbevoorrading draait: de bussen in regio {regio} krijgen bestellingen nu 's "
          "nachts in de kluis. Minder rijden naar het magazijn! #magazijn", "news", once=True),
        P("Inventarisatie klaar: meer dan vierduizend artikelen geteld en 98,7% klopte. Top "
          "team! #magazijn", "praise", once=True),
        P("Retouren graag met de retourbon erbij, anders weten we niet van welke klus ze komen 🙏 "
          "#magazijn", "tip"),
        P("Nieuwe heftruck in gebruik genomen. {collega} heeft hem al getest: hij is sneller dan "
          "de oude. #magazijn", "social", once=True),
        P("Vraag aan de monteurs: welke artikelen missen jullie het vaakst in de bus? Dan passen "
          "we de standaardvoorraad aan. #magazijn", "question", answered_by="service",
          replies=("Knelkoppelingen van 15 mm, die zijn altijd op.",
                   "Ontluchtingssleuteltjes. Klanten houden ze steeds 😄")),
        P("Vrachtwagen naar regio {regio} rijdt vandaag een uur later door een ongeluk op "
          "{weg}. Excuses voor het ongemak! #magazijn", "news", hours=(7, 9)),
    ),
    "hr": (
        P("We zoeken servicemonteurs in regio {regio}! Ken jij iemand die bij ons past? "
          "Aanbrengpremie: € 1.000. #vacatures", "news"),
        P("Welkom aan de nieuwe collega's die deze maand begonnen zijn! Zie je een onbekend "
          "gezicht in de kantine of bij de groothandel? Zeg even hallo. #welkom", "news"),
        P("De inschrijving voor de VCA-herhalingscursus is open. Verloopt jouw diploma binnen "
          "een half jaar? Meld je aan bij de opleidingscoördinator. #veiligheid #opleiding",
          "news"),
        P("Herinnering: het nieuwe verlofoverzicht staat in AFAS. Vragen? Loop gerust even "
          "langs. #hr", "news", once=True),
        P("Trots: {aantal} collega's haalden dit kwartaal hun F-gassencertificaat. Gefeliciteerd! "
          "#opleiding", "praise"),
        P("Open dag voor zij-instromers in {plaats} was een succes: {aantal} aanmeldingen voor "
          "de opleiding tot monteur. #vacatures", "praise"),
    ),
    "ict": (
        P("Vanavond van 20.00 tot 22.00 uur onderhoud aan Syntess. Werkbonnen die je in die tijd "
          "afsluit, worden daarna gesynchroniseerd. #ict", "news", hours=(9, 16)),
        P("Let op: er gaat een phishingmail rond die lijkt op een factuur van een leverancier. "
          "Niet klikken, meld hem via de knop in Outlook. #ict #veiligheid", "tip"),
        P("De nieuwe tablets voor de bussen zijn binnen. Team {regio} is als eerste aan de beurt. "
          "#ict", "news", once=True),
        P("Vraag van de servicedesk: werkt de wifi op de regiokantoren goed? We horen graag "
          "waar het hapert. #ict", "question",
          ("In de vergaderzaal in {plaats} valt hij regelmatig weg.",
           "Prima hier, sinds de nieuwe router geen klachten meer.")),
        P("Telefoon of tablet kwijt? Bel meteen de servicedesk, dan zetten we hem op afstand op "
          "slot. Niet bang zijn om het te melden. #ict #veiligheid", "tip"),
    ),
    "financien": (
        P("Declaraties over deze maand graag voor de 25e indienen, dan zitten ze in de "
          "salarisrun. #financien", "news"),
        P("De openstaande debiteuren zijn flink gedaald sinds we werkbonnen digitaal afsluiten. "
          "Dank aan iedereen die dat consequent doet! #financien", "praise"),
        P("Nieuwe werkwijze voor tankpassen: bonnetjes hoeven niet meer ingeleverd te worden. "
          "#financien", "news", once=True),
        P("De kwartaalafsluiting staat eraan te komen. Nog facturen van onderaannemers in je la? "
          "Graag deze week doorsturen. #financien", "news"),
    ),
    "marketing": (
        P("Nieuwe klantcase online: hoe we bij een VvE in {plaats} {aantal} appartementen van "
          "het gas af hielpen. Deel hem gerust! #duurzaam", "news"),
        P("We zoeken collega's die in een korte video over hun werk willen vertellen. Monteurs, "
          "juist jullie! Stuur me een berichtje. #vacatures", "question", answered_by="service",
          replies=("Ik wil wel, als ik niet hoef te dansen 😄",
                   "Leuk idee! {collega} kan ook heel goed vertellen.")),
        P("Onze bussen krijgen nieuwe belettering. De eerste rijdt vanaf deze week rond in "
          "{plaats}. Spot hem en deel een foto! #wagenpark", "social", once=True),
        P("Onze advertentie voor monteurs is {aantal} duizend keer bekeken. Dank aan de "
          "collega's die erin staan! #vacatures", "praise"),
        P("Klantenblad is bij de drukker. Thema deze keer: van het gas af in een oud huis, met "
          "tips van onze eigen monteurs. #duurzaam", "news", once=True),
    ),
    "staf": (
        P("Het duurzaamheidsverslag is klaar: onze eigen CO2-uitstoot daalde met 12%, vooral "
          "door zuiniger rijden en de zonnepanelen op het magazijndak. #duurzaam", "praise",
          once=True),
        P("Vanaf volgende week boek je de vergaderruimtes op het hoofdkantoor gewoon via "
          "Outlook. #kantoor", "news", once=True),
        P("De ISO 9001-audit ging goed: geen afwijkingen, wel twee verbeterpunten over het "
          "vastleggen van opleveringen. Dank aan iedereen die meewerkte! #kwaliteit", "praise",
          once=True),
        P("Volgende week een interne audit in regio {regio}. Geen stress: we kijken mee, we "
          "controleren niet. #kwaliteit", "news"),
        P("Zoek je een werkinstructie? Ze staan nu allemaal op één plek, ook in de "
          "monteursapp. #kwaliteit", "tip"),
        P("Bezoek van de gemeente {plaats} aan het hoofdkantoor: ze waren onder de indruk van "
          "ons opleidingsprogramma voor zij-instromers. #duurzaam #opleiding", "praise"),
    ),
    "management": (
        P("Mooie maand voor regio {regio}: klantwaardering 8,6 en minder terugkomers dan ooit. "
          "Dank aan iedereen! #kwaliteit", "praise"),
        P("Deze week een dag meegereden met {collega}. Respect voor hoe jullie met klanten "
          "omgaan. Ik heb er weer veel van geleerd.", "praise"),
        P("Vanaf volgende maand hebben alle monteurs elk kwartaal een vaste opleidingsdag. "
          "Ideeën voor onderwerpen zijn welkom! #opleiding", "question", answered_by="service",
          replies=("Regeltechniek van warmtepompen graag, daar zit de meeste winst.",
                   "Klantgesprekken: hoe leg je een klant uit dat zijn huis eerst geïsoleerd moet "
                   "worden?"), once=True),
        P("Veiligheid: vorige week twee bijna-ongelukken met ladders. Neem de laddercheck "
          "serieus, en meld het als iets niet goed voelt. #veiligheid", "problem"),
        P("Werkbezoek aan de ploeg in {plaats}. Goede gesprekken over de planning en de "
          "werkdruk. Wordt vervolgd. #planning", "news"),
        P("Kort en krachtig: het ziekteverzuim is dit kwartaal gedaald naar 4,1%. Zorg goed "
          "voor elkaar, ook als het druk is. #gezondheid", "news", once=True),
    ),
}

# Posts in discipline and interest groups, by the group's key (see scenes.GROUPS).
GROUP_VOICES: dict[str, tuple[PostText, ...]] = {
    "vakgroep": (
        P("Hoe lang laten jullie een warmtepomp na het vullen draaien voordat je inregelt? Ik "
          "moet vaak terug om te ontluchten. #warmtepompen", "question",
          replies=("Ik laat hem minstens een uur op hoge flow draaien en ontlucht daarna nog een "
                   "keer.",
                   "Zet er een microbellenafscheider bij, dan ben je ervan af.")),
        P("Let op bij hybride systemen: staat de ketel niet goed ingesteld, dan vechten ketel en "
          "pomp om de warmtevraag. Vandaag in {plaats} weer gezien. #warmtepompen", "tip"),
        P("Cursus 'Inregelen van warmtepompen' bij de leverancier: nog drie plekken vrij. Wie "
          "wil? #opleiding #warmtepompen", "question", once=True,
          replies=("Ik! Zet je me erop?", "Als het op een vrijdag is, doe ik mee.")),
        P("Mooie case in {plaats}: een jaren-zestigwoning met lage-temperatuurradiatoren, nu "
          "volledig elektrisch en de klant is dik tevreden. Radiatoren goed doorrekenen loont. "
          "#warmtepompen", "praise"),
        P("Hoe leggen jullie klanten uit waarom hun warmtepomp 'lauw' aanvoelt? Ik krijg de "
          "vraag elke week. #warmtepompen #klantcontact", "question",
          replies=("Ik vergelijk het met vloerverwarming: lager, maar langer. Dat snappen de "
                   "meeste mensen.",
                   "Laat ze naar de thermostaat kijken, niet naar de radiator. Is het warm in "
                   "huis, dan werkt het.")),
        P("Wie heeft ervaring met de nieuwe R290-warmtepompen? Welke afstand houden jullie aan "
          "tot ramen en putten? #warmtepompen", "question",
          ("We houden de opgave van de fabrikant aan, meestal een meter rond de unit. Bij twijfel "
           "overleggen met de werkvoorbereiding.",
           "Zit ook in de toolbox van vorige maand, staat in de map van de vakgroep.")),
        P("Tip: bij de oplevering de klant laten zien waar het vuilfilter zit. Scheelt een "
          "telefoontje als de flow terugloopt. #warmtepompen", "tip"),
        P("Vandaag een buitenunit met ijsvorming onderaan. De condensafvoer lag zonder afschot. "
          "Afvoer aangepast, probleem weg. #warmtepompen", "tip"),
        P("Wat is jullie vuistregel voor het vermogen van een hybride warmtepomp bij een "
          "jaren-zeventigwoning? #warmtepompen", "question",
          ("Wij beginnen bij 4 à 5 kW, maar altijd met een berekening erbij.",
           "Hangt heel erg af van de isolatie. Zonder berekening durf ik het niet te zeggen.")),
        P("Handige app gevonden om het geluidsniveau van buitenunits te meten. Wie wil hem "
          "testen? #warmtepompen", "social"),
        P("Samenvatting van de leveranciersdag: nieuwe regelsoftware, en het display toont "
          "voortaan de storingscodes in gewone taal. Eindelijk! #warmtepompen", "news", once=True),
        P("Na de nacontrole van {aantal} installaties: de meeste klanten zetten de "
          "nachtverlaging te diep. Goed om mee te nemen bij de uitleg. #warmtepompen "
          "#klantcontact", "tip"),
    ),
    "veiligheid": (
        P("Toolbox: werken met F-gassen. Leg de lekdichtheidscontrole altijd vast in het "
          "logboek, ook als alles in orde is. #veiligheid", "tip"),
        P("Wie heeft al ervaring met de nieuwe gasdetectors in de bus? Die van mij piept bij "
          "elke koude start. #veiligheid", "question",
          replies=("Laat hem even op temperatuur komen voordat je hem aanzet, dan stopt het.",
                   "Bij mij ook. Het magazijn heeft een nieuwe voor me geregeld.")),
        P("Een jaar zonder verzuimongeval in regio {regio}! Dank aan iedereen die elke dag "
          "veilig werkt. #veiligheid", "praise"),
        P("Geen goede ladder of steiger bij de hand? Dan wachten we. Liever een uur later dan een "
          "ongeluk. #veiligheid", "tip"),
        P("Toolbox van deze week: werken in kruipruimtes. Altijd meten op gassen, nooit alleen "
          "naar beneden. #veiligheid", "tip"),
        P("Nieuwe VCA-regel: steigers hoger dan twee meter alleen met een keuringslabel. Staat "
          "in de nieuwe werkinstructie. #veiligheid", "news", once=True),
        P("Bijna-ongeval gemeld: struikelen over een losliggende slang bij een klant. Dank voor "
          "het melden, hier leren we van. #veiligheid", "problem"),
        P("Tip van een collega: zet bij werk op hoogte altijd een foto van je valbeveiliging in "
          "de werkbon. Zo is het vastgelegd. #veiligheid", "tip"),
        P("Brandblussers in de bussen worden volgende maand gekeurd. Let op de oproep van het "
          "magazijn. #veiligheid #wagenpark", "news"),
        P("Hitte op zolder: drink genoeg, en stop als je duizelig wordt. Er liggen koelvestjes in "
          "het magazijn. #veiligheid", "tip"),
    ),
    "hardlopen": (
        P("Wie doet er mee aan de bedrijvenloop in {plaats}? Inschrijven kan tot het eind van "
          "de maand.", "social",
          replies=("Ik doe mee, de vijf kilometer.", "Als de planning het toelaat, zeker!")),
        P("Vanochtend tien kilometer voor het werk. Met zo'n zonsopkomst ben je graag vroeg "
          "op! 🏃", "social", hours=(7, 9)),
        P("Wie loopt er mee met de Singelloop? We hebben nog plek in het bedrijfsteam.", "social",
          ("Ik doe mee! Vijf of tien kilometer?",
           "Zet me op de lijst, ik neem mijn buurman ook mee.")),
        P("Dinsdagavond een rondje vanaf het hoofdkantoor, 18.00 uur. Alle tempo's welkom.",
          "social", replies=("Ik ben erbij!", "Deze week lukt het niet, volgende keer weer.")),
        P("Nieuwe loopschoenen en meteen een persoonlijk record op de vijf kilometer. "
          "Toeval? 😄", "social"),
        P("Tip voor wie na de werkdag wil lopen: de route langs het kanaal bij {plaats} is "
          "prachtig en goed verlicht.", "tip"),
        P("Halve marathon uitgelopen! Dank voor de aanmoedigingen, collega's.", "praise"),
    ),
    "fotografie": (
        P("Mooi licht vanmorgen bij de bus in {plaats}. Soms moet je even stoppen en kijken. 📷",
          "social", hours=(7, 10)),
        P("Foto van de week: zonsopkomst vanaf een dak in {plaats}, tussen de panelen door. "
          "Wie doet beter? 📷", "social"),
        P("Vraag aan de fotografen: welke telefoon maakt in donkere kelders de beste foto's van "
          "een meterkast?", "question",
          ("Met een klein ledlampje erbij wordt elke telefoonfoto beter.",
           "Gebruik de nachtmodus en houd hem tegen de muur, dan bewogen ze niet.")),
        P("Fotowandeling zaterdag door de oude haven van {plaats}. Wie gaat er mee?", "social",
          replies=("Ik ga mee, als het droog blijft.", "Leuk! Hoe laat verzamelen we?")),
        P("Mijn favoriete foto van deze week: leidingwerk in een ketelhuis. Bijna kunst.",
          "social"),
        P("Tip: leg bij een oplevering altijd een foto vast van dichtbij en een van afstand. "
          "Handig voor de werkbon en mooi voor het archief.", "tip"),
    ),
    "koffiehoek": (
        P("Wie heeft mijn mok met 'Beste monteur' meegenomen? Hij is me dierbaar 😄", "social",
          replies=("Staat in de vaatwasser op de tweede verdieping!",)),
        P("Vandaag verse soep in de kantine: tomaat. Op is op!", "social", hours=(10, 12)),
        P("De koffiemachine op de tweede verdieping doet het weer! ☕", "social"),
        P("Wie heeft er taart neergezet bij de receptie? Top! 🍰", "social", hours=(9, 15),
          replies=("Ik! Mijn dochter is gisteren geslaagd.", "Hij is al bijna op, wees snel.")),
        P("Vrijdagmiddagborrel om 16.30 uur in de kantine. Iedereen welkom, ook de collega's "
          "van de buitendienst.", "social", hours=(9, 15),
          replies=("Ik doe mee!", "Gezellig, tot dan!", "Ik neem de bitterballen mee.")),
        P("Gevonden in de vergaderzaal: een blauwe sjaal en een oplader. Liggen bij de receptie.",
          "news"),
        P("Lunchwandeling om 12.30 uur, verzamelen bij de ingang. Wie gaat er mee?", "social",
          hours=(9, 12), replies=("Ik loop mee!", "Goed idee, tot zo.")),
        P("De nieuwe havermelk is een succes: hij is in twee dagen op. We bestellen meer!",
          "social", once=True),
        P("Parkeergarage vrijdag dicht voor schoonmaak. Parkeer aan de overkant bij het "
          "kantorenpark.", "news"),
    ),
}
# fmt: on

# --- comments --------------------------------------------------------------------------------

COMMENTS_BY_TONE: dict[str, tuple[str, ...]] = {
    "praise": (
        "Mooi werk!",
        "Top gedaan, {auteur} 👏",
        "Goed bezig!",
        "Zo zien we het graag.",
        "Sterk!",
        "Complimenten aan het hele team.",
        "Dit mag vaker gedeeld worden.",
        "Gaaf om te lezen.",
    ),
    "tip": (
        "Goede tip, dank je!",
        "Herkenbaar. Bij ons in {plaats} precies hetzelfde gezien.",
        "Die onthoud ik.",
        "Kun je dit ook in de vakgroep zetten? Dan vinden anderen het terug.",
        "Dat scheelt weer een terugkomer.",
        "Slim opgelost!",
        "Handig, dank voor het delen.",
    ),
    "question": (
        "Goede vraag, ik ben ook benieuwd.",
        "Vraag het even bij de werkvoorbereiding na, die weten het zeker.",
        "Ik stuur je een berichtje.",
    ),
    "news": (
        "Goed om te weten, dank!",
        "Helder, dank voor de update.",
        "Fijn om te lezen.",
        "Dank voor het delen, {auteur}.",
        "Duidelijk!",
    ),
    "problem": (
        "Goed dat je het meldt.",
        "Herkenbaar, bij ons in {plaats} gebeurt het ook.",
        "Sterkte, hopelijk morgen een rustigere dag.",
        "Dit moeten we echt oppakken.",
    ),
    "social": (
        "Haha, geweldig.",
        "Leuk! 😄",
        "Haha, herkenbaar!",
        "Dit maakt mijn dag goed.",
    ),
}

# How the author answers a comment on their own post, by the post's tone.
AUTHOR_REPLIES: dict[str, tuple[str, ...]] = {
    "praise": (
        "Dank je, {reageerder}!",
        "Haha, we doen ons best.",
        "Dank! Het was echt teamwerk.",
        "Dank je wel 🙂",
    ),
    "tip": ("Graag gedaan 🙂", "Dank je, {reageerder}!", "Klopt, scheelt echt veel."),
    "question": (
        "Dank je, {reageerder}! Daar kan ik mee verder.",
        "Top, dank voor het meedenken.",
        "Helder, dank!",
    ),
    "news": ("Dank je, {reageerder}!", "👍", "Graag gedaan."),
    "problem": ("Dank je, {reageerder}.", "Zeker, ik neem het mee.", "Dank voor het meedenken."),
    "social": ("Haha!", "Dank je, {reageerder} 😄", "Haha, precies."),
}

# Reaction kinds by tone: (kind, weight). Kinds are Reaction.Kind values.
REACTIONS_BY_TONE: dict[str, tuple[tuple[str, int], ...]] = {
    "praise": (("celebrate", 5), ("like", 4), ("thanks", 1), ("support", 1)),
    "tip": (("insightful", 5), ("thanks", 4), ("like", 3)),
    "question": (("like", 3), ("insightful", 1), ("support", 1)),
    "news": (("like", 6), ("thanks", 3), ("insightful", 1), ("celebrate", 1)),
    "problem": (("support", 5), ("insightful", 2), ("like", 2)),
    "social": (("like", 6), ("celebrate", 3), ("support", 1)),
}
