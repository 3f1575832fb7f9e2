"""Polls: composing one, its page, voting and closing.

Every read goes through the post's visibility rule (a poll in a closed group answers 404 to
non-members). Voting and closing are plain form POSTs with a redirect back; for htmx the poll's
part of the card comes back instead.
"""

from typing import cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plein.community.cards import CardExtra
from plein.community.forms_posts import CommentForm
from plein.community.models import Group, Post
from plein.community.services import groups as group_services
from plein.community.services.gate import confirmation_from, show_policy_notice
from plein.community.views.feeds import prepare_cards, safe_next
from plein.community.views.posts import comment_threads, get_post_for_viewer_or_404
from plein.people.models import Person
from plein.people.permissions import Perm, permission_required
from plein.polls import cards, services
from plein.polls.forms import PollForm
from plein.polls.models import Poll


def _viewer(request: HttpRequest) -> Person:
    return cast(Person, request.user)


def _is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _poll_or_404(viewer: Person, pk: int) -> Poll:
    post = Post.objects.visible_to(viewer).select_related("author").filter(pk=pk).first()
    poll = Poll.objects.filter(pk=pk).first() if post is not None else None
    if poll is None:
        raise Http404
    poll.post = post  # type: ignore[assignment]
    return poll


def _view_of(viewer: Person, post: Post, *, with_voters: bool = False) -> services.PollView:
    polls = services.polls_with_counts([post.pk])
    if not polls:
        raise Http404
    polls[0].post = post
    return services.views_for(viewer, polls, with_voters=with_voters)[post.pk]


# --- Composing ---------------------------------------------------------------------------------


def _add_service_error(form: PollForm, error: ValidationError | PermissionDenied) -> None:
    if isinstance(error, ValidationError):
        show_policy_notice(form, error, fallback="question")
    if isinstance(error, PermissionDenied):
        form.add_error("group", str(error) or _("You cannot post here."))
        return
    fields = {
        "empty": "question",
        "too_long": "question",
        "text": "question",
        "options": "option_1",
        "policy_warn": "question",
        "policy_block": "question",
        "policy_hold": "question",
    }
    for item in error.error_list:
        code = item.code or ""
        target = fields.get(code, code)
        form.add_error(target if target in form.fields else None, " ".join(item.messages))


@permission_required(Perm.VIEW_INTERNAL)
def new(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    groups = list(Group.objects.joined_by(viewer).order_by("name"))
    if request.method != "POST":
        initial = {"group": request.GET.get("group", "")} if request.GET.get("group") else {}
        form = PollForm(groups=groups, initial=initial)
        return render(request, "polls/new.html", {"form": form})
    form = PollForm(request.POST, groups=groups)
    if form.is_valid():
        data = form.cleaned_data
        try:
            poll = services.create_poll(
                viewer,
                data["question"],
                data["options"],
                group=data["group_object"],
                multiple_choice=data["multiple_choice"],
                closes_at=data["closes_at"],
                results_visibility=data["results_visibility"],
                anonymous=data["anonymous"],
                confirmation=confirmation_from(request.POST),
            )
        except (ValidationError, PermissionDenied) as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("Your poll has been published."))
            return redirect("polls:detail", pk=poll.pk)
    return render(request, "polls/new.html", {"form": form})


# --- The poll's page -----------------------------------------------------------------------------


@permission_required(Perm.VIEW_INTERNAL)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The poll with who voted for what (when not anonymous and the results are shown), and its
    conversation."""
    viewer = _viewer(request)
    post = get_post_for_viewer_or_404(viewer, pk)
    if post.kind != Post.Kind.POLL:
        raise Http404
    admin = post.group is not None and group_services.is_group_admin(post.group, viewer)
    card = prepare_cards(
        viewer,
        [post],
        admin_group_ids={post.group_id} if admin and post.group_id else set(),
        kind_counts=True,
    )[0]
    card.extra = CardExtra(
        template=cards.CARD_TEMPLATE,
        context=_view_of(viewer, post, with_voters=True),
        replaces_body=True,
    )
    threads = comment_threads(viewer, post)
    for thread in threads:
        if thread.comment is None:
            continue
        thread.reply_form = CommentForm(auto_id=f"reply-{thread.comment.pk}-%s")
        thread.reply_form.fields["text"].label = _("Your reply to %(name)s") % {
            "name": thread.comment.author.full_name
        }
    return render(
        request,
        "polls/detail.html",
        {
            "card": card,
            "post": post,
            "threads": threads,
            "comment_count": sum((1 if t.comment else 0) + len(t.replies) for t in threads),
            "comment_form": CommentForm(),
        },
    )


def _poll_response(request: HttpRequest, poll: Poll, error: str = "") -> HttpResponse:
    if _is_htmx(request):
        return render(
            request,
            "polls/_card.html#poll",
            {
                "extra": _view_of(_viewer(request), poll.post),
                "post": poll.post,
                "error": error,
                "next_url": safe_next(request, ""),
            },
        )
    if error:
        messages.error(request, error)
    return redirect(
        safe_next(request, reverse("polls:detail", args=[poll.pk])) + f"#post-{poll.pk}"
    )


@permission_required(Perm.VIEW_INTERNAL)
@require_POST
def vote(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = _viewer(request)
    poll = _poll_or_404(viewer, pk)
    chosen = [int(value) for value in request.POST.getlist("option") if value.isdigit()]
    try:
        services.vote(poll, viewer, chosen)
    except ValidationError as error:
        return _poll_response(request, poll, " ".join(error.messages))
    if not _is_htmx(request):
        messages.success(request, _("Your vote has been counted."))
    return _poll_response(request, poll)


@permission_required(Perm.VIEW_INTERNAL)
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = _viewer(request)
    poll = _poll_or_404(viewer, pk)
    services.close_poll(poll, by=viewer)
    if not _is_htmx(request):
        messages.success(request, _("The poll is closed."))
    return _poll_response(request, poll)
