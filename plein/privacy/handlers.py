"""What the events of lower apps mean for privacy (subscribed in PrivacyConfig.ready)."""

from django.urls import reverse

from plein.community.events import SecretContentOpened
from plein.core.events import subscribe
from plein.people.events import PersonOffboarded
from plein.privacy.models import AuditEntry
from plein.privacy.services import erasure
from plein.privacy.services.audit import record_access


def on_person_offboarded(event: PersonOffboarded) -> None:
    erasure.on_person_offboarded(event.person, by=event.by)


def on_secret_content_opened(event: SecretContentOpened) -> None:
    if event.post is not None:
        record_access(
            event.actor,
            AuditEntry.Action.SECRET_POST_OPENED,
            target=f"post:{event.post.pk}",
            target_label=f"{event.group.name} › {reverse('community:post', args=[event.post.pk])}",
        )
    else:
        record_access(
            event.actor,
            AuditEntry.Action.SECRET_GROUP_OPENED,
            target=f"group:{event.group.pk}",
            target_label=event.group.name,
        )


def connect() -> None:
    subscribe(PersonOffboarded, on_person_offboarded)
    subscribe(SecretContentOpened, on_secret_content_opened)
