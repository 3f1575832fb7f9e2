"""The moderation pages: report, the queue, one case (decide), a decision (appeal), the log."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from plein.community.models import Comment, Post, PostRevision
from plein.people.models import Person
from plein.people.permissions import Perm, permission_required
from plein.policy.forms_moderation import AppealForm, DecisionForm, ReportForm
from plein.policy.services import moderation

LOG_PAGE = 100


def _viewer(request: HttpRequest) -> Person:
    assert isinstance(request.user, Person)
    return request.user


def _add_error(form: ReportForm | DecisionForm | AppealForm, error: Exception) -> None:
    if isinstance(error, ValidationError):
        for item in error.error_list:
            target = item.code if item.code in form.fields else None
            form.add_error(target, " ".join(item.messages))
    else:
        form.add_error(None, str(error) or _("You cannot do this."))


# --- Reporting -----------------------------------------------------------------------------


def _report(
    request: HttpRequest, *, post: Post | None, comment: Comment | None, back: str
) -> HttpResponse:
    viewer = _viewer(request)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            moderation.report(
                viewer,
                post=post,
                comment=comment,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except (ValidationError, PermissionDenied) as error:
            _add_error(form, error)
        else:
            messages.success(request, _("Thank you. A moderator will look at it."))
            return redirect(back)
    item = post if post is not None else comment
    return render(
        request,
        "policy/report_content.html",
        {"form": form, "item": item, "back": back, "post": post},
    )


@permission_required(Perm.VIEW_INTERNAL)
def report_post(request: HttpRequest, pk: int) -> HttpResponse:
    post = Post.objects.visible_to(_viewer(request)).select_related("author").filter(pk=pk).first()
    if post is None:
        raise Http404
    return _report(request, post=post, comment=None, back=reverse("community:post", args=[post.pk]))


@permission_required(Perm.VIEW_INTERNAL)
def report_comment(request: HttpRequest, pk: int) -> HttpResponse:
    comment = (
        Comment.objects.visible_to(_viewer(request)).select_related("author").filter(pk=pk).first()
    )
    if comment is None:
        raise Http404
    return _report(
        request, post=None, comment=comment, back=reverse("community:post", args=[comment.post_id])
    )


# --- Moderating ----------------------------------------------------------------------------


def _require_moderator(viewer: Person) -> None:
    if not moderation.moderates_anything(viewer):
        raise PermissionDenied


@permission_required(Perm.VIEW_INTERNAL)
def queue(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    _require_moderator(viewer)
    cases = list(moderation.queue_for(viewer)[:200])
    return render(request, "policy/queue.html", {"cases": cases})


@permission_required(Perm.VIEW_INTERNAL)
def case(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = _viewer(request)
    _require_moderator(viewer)
    item = (
        moderation.cases_for(viewer)
        .select_related("author", "group", "post", "comment", "comment__post")
        .filter(pk=pk)
        .first()
    )
    if item is None:
        raise Http404
    form = DecisionForm(request.POST or None, comment=item.is_comment)
    if request.method == "POST" and form.is_valid():
        try:
            moderation.decide(
                item,
                by=viewer,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
                suspend_days=form.cleaned_data["suspend_days"],
            )
        except (ValidationError, PermissionDenied) as error:
            _add_error(form, error)
        else:
            messages.success(request, _("Your decision is recorded and the author is told."))
            return redirect("policy:queue")
    revisions = (
        list(PostRevision.objects.filter(post_id=item.post_id).order_by("-replaced_at"))
        if item.post_id
        else []
    )
    context = {
        "case": item,
        "form": form,
        "revisions": revisions,
        "reports": list(item.reports.select_related("reporter").order_by("id")),
        "decisions": list(item.decisions.select_related("moderator", "appeal").order_by("id")),
        "log": list(item.log.select_related("actor").order_by("-id")),
    }
    return render(request, "policy/case.html", context)


@permission_required(Perm.VIEW_INTERNAL)
def decision(request: HttpRequest, pk: int) -> HttpResponse:
    """What was decided and why; the author may appeal once."""
    viewer = _viewer(request)
    found = (
        moderation.decisions_visible_to(viewer)
        .select_related("case__post", "case__comment")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    is_author = found.case.author_id == viewer.pk
    appealed = hasattr(found, "appeal")
    latest = found.case.decisions.order_by("-id").values_list("pk", flat=True).first()
    may_appeal = is_author and not appealed and found.outcome != "approve" and latest == found.pk
    form = AppealForm(request.POST or None) if may_appeal else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                moderation.appeal(found, by=viewer, text=form.cleaned_data["text"])
            except (ValidationError, PermissionDenied) as error:
                _add_error(form, error)
            else:
                messages.success(
                    request, _("Your appeal is in. Another moderator will look at it.")
                )
                return redirect("policy:decision", pk=found.pk)
    context = {
        "decision": found,
        "sentence": moderation.outcome_sentence(found),
        "form": form,
        "appealed": appealed,
        "is_author": is_author,
    }
    return render(request, "policy/decision.html", context)


@permission_required(Perm.VIEW_INTERNAL)
def log(request: HttpRequest) -> HttpResponse:
    """The append-only audit log, newest first, a page at a time (`before` an entry id)."""
    viewer = _viewer(request)
    _require_moderator(viewer)
    entries = moderation.audit_log_for(viewer)
    before = request.GET.get("before", "")
    if before.isdigit():
        entries = entries.filter(pk__lt=int(before))
    page = list(entries[: LOG_PAGE + 1])
    more = page[LOG_PAGE - 1].pk if len(page) > LOG_PAGE else None
    return render(request, "policy/log.html", {"entries": page[:LOG_PAGE], "more": more})
