"""The texts of the demo's social media policy (Van Dijk Installatietechniek), two versions."""

VIDEO = "https://www.youtube.com/watch?v=PleinDemo01"

V1 = {
    "title_nl": "Social media policy Van Dijk Installatietechniek",
    "title_en": "Van Dijk Installatietechniek social media policy",
    "introduction_nl": (
        "Social media horen bij ons werk en bij ons leven. Deze afspraken helpen je om er "
        "verstandig mee om te gaan: voor jezelf, voor je collega's en voor onze klanten."
    ),
    "introduction_en": (
        "Social media are part of our work and our lives. These agreements help you use them "
        "sensibly: for yourself, your colleagues and our customers."
    ),
    "corporate_accounts_nl": (
        "De accounts van Van Dijk op LinkedIn, Instagram en Facebook worden beheerd door "
        "Communicatie. Wil je iets laten plaatsen? Stuur het naar communicatie."
    ),
    "corporate_accounts_en": (
        "Van Dijk's accounts on LinkedIn, Instagram and Facebook are run by Communications. "
        "Want something posted? Send it to Communications."
    ),
    "private_accounts_nl": (
        "Op je eigen accounts spreek je voor jezelf. Deel geen gegevens van klanten en geen "
        "foto's van binnen in hun woning."
    ),
    "private_accounts_en": (
        "On your own accounts you speak for yourself. Do not share customers' details or "
        "photos of the inside of their homes."
    ),
    "encouragement_nl": "",
    "encouragement_en": "",
}

V2 = {
    "title_nl": "Social media policy Van Dijk Installatietechniek",
    "title_en": "Van Dijk Installatietechniek social media policy",
    "introduction_nl": (
        "Met ruim 300 monteurs, planners en adviseurs laten we elke dag zien wat "
        "vakmanschap is. Op social media mag dat ook gezien worden. In deze versie staat "
        "nieuw wat je wel en niet deelt van een klus, hoe je omgaat met reacties op onze "
        "berichten en wat we van je vragen als je namens Van Dijk spreekt.\n\n"
        "Bekijk ook de korte video (4 minuten) waarin we de afspraken samen doorlopen. Lees "
        "de policy en bevestig onderaan dat je hem hebt gelezen en accepteert."
    ),
    "introduction_en": (
        "With more than 300 engineers, planners and advisers we show every day what "
        "craftsmanship is. On social media that may be seen too. New in this version: what "
        "you do and do not share about a job, how to deal with reactions to our posts, and "
        "what we ask of you when you speak on behalf of Van Dijk.\n\n"
        "Watch the short video (4 minutes) in which we go through the agreements together. "
        "Read the policy and confirm at the bottom that you have read and accept it."
    ),
    "corporate_accounts_nl": (
        "- De accounts van Van Dijk (LinkedIn, Instagram, Facebook, TikTok en YouTube) worden "
        "beheerd door Communicatie. Alleen zij plaatsen en reageren namens Van Dijk.\n"
        "- Vacatures staan op werken-bij en gaan vanuit Plein naar LinkedIn; Recruitment "
        "beslist wat er wordt gedeeld.\n"
        "- Klachten of vragen van klanten op onze accounts beantwoordt Klantenservice binnen "
        "één werkdag. Zie je er een? Stuur de link naar klantenservice, reageer niet zelf.\n"
        "- Bij een storing, ongeluk of nieuwsbericht over Van Dijk reageert alleen de "
        "directie of Communicatie."
    ),
    "corporate_accounts_en": (
        "- Van Dijk's accounts (LinkedIn, Instagram, Facebook, TikTok and YouTube) are run by "
        "Communications. Only they post and respond on behalf of Van Dijk.\n"
        "- Vacancies are on the careers site and go from Plein to LinkedIn; Recruitment "
        "decides what is shared.\n"
        "- Customer Service answers complaints or questions on our accounts within one working "
        "day. See one? Send the link to Customer Service; do not respond yourself.\n"
        "- After a breakdown, an accident or news about Van Dijk, only the board or "
        "Communications respond."
    ),
    "private_accounts_nl": (
        "- Op je eigen accounts spreek je voor jezelf. Zeg erbij dat het jouw mening is als "
        "je over je werk schrijft.\n"
        "- **Klanten en hun huizen blijven privé.** Geen adressen, kentekens, gezichten, "
        "namen op deurbellen of binnenkanten van woningen zonder schriftelijke toestemming "
        "van de klant.\n"
        "- Geen foto's van meterkasten, alarmsystemen of toegangscodes: daar kunnen inbrekers "
        "iets mee.\n"
        "- Deel geen prijzen, offertes of namen van projecten die nog niet openbaar zijn.\n"
        "- Collega's op de foto? Vraag het ze eerst."
    ),
    "private_accounts_en": (
        "- On your own accounts you speak for yourself. Say that it is your own opinion when "
        "you write about your work.\n"
        "- **Customers and their homes stay private.** No addresses, number plates, faces, "
        "names on doorbells or the inside of homes without the customer's written consent.\n"
        "- No photos of meter cupboards, alarm systems or access codes: burglars can use "
        "them.\n"
        "- Do not share prices, quotes or names of projects that are not public yet.\n"
        "- Colleagues in the photo? Ask them first."
    ),
    "encouragement_nl": (
        "We vinden het juist leuk als je laat zien wat je doet. Een mooie warmtepomp, een "
        "strak weggewerkte installatie, een nieuwe collega, je diploma: deel het gerust, en "
        "tag Van Dijk, dan delen wij het misschien ook. Wie wil, kan meedoen met ons "
        "ambassadeursprogramma: een training van een middag en elk kwartaal ideeën voor "
        "berichten. Meedoen is vrijwillig; niet meedoen ook."
    ),
    "encouragement_en": (
        "We love it when you show what you do. A fine heat pump, a neatly finished "
        "installation, a new colleague, your diploma: go ahead and share it, and tag Van "
        "Dijk, so we may share it too. If you like, join our ambassador programme: an "
        "afternoon's training and ideas for posts every quarter. Joining is voluntary; not "
        "joining is too."
    ),
}
