"""The sentence a notification is told in, per kind, in the active language.

Whole sentences, each with its own plural forms ("Anna and 12 others replied to your comment"):
translators see every sentence as it will read. Callers activate the reader's language (the
request's, or `translation.override(person.language)` for e-mail) before calling `describe`.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from plein.notifications.models import Kind, Notification

# kind → (one actor, the actor and `count` others)
SENTENCES: dict[str, tuple[Promise, Promise]] = {
    Kind.MENTION: (
        gettext_lazy("%(actor)s mentioned you"),
        ngettext_lazy(
            "%(actor)s and %(count)d other person mentioned you",
            "%(actor)s and %(count)d other people mentioned you",
            "count",
        ),
    ),
    Kind.REPLY: (
        gettext_lazy("%(actor)s replied to your comment"),
        ngettext_lazy(
            "%(actor)s and %(count)d other person replied to your comment",
            "%(actor)s and %(count)d other people replied to your comment",
            "count",
        ),
    ),
    Kind.COMMENT: (
        gettext_lazy("%(actor)s commented on your post"),
        ngettext_lazy(
            "%(actor)s and %(count)d other person commented on your post",
            "%(actor)s and %(count)d other people commented on your post",
            "count",
        ),
    ),
    Kind.ANSWER: (
        gettext_lazy("%(actor)s answered your question"),
        ngettext_lazy(
            "%(actor)s and %(count)d other person answered your question",
            "%(actor)s and %(count)d other people answered your question",
            "count",
        ),
    ),
    Kind.ANSWER_ACCEPTED: (
        gettext_lazy("%(actor)s accepted your answer"),
        ngettext_lazy(
            "%(actor)s and %(count)d other person accepted your answers",
            "%(actor)s and %(count)d other people accepted your answers",
            "count",
        ),
    ),
    Kind.INVITATION: (
        gettext_lazy("%(actor)s invited you to join a group"),
        ngettext_lazy(
            "%(actor)s and %(count)d other person invited you to join a group",
            "%(actor)s and %(count)d other people invited you to join a group",
            "count",
        ),
    ),
    Kind.ANNOUNCEMENT: (
        gettext_lazy("%(actor)s published an announcement"),
        ngettext_lazy(
            "%(actor)s and %(count)d other person published announcements",
            "%(actor)s and %(count)d other people published announcements",
            "count",
        ),
    ),
    Kind.MUST_READ: (
        gettext_lazy("%(actor)s published an announcement you must read"),
        ngettext_lazy(
            "%(actor)s and %(count)d other person published announcements you must read",
            "%(actor)s and %(count)d other people published announcements you must read",
            "count",
        ),
    ),
    Kind.BOARD_ANSWERED: (
        gettext_lazy("%(actor)s answered your question to the board"),
        ngettext_lazy(
            "%(actor)s and %(count)d other person answered your question to the board",
            "%(actor)s and %(count)d other people answered your question to the board",
            "count",
        ),
    ),
    Kind.BOARD_QUESTION: (
        gettext_lazy("%(actor)s asked the board a question"),
        ngettext_lazy(
            "%(actor)s and %(count)d other person asked the board a question",
            "%(actor)s and %(count)d other people asked the board questions",
            "count",
        ),
    ),
    Kind.NEW_ARTICLE: (
        gettext_lazy("%(actor)s published a new article"),
        ngettext_lazy(
            "%(actor)s and %(count)d other person published new articles",
            "%(actor)s and %(count)d other people published new articles",
            "count",
        ),
    ),
    Kind.NEW_QUESTION: (
        gettext_lazy("%(actor)s asked a new question"),
        ngettext_lazy(
            "%(actor)s and %(count)d other person asked new questions",
            "%(actor)s and %(count)d other people asked new questions",
            "count",
        ),
    ),
    # Nobody acted: the worker finished the person's own request.
    Kind.DATA_EXPORT: (
        gettext_lazy("Your data export is ready to download"),
        ngettext_lazy(
            "Your data export is ready to download",
            "Your %(count)d data exports are ready to download",
            "count",
        ),
    ),
    # Candidates have no account: nobody is named.
    Kind.CANDIDATE_QUESTION: (
        gettext_lazy("A candidate asked a question about a vacancy"),
        ngettext_lazy(
            "A candidate and %(count)d other candidate asked questions about a vacancy",
            "A candidate and %(count)d other candidates asked questions about a vacancy",
            "count",
        ),
    ),
    # A candidate has no account, and nothing about them goes into a notification or e-mail:
    # the recruiter opens the application in Plein.
    Kind.NEW_APPLICATION: (
        gettext_lazy("A candidate applied for a vacancy"),
        ngettext_lazy(
            "A candidate and %(count)d other candidate applied for a vacancy",
            "A candidate and %(count)d other candidates applied for a vacancy",
            "count",
        ),
    ),
    Kind.MODERATION: (
        gettext_lazy("A moderator reviewed what you wrote"),
        ngettext_lazy(
            "A moderator reviewed what you wrote (%(count)d more decision)",
            "A moderator reviewed what you wrote (%(count)d more decisions)",
            "count",
        ),
    ),
}


def actor_name(notification: Notification) -> str:
    actor = notification.actor
    return actor.full_name if actor is not None else _("A colleague")


def describe(notification: Notification) -> str:
    """ "Anna Jansen and 12 other people replied to your comment", in the active language."""
    one, many = SENTENCES[notification.kind]
    others = notification.others_count
    if others == 0:
        return str(one) % {"actor": actor_name(notification)}
    return str(many % {"actor": actor_name(notification), "count": others})
