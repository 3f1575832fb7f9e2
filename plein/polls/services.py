"""Creating polls, voting, closing, and what a viewer may see of the results.

The rules:
- a poll has 2 to 10 options; each passes the content gate, like the question (the post text);
- single choice: one option per person; multiple choice: one or more;
- until the poll closes a person may change their vote (voting again replaces it); after the
  closing time no vote is accepted;
- results are shown after one has voted or only once the poll has closed (the author chooses);
  once closed, everyone who can see the poll sees the results;
- who voted for what is shown only in a poll that is not anonymous.
Visibility is the post's: a poll in a closed group is seen and voted on by its members only.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plein.community.models import Group, Post
from plein.community.services.gate import pass_gate
from plein.community.services.posts import publish_post
from plein.people.models import Person
from plein.polls.models import Poll, PollOption, PollVote, ResultsVisibility

MIN_OPTIONS = 2
MAX_OPTIONS = 10
OPTION_LENGTH = 200
# Names listed under the options of a poll that is not anonymous (the counts stay exact).
MAX_LISTED_VOTES = 2000


def _when(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "j F Y, H:i")


# --- Creating and closing ----------------------------------------------------------------------


def _gate_options(options: Iterable[str], author: Person, confirmation: str = "") -> list[str]:
    texts: list[str] = []
    seen: set[str] = set()
    for raw in options:
        if not (raw or "").strip():
            continue
        try:
            gated = pass_gate(
                raw, author=author, max_length=OPTION_LENGTH, confirmation=confirmation
            )
        except ValidationError as error:
            raise ValidationError(
                _("Option %(number)d: %(problem)s")
                % {"number": len(texts) + 1, "problem": error.messages[0]},
                code="options",
            ) from error
        text = " ".join(gated.markdown.split())
        if text.casefold() in seen:
            raise ValidationError(
                _("“%(option)s” is an option twice: give each option once.") % {"option": text},
                code="options",
            )
        seen.add(text.casefold())
        texts.append(text)
    if len(texts) < MIN_OPTIONS:
        raise ValidationError(
            _("Give at least %(count)d options.") % {"count": MIN_OPTIONS}, code="options"
        )
    if len(texts) > MAX_OPTIONS:
        raise ValidationError(
            _("Give at most %(count)d options.") % {"count": MAX_OPTIONS}, code="options"
        )
    return texts


def create_poll(
    author: Person,
    question: str,
    options: Sequence[str],
    *,
    group: Group | None = None,
    multiple_choice: bool = False,
    closes_at: datetime | None = None,
    results_visibility: str = ResultsVisibility.AFTER_VOTING,
    anonymous: bool = False,
    confirmation: str = "",
) -> Poll:
    """Publish a poll (organisation-wide, or in a group the author is a member of).
    `confirmation`: the token of a policy warning the author chose to post anyway."""
    if results_visibility not in ResultsVisibility.values:
        raise ValidationError(_("Choose when the results are shown."), code="results_visibility")
    if closes_at is not None and closes_at <= timezone.now():
        raise ValidationError(_("Choose a closing time in the future."), code="closes_at")
    texts = _gate_options(options, author, confirmation)
    with transaction.atomic():
        post = publish_post(
            author, question, group=group, kind=Post.Kind.POLL, confirmation=confirmation
        )
        poll = Poll.objects.create(
            post=post,
            multiple_choice=multiple_choice,
            closes_at=closes_at,
            results_visibility=results_visibility,
            anonymous=anonymous,
        )
        PollOption.objects.bulk_create(
            [
                PollOption(poll=poll, text=text, position=position)
                for position, text in enumerate(texts, start=1)
            ]
        )
    return poll


def close_poll(poll: Poll, *, by: Person) -> Poll:
    """The author closes the poll now (before its closing time, or when it has none)."""
    if poll.post.author_id != by.pk:
        raise PermissionDenied(_("Only the author can close the poll."))
    if not poll.is_closed():
        poll.closes_at = timezone.now()
        poll.save(update_fields=["closes_at"])
    return poll


# --- Voting --------------------------------------------------------------------------------------


def closed_message(poll: Poll) -> str:
    assert poll.closes_at is not None
    return _("This poll closed on %(when)s: votes are no longer accepted.") % {
        "when": _when(poll.closes_at)
    }


def vote(poll: Poll, person: Person, option_ids: Iterable[int]) -> list[int]:
    """Vote, or change one's vote (the new choice replaces the old). Returns the option ids."""
    if not Post.objects.visible_to(person).filter(pk=poll.pk).exists():
        raise PermissionDenied
    if poll.is_closed():
        raise ValidationError(closed_message(poll), code="closed")
    valid = set(PollOption.objects.filter(poll=poll).values_list("pk", flat=True))
    chosen = sorted(set(option_ids))
    if any(pk not in valid for pk in chosen):
        raise ValidationError(_("Choose from the poll's options."), code="options")
    if not chosen:
        raise ValidationError(
            _("Choose one or more options.") if poll.multiple_choice else _("Choose an option."),
            code="options",
        )
    if not poll.multiple_choice and len(chosen) > 1:
        raise ValidationError(_("Choose one option only."), code="options")
    try:
        with transaction.atomic():
            PollVote.objects.filter(poll=poll, person=person).delete()
            PollVote.objects.bulk_create(
                [
                    PollVote(
                        poll=poll,
                        option_id=pk,
                        person=person,
                        slot=pk if poll.multiple_choice else 0,
                    )
                    for pk in chosen
                ]
            )
    except IntegrityError as error:
        # The same person voting twice at the very same moment: one of the two wins.
        raise ValidationError(
            _("Your vote was changed at the same moment elsewhere. Look at it and try again."),
            code="conflict",
        ) from error
    return chosen


# --- What the viewer sees ------------------------------------------------------------------------


@dataclass
class OptionResult:
    option: PollOption
    count: int
    percent: int
    mine: bool
    voters: list[str] = field(default_factory=list)  # names, only in a poll that is not anonymous

    @property
    def unlisted(self) -> int:
        """Voters beyond the names listed (a very large poll)."""
        return max(self.count - len(self.voters), 0) if self.voters else 0


@dataclass
class PollView:
    poll: Poll
    options: list[PollOption]
    my_option_ids: set[int]
    closed: bool
    can_vote: bool
    results_visible: bool
    is_author: bool
    # Only when the results may be shown:
    results: list[OptionResult] = field(default_factory=list)
    voter_count: int = 0
    with_voters: bool = False  # the names are listed under the options (the poll's own page)

    @property
    def has_voted(self) -> bool:
        return bool(self.my_option_ids)

    @property
    def closes_text(self) -> str:
        if self.poll.closes_at is None:
            return ""
        if self.closed:
            return _("Closed on %(when)s.") % {"when": _when(self.poll.closes_at)}
        return _("Closes on %(when)s.") % {"when": _when(self.poll.closes_at)}

    @property
    def waiting_text(self) -> str:
        """Why the results are not shown (yet)."""
        if self.results_visible:
            return ""
        if self.poll.results_visibility == ResultsVisibility.AFTER_VOTING:
            return _("The results are shown once you have voted.")
        if self.poll.closes_at is not None:
            return _("The results are shown when the poll closes on %(when)s.") % {
                "when": _when(self.poll.closes_at)
            }
        return _("The results are shown when the author closes the poll.")

    @property
    def voter_count_text(self) -> str:
        return ngettext("%(count)d person voted.", "%(count)d people voted.", self.voter_count) % {
            "count": self.voter_count
        }


def polls_with_counts(ids: Iterable[int]) -> list[Poll]:
    """Polls with their options and the counts, in two queries. The caller sets each poll's
    `post` (it has read them already, through the visibility rule)."""
    options = PollOption.objects.annotate(vote_count=Count("votes")).order_by("position")
    return list(
        Poll.objects.filter(pk__in=list(ids))
        .annotate(voter_count=Count("votes__person", distinct=True))
        .prefetch_related(Prefetch("options", queryset=options))
    )


def results_visible(poll: Poll, *, voted: bool, closed: bool) -> bool:
    if closed:
        return True
    return poll.results_visibility == ResultsVisibility.AFTER_VOTING and voted


def views_for(
    viewer: Person, polls: Sequence[Poll], *, with_voters: bool = False
) -> dict[int, PollView]:
    """What the viewer may see of each poll (read with `polls_with_counts`; the caller made
    sure the viewer can see their posts). One query for the viewer's votes; with `with_voters`
    one more for the names in polls that are not anonymous and whose results are shown."""
    now = timezone.now()
    mine: dict[int, set[int]] = {}
    if polls:
        for poll_id, option_id in PollVote.objects.filter(
            poll_id__in=[p.pk for p in polls], person=viewer
        ).values_list("poll_id", "option_id"):
            mine.setdefault(poll_id, set()).add(option_id)
    views: dict[int, PollView] = {}
    for poll in polls:
        closed = poll.is_closed(now)
        my_ids = mine.get(poll.pk, set())
        visible = results_visible(poll, voted=bool(my_ids), closed=closed)
        options = list(poll.options.all())
        view = PollView(
            poll=poll,
            options=options,
            my_option_ids=my_ids,
            closed=closed,
            can_vote=not closed,
            results_visible=visible,
            is_author=poll.post.author_id == viewer.pk,
        )
        if visible:
            # A percentage is of the people who voted (in a multiple-choice poll they add up
            # to more than 100).
            view.voter_count = voters = getattr(poll, "voter_count", 0)
            view.results = [
                OptionResult(
                    option=option,
                    count=getattr(option, "vote_count", 0),
                    percent=round(100 * getattr(option, "vote_count", 0) / voters) if voters else 0,
                    mine=option.pk in my_ids,
                )
                for option in options
            ]
        views[poll.pk] = view
    if with_voters:
        named = [v for v in views.values() if v.results and not v.poll.anonymous]
        for view in named:
            view.with_voters = True
        _add_voters(named)
    return views


def _add_voters(views: Sequence[PollView]) -> None:
    if not views:
        return
    names: dict[int, list[str]] = {}
    rows = (
        PollVote.objects.filter(poll_id__in=[v.poll.pk for v in views])
        .order_by("option_id", "person__last_name", "person__first_name", "person_id")
        .values_list("option_id", "person__first_name", "person__name_prefix", "person__last_name")
    )
    for option_id, first, prefix, last in rows[:MAX_LISTED_VOTES]:
        names.setdefault(option_id, []).append(" ".join(p for p in (first, prefix, last) if p))
    for view in views:
        for result in view.results:
            result.voters = names.get(result.option.pk, [])
