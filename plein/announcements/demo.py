"""Demo announcements for Van Dijk Installatietechniek: the new social media policy (a must-read
with a video, to be confirmed, partly read), a department announcement and one from HR.

Load the people and community demos first. Everything goes through the services; nothing is
done when the demo's announcements are there already.
"""

import zlib

from django.db import transaction

from plein.announcements import services
from plein.announcements.models import Announcement, AnnouncementReceipt, Audience
from plein.people.models import Department, Person

EMAIL_DOMAIN = "demo.plein.nl"
# The demo accounts that should still find the policy pinned on their home page.
STILL_TO_READ = ("medewerker", "flex")

# A placeholder for the organisation's own video about the policy (replace with the real one).
POLICY_VIDEO = "https://www.youtube.com/watch?v=PleinDemo01"

SOCIAL_MEDIA_POLICY = "\n\n".join(
    (
        "Collega's, vanaf 1 december hebben we een social media policy. Daarin staan de "
        "afspraken over hoe we als Van Dijk en als medewerkers omgaan met social media: "
        "de accounts van Van Dijk zelf, en ook je eigen Facebook, Instagram, LinkedIn of "
        "TikTok.",
        "Het belangrijkste in het kort:",
        "- **Deel gerust wat je trots maakt.** Een mooie installatie, een geslaagde klus, "
        "een nieuwe collega: we vinden het juist leuk als je laat zien wat je doet.\n"
        "- **Klanten en hun huizen blijven privé.** Geen adressen, kentekens, gezichten "
        "of binnenkanten van woningen zonder toestemming van de klant.\n"
        "- **Je spreekt voor jezelf.** Reageer niet namens Van Dijk op klachten of "
        "nieuws; stuur ze door naar communicatie, dan pakken wij het op.\n"
        "- **Twijfel je? Vraag het.** Liever één vraag te veel dan een bericht dat je "
        "later wilt terughalen.",
        f"In deze korte video (4 minuten) lopen we de afspraken samen door: {POLICY_VIDEO}",
        "De volledige policy staat op het intranet bij Communicatie. Wil je na het lezen "
        "en kijken bevestigen dat je het hebt gelezen en begrepen? Vragen stel je "
        "hieronder of aan mij, dan nemen we ze mee in de vragenronde op de volgende "
        "regiodag.",
    )
)

WINTER_SERVICE = "\n\n".join(
    (
        "Vanaf maandag 2 december draaien we in Service Midden weer het winterrooster. "
        "Dat betekent:",
        "- de storingsdienst is 's avonds tot 22.00 uur met twee bussen bezet in plaats "
        "van één;\n"
        "- in het weekend rijdt per team één monteur storingsdienst (zie de planning in "
        "Syntess);\n"
        "- onderhoudsbeurten plannen we tot half maart vooral op dinsdag t/m donderdag.",
        "Ruilen kan zoals altijd onderling, als je het even doorgeeft aan de planners. "
        "Dank voor jullie flexibiliteit, dit is de drukste tijd van het jaar!",
    )
)

TRAINING_OFFER = "\n\n".join(
    (
        "Het opleidingsaanbod voor 2027 staat klaar. Nieuw dit jaar: een praktijkdag "
        "warmtepompen in ons eigen opleidingscentrum in Utrecht, een cursus "
        "klantgesprekken voor monteurs en een training F-gassen voor iedereen die nog "
        "moet hercertificeren.",
        "Inschrijven kan tot 15 januari via je leidinggevende. Twijfel je welke opleiding "
        "bij je past? Plan gerust een kop koffie met HR in.",
    )
)


def _person(mailbox: str) -> Person | None:
    return Person.objects.filter(email=f"{mailbox}@{EMAIL_DOMAIN}").first()


def _share(person_id: int, salt: str) -> int:
    """A stable number from 0 to 99 per person: who has read what, the same on every load."""
    return zlib.crc32(f"{salt}:{person_id}".encode()) % 100


def _read_partly(
    announcement: Announcement, *, read: int, acknowledged: int, skip: tuple[int, ...] = ()
) -> None:
    receipts = AnnouncementReceipt.objects.filter(announcement=announcement).select_related(
        "person"
    )
    for receipt in receipts.exclude(person_id__in=skip).order_by("person_id"):
        share = _share(receipt.person_id, announcement.title)
        if share < acknowledged and announcement.requires_acknowledgement:
            services.acknowledge(announcement, receipt.person)
        elif share < read:
            services.mark_read(announcement, receipt.person)


def _send(author: Person, **kwargs: object) -> Announcement:
    announcement = services.send_announcement(author, **kwargs)  # type: ignore[arg-type]
    # The demo does not wait for the worker: a large audience is delivered right here.
    services.deliver(announcement.pk)
    return announcement


@transaction.atomic
def load_demo() -> str:
    """Add the demo announcements; returns a one-line summary."""
    if Announcement.objects.exists():
        return "announcements already there"
    community, manager, hr = _person("community"), _person("manager"), _person("hr")
    if community is None or manager is None or hr is None:
        return "no demo people: load the people demo first"
    skip = tuple(p.pk for p in (_person(m) for m in STILL_TO_READ) if p is not None)

    policy = _send(
        community,
        title="Onze nieuwe social media policy: lezen, kijken en bevestigen",
        text=SOCIAL_MEDIA_POLICY,
        audience=Audience.ORGANISATION,
        must_read=True,
        requires_acknowledgement=True,
        include_flexible=True,
    )
    _read_partly(policy, read=72, acknowledged=55, skip=skip)

    sent = [policy]
    if manager.department_id is not None:
        department = Department.objects.get(pk=manager.department_id)
        winter = _send(
            manager,
            title="Winterrooster Service Midden vanaf 2 december",
            text=WINTER_SERVICE,
            audience=Audience.DEPARTMENTS,
            departments=[department],
            include_flexible=True,
            must_read=True,
        )
        _read_partly(winter, read=64, acknowledged=0, skip=skip)
        sent.append(winter)

    training = _send(
        hr,
        title="Opleidingsaanbod 2027 staat klaar",
        text=TRAINING_OFFER,
        audience=Audience.ORGANISATION,
    )
    _read_partly(training, read=38, acknowledged=0)
    sent.append(training)
    receipts = AnnouncementReceipt.objects.filter(announcement__in=sent).count()
    return f"{len(sent)} announcements to {receipts:,} recipients"
