from django.urls import include, path

from plein.policy.views import documents, moderation, rules

app_name = "policy"

# Mounted at the root (plein/urls.py): the policy and its rules under /policy/, moderation under
# /moderation/, in one namespace.
policy_urlpatterns = [
    path("", documents.current, name="current"),
    path("versions/<int:number>/", documents.version_detail, name="version"),
    path("versions/<int:number>/accept/", documents.acknowledge, name="acknowledge"),
    path("attachments/<int:pk>/", documents.attachment, name="attachment"),
    path("manage/", documents.manage, name="manage"),
    path("manage/new/", documents.new_draft, name="new_draft"),
    path("manage/versions/<int:number>/", documents.edit, name="edit"),
    path(
        "manage/versions/<int:number>/attachments/", documents.add_attachment, name="add_attachment"
    ),
    path(
        "manage/attachments/<int:pk>/remove/", documents.remove_attachment, name="remove_attachment"
    ),
    path("manage/versions/<int:number>/publish/", documents.publish, name="publish"),
    path("manage/report/", documents.report, name="report"),
    path("rules/", rules.rule_list, name="rules"),
    path("rules/new/", rules.rule_new, name="rule_new"),
    path("rules/audit/", rules.audit_log, name="audit"),
    path("rules/test/", rules.test_bench, name="bench"),
    path("rules/<slug:slug>/", rules.rule_edit, name="rule_edit"),
    path("rules/<slug:slug>/enabled/", rules.rule_enabled, name="rule_enabled"),
]

moderation_urlpatterns = [
    path("", moderation.queue, name="queue"),
    path("cases/<int:pk>/", moderation.case, name="case"),
    path("decisions/<int:pk>/", moderation.decision, name="decision"),
    path("log/", moderation.log, name="log"),
    path("report/post/<int:pk>/", moderation.report_post, name="report_post"),
    path("report/comment/<int:pk>/", moderation.report_comment, name="report_comment"),
]

urlpatterns = [
    path("policy/", include(policy_urlpatterns)),
    path("moderation/", include(moderation_urlpatterns)),
]
