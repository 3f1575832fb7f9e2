from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "plein.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from plein.community import events
        from plein.core.events import subscribe
        from plein.notifications import handlers

        subscribe(events.PostPublished, handlers.on_post_published)
        subscribe(events.PostEdited, handlers.on_post_edited)
        subscribe(events.CommentAdded, handlers.on_comment_added)
        subscribe(events.GroupInvitation, handlers.on_group_invitation)
        subscribe(events.PostRemoved, handlers.on_post_hidden)
        subscribe(events.PostMoved, handlers.on_post_hidden)
