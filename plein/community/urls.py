from django.urls import path

from plein.community.views import feeds, groups, posts

app_name = "community"

urlpatterns = [
    # Feeds (views/feeds.py)
    path("feed/", feeds.home, name="home"),
    path("feed/new-count/", feeds.new_count, name="new_count"),
    path("topics/<str:slug>/", feeds.topic, name="topic"),
    path("topics/<str:slug>/follow/", feeds.follow_topic, name="follow_topic"),
    path("people/<int:pk>/posts/", feeds.person, name="person_posts"),
    path("people/<int:pk>/follow/", feeds.follow_person, name="follow_person"),
    path("bookmarks/", feeds.bookmarks, name="bookmarks"),
    path("autocomplete/mentions/", feeds.autocomplete_mentions, name="autocomplete_mentions"),
    path("autocomplete/topics/", feeds.autocomplete_topics, name="autocomplete_topics"),
    # Posts and conversation (views/posts.py)
    path("posts/new/", posts.compose, name="compose"),
    path("posts/preview/", posts.preview, name="preview"),
    path("posts/<int:pk>/", posts.detail, name="post"),
    path("posts/<int:pk>/edit/", posts.edit, name="edit_post"),
    path("posts/<int:pk>/delete/", posts.delete, name="delete_post"),
    path("posts/<int:pk>/pin/", posts.pin, name="pin_post"),
    path("posts/<int:pk>/history/", posts.history, name="post_history"),
    path("posts/<int:pk>/share/", posts.share, name="share_post"),
    path("posts/<int:pk>/react/", posts.react, name="react"),
    path("posts/<int:pk>/reactions/", posts.reactions, name="reactions"),
    path("posts/<int:pk>/bookmark/", posts.bookmark, name="bookmark"),
    path("posts/<int:pk>/comments/", posts.comment, name="comment"),
    path("comments/<int:pk>/", posts.comment_permalink, name="comment_permalink"),
    path("comments/<int:pk>/delete/", posts.delete_comment, name="delete_comment"),
    path("comments/<int:pk>/react/", posts.react_comment, name="react_comment"),
    path("attachments/<int:pk>/<str:variant>/", posts.attachment, name="attachment"),
    # Groups (views/groups.py)
    path("groups/", groups.index, name="groups"),
    path("groups/new/", groups.create, name="create_group"),
    path("groups/id/<int:pk>/", groups.by_id, name="group_by_id"),
    path("groups/<slug:slug>/", groups.detail, name="group"),
    path("groups/<slug:slug>/members/", groups.members, name="group_members"),
    path("groups/<slug:slug>/join/", groups.join, name="join_group"),
    path("groups/<slug:slug>/leave/", groups.leave, name="leave_group"),
    path(
        "groups/<slug:slug>/requests/<int:person_pk>/", groups.decide_request, name="group_request"
    ),
    path("groups/<slug:slug>/invite/", groups.invite, name="invite_to_group"),
    path("groups/<slug:slug>/members/<int:person_pk>/", groups.manage_member, name="manage_member"),
    path("groups/<slug:slug>/settings/", groups.settings, name="group_settings"),
    path("groups/<slug:slug>/cover/", groups.cover, name="group_cover"),
]
