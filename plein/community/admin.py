from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from plein.community.events import SecretContentOpened
from plein.community.models import Comment, Group, Membership, Post, PostRevision, Topic
from plein.core.events import emit


def _record_secret_access(request: HttpRequest, group: Group | None, post: Post | None) -> None:
    """Opening a secret group (or a post in one) as a non-member is privileged access."""
    if group is None or group.visibility != Group.Visibility.SECRET:
        return
    member = Membership.objects.filter(
        group=group, person=request.user.pk, state=Membership.State.ACTIVE
    ).exists()
    if not member:
        emit(SecretContentOpened(actor=request.user, group=group, post=post))  # type: ignore[arg-type]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["person"]


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "visibility", "project_status"]
    list_filter = ["kind", "visibility"]
    search_fields = ["name", "slug"]
    raw_id_fields = ["department", "location", "created_by"]
    inlines = [MembershipInline]
    show_full_result_count = False

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        _record_secret_access(request, self.get_object(request, object_id), None)
        return super().change_view(request, object_id, form_url, extra_context)


class RevisionInline(admin.TabularInline):
    model = PostRevision
    extra = 0
    readonly_fields = ["body", "edited_by", "replaced_at"]
    can_delete = False


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["id", "author", "group", "kind", "created_at", "deleted_at"]
    list_filter = ["kind", "audience"]
    list_select_related = ["author", "group"]
    raw_id_fields = ["author", "group", "shared_post", "removed_by"]
    readonly_fields = ["body_html"]
    inlines = [RevisionInline]
    show_full_result_count = False

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        post = self.get_object(request, object_id)
        _record_secret_access(request, post.group if post else None, post)
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["id", "author", "post", "created_at", "deleted_at"]
    list_select_related = ["author"]
    raw_id_fields = ["author", "post", "parent"]
    show_full_result_count = False


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
