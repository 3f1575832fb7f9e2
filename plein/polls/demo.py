"""Demo polls for Van Dijk Installatietechniek: one closed with its results, one open in the
Service Midden group, one anonymous.

Load the people and community demos first. Everything goes through the services; nothing is
done when there are polls already.
"""

import zlib
from collections.abc import Sequence
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from plein.community.models import Group, Membership
from plein.people.models import Person
from plein.polls import services
from plein.polls.models import Poll, ResultsVisibility

EMAIL_DOMAIN = "demo.plein.nl"
# The demo accounts do not vote: whoever signs in can try voting themselves.
NOT_VOTING = ("medewerker", "flex", "manager", "community", "hr", "admin")


def _person(mailbox: str) -> Person | None:
    return Person.objects.filter(email=f"{mailbox}@{EMAIL_DOMAIN}").first()


def _voters(people: Sequence[Person], salt: str, share: int) -> list[Person]:
    """A stable selection of about `share` percent of the people."""
    return [p for p in people if zlib.crc32(f"{salt}:{p.pk}".encode()) % 100 < share]


def _vote(poll: Poll, people: Sequence[Person], weights: Sequence[int], salt: str) -> None:
    """Each voter picks an option; `weights` make some options more popular (and in a
    multiple-choice poll some voters pick a second one)."""
    options = list(poll.options.order_by("position"))
    total = sum(weights)
    for person in people:
        roll = zlib.crc32(f"{salt}:{person.pk}".encode()) % total
        chosen, running = options[-1], 0
        for option, weight in zip(options, weights, strict=False):
            running += weight
            if roll < running:
                chosen = option
                break
        picks = [chosen.pk]
        if poll.multiple_choice and roll % 3 == 0:
            picks.append(options[(options.index(chosen) + 1) % len(options)].pk)
        services.vote(poll, person, picks)


@transaction.atomic
def load_demo() -> str:
    """Add the demo polls; returns a one-line summary."""
    if Poll.objects.exists():
        return "polls already there"
    community, manager, hr = _person("community"), _person("manager"), _person("hr")
    if community is None or manager is None or hr is None:
        return "no demo people: load the people demo first"
    demo_ids = {p.pk for p in (_person(m) for m in NOT_VOTING) if p is not None}
    members = [p for p in Person.objects.members().order_by("pk") if p.pk not in demo_ids]
    now = timezone.now()

    magazine = services.create_poll(
        community,
        "Ons personeelsblad krijgt een nieuwe naam. Welke naam kies jij? #personeelsblad",
        ["De Koppeling", "Van Dijk Vandaag", "Het Ventiel", "Warm Nieuws"],
        closes_at=now + timedelta(days=7),
    )
    _vote(magazine, _voters(members, "blad", 30), [5, 2, 4, 3], "blad")
    services.close_poll(magazine, by=community)

    group = (
        Group.objects.filter(
            department_id=manager.department_id,
            memberships__person=manager,
            memberships__state=Membership.State.ACTIVE,
        ).first()
        if manager.department_id is not None
        else None
    )
    team_day = services.create_poll(
        manager,
        "Teamdag Service Midden: welke vrijdagen kun jij? Kies alle data die passen.",
        ["Vrijdag 16 januari", "Vrijdag 23 januari", "Vrijdag 30 januari"],
        group=group,
        multiple_choice=True,
        closes_at=now + timedelta(days=10),
    )
    colleagues = (
        [p for p in members if p.department_id == manager.department_id]
        if group is not None
        else members
    )
    _vote(team_day, _voters(colleagues, "teamdag", 45), [3, 4, 2], "teamdag")

    clothing = services.create_poll(
        hr,
        "Hoe tevreden ben je over de nieuwe werkkleding? Eerlijk zeggen: deze peiling is anoniem.",
        ["Heel tevreden", "Tevreden", "Neutraal", "Ontevreden"],
        closes_at=now + timedelta(days=14),
        results_visibility=ResultsVisibility.AFTER_CLOSING,
        anonymous=True,
    )
    _vote(clothing, _voters(members, "kleding", 25), [3, 5, 2, 1], "kleding")
    return f"{Poll.objects.count()} polls"
