"""The demo's social media policy and posting rules (Van Dijk Installatietechniek): version 1
(a year ago, accepted by most), version 2 (published three days ago, with a video, accepted by
about six in ten; the employee and flexible worker demo accounts still have to), the default
rules plus the organisation's confidential terms and a few words of its own.

Load the people demo first. Nothing is done when there is a policy already.
"""

import datetime
import zlib

from django.db import transaction
from django.utils import timezone

from plein.people.models import Person
from plein.policy import documents
from plein.policy.demo_texts import V1, V2, VIDEO
from plein.policy.models import PolicyAcknowledgement, PolicyRule, PolicyVersion
from plein.policy.services import rules as rule_services

EMAIL_DOMAIN = "demo.plein.nl"
STILL_TO_ACCEPT = ("medewerker", "flex")

CONFIDENTIAL_TERMS = [
    "Project Noordster",
    "Project Kwartel",
    "overname Klimaatbouw",
    "aanbesteding Zorggroep Noord",
]
OWN_BLOCKED_WORDS = ["kutklant", "prutsers", "beunhaas", "beunhazen"]
OWN_SITES = ["vandijk-installatietechniek.nl", "linkedin.com", "youtube.com", "instagram.com"]


def _person(mailbox: str) -> Person | None:
    return Person.objects.filter(email=f"{mailbox}@{EMAIL_DOMAIN}").first()


def _share(person_id: int, salt: str) -> int:
    return zlib.crc32(f"{salt}:{person_id}".encode()) % 100


@transaction.atomic
def load_demo() -> str:
    if PolicyVersion.objects.exists():
        return "policy already there"
    community = _person("community")
    if community is None:
        return "no demo people: load the people demo first"
    now = timezone.now()

    first = documents.start_draft(community)
    documents.update_draft(community, first, **V1)
    documents.publish(community, first)
    second = documents.start_draft(community)
    documents.update_draft(community, second, video_url=VIDEO, **V2)
    documents.publish(community, second)
    PolicyVersion.objects.filter(pk=first.pk).update(
        published_at=now - datetime.timedelta(days=380),
        created_at=now - datetime.timedelta(days=390),
    )
    PolicyVersion.objects.filter(pk=second.pk).update(
        published_at=now - datetime.timedelta(days=3), created_at=now - datetime.timedelta(days=6)
    )

    skip = {p.pk for p in (_person(m) for m in STILL_TO_ACCEPT) if p is not None}
    members = list(Person.objects.members().values_list("pk", flat=True))
    acks = []
    for pk in members:
        if _share(pk, "v1") < 90:
            acks.append(
                PolicyAcknowledgement(
                    person_id=pk,
                    version=first,
                    acknowledged_at=now - datetime.timedelta(days=370 - _share(pk, "d1") % 10),
                )
            )
        if pk not in skip and _share(pk, "v2") < 60:
            acks.append(
                PolicyAcknowledgement(
                    person_id=pk,
                    version=second,
                    acknowledged_at=now - datetime.timedelta(hours=1 + _share(pk, "d2") % 70),
                )
            )
    PolicyAcknowledgement.objects.bulk_create(acks)

    rule_services.ensure_rules_seeded(community)
    confidential = PolicyRule.objects.get(slug="confidential-terms")
    data = rule_services.data_of(confidential)
    data.terms, data.enabled = CONFIDENTIAL_TERMS, True
    data.suggestion_nl = "Deze naam is vertrouwelijk: noem het project of de klant niet."
    data.suggestion_en = "This name is confidential: do not name the project or the customer."
    rule_services.change_rule(community, confidential, data)
    rule_services.add_rule(
        community,
        "eigen-scheldwoorden",
        rule_services.RuleData(
            kind="blocked_word",
            action="hold",
            scopes=["internal", "careers", "outbound"],
            terms=OWN_BLOCKED_WORDS,
            suggestion_nl="Zo praten we niet over klanten of vakgenoten. Kun je het anders zeggen?",
            suggestion_en="That is not how we talk about customers or fellow tradespeople. "
            "Could you put it differently?",
        ),
    )
    rule_services.add_rule(
        community,
        "links-naar-buiten",
        rule_services.RuleData(
            kind="link_domain",
            action="hold",
            scopes=["outbound"],
            allow_domains=OWN_SITES,
            suggestion_nl="Link in berichten naar buiten alleen naar onze eigen kanalen.",
            suggestion_en="In outbound posts, link only to our own channels.",
        ),
    )
    accepted = sum(1 for ack in acks if ack.version_id == second.pk)
    return (
        f"social media policy v1 and v2 ({accepted} of {len(members)} accepted v2), "
        f"{PolicyRule.objects.count()} posting rules"
    )
