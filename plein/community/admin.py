from django.contrib import admin

from plein.community.models import Comment, Group, Membership, Post, PostRevision, Topic


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
