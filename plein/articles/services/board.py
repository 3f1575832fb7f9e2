""" "Ask the board": rounds, questions, votes and answers.

A round lasts PLEIN_BOARD_ROUND_DAYS days (7 by default: Monday to Sunday). Rounds are laid
out from a fixed Monday, so every process computes the same round for a day; the periodic job
(and any page that needs it) opens the current one, once. While a round is open, members ask
and vote; people with Perm.ANSWER_BOARD answer, in their own name, also after the round closed
(seed 002: the boss answers himself, not his communication staff).

Anonymity: with PLEIN_BOARD_ANONYMOUS_QUESTIONS (on by default) a question may be asked without
the asker's name shown to colleagues. The asker is still stored (moderators see who asked, and
the one-question-per-… limits hold), but no page, search entry or notification shows it to
anyone else: leaders who answer included.
"""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plein.articles.models import BoardQuestion, BoardRound, BoardVote, Limits
from plein.articles.services import indexing
from plein.community.services.gate import pass_gate, plain_excerpt
from plein.community.services.posts import resolve_mentions
from plein.notifications.models import Kind
from plein.notifications.services import notify
from plein.people.models import Person, PersonRole
from plein.people.permissions import ROLE_PERMISSIONS, Perm, can, require

# Rounds are counted from this Monday: with 7-day rounds each one runs Monday to Sunday.
ROUND_ANCHOR = date(2024, 1, 1)


def round_days() -> int:
    return max(1, settings.PLEIN_BOARD_ROUND_DAYS)


def anonymous_questions_allowed() -> bool:
    return settings.PLEIN_BOARD_ANONYMOUS_QUESTIONS


def round_bounds(day: date) -> tuple[date, date]:
    days = round_days()
    start = ROUND_ANCHOR + timedelta(days=((day - ROUND_ANCHOR).days // days) * days)
    return start, start + timedelta(days=days - 1)


def open_round(day: date | None = None) -> BoardRound:
    """The round that contains `day` (today by default), opened if it is not yet. Safe to call
    from several processes at once: the start date is unique."""
    day = day or timezone.localdate()
    existing = BoardRound.objects.filter(starts_on__lte=day, ends_on__gte=day).first()
    if existing is not None:
        return existing
    start, end = round_bounds(day)
    # After the period was changed, a new round starts after the last one (never overlapping).
    previous = BoardRound.objects.filter(ends_on__lt=day).order_by("-ends_on").first()
    if previous is not None and previous.ends_on >= start:
        start = previous.ends_on + timedelta(days=1)
    try:
        with transaction.atomic():
            return BoardRound.objects.create(starts_on=start, ends_on=end)
    except IntegrityError:
        return BoardRound.objects.get(starts_on=start)


def current_round() -> BoardRound:
    return open_round(timezone.localdate())


def leader_ids() -> list[int]:
    """Everyone who answers for the board (Perm.ANSWER_BOARD) and is a member today."""
    roles = [role for role, perms in ROLE_PERMISSIONS.items() if Perm.ANSWER_BOARD in perms]
    granted = PersonRole.objects.filter(role__in=roles).values("person_id")
    return list(Person.objects.members().filter(pk__in=granted).values_list("pk", flat=True))


def _day(now: datetime | None) -> date:
    return timezone.localdate(now) if now is not None else timezone.localdate()


def ask_board_question(
    asker: Person,
    text: str,
    *,
    anonymous: bool = False,
    now: datetime | None = None,
    confirmation: str = "",
) -> BoardQuestion:
    """Ask the board a question in the current round."""
    require(asker, Perm.VIEW_INTERNAL)
    errors: dict[str, list[str | ValidationError]] = {}
    if anonymous and not anonymous_questions_allowed():
        errors["anonymous"] = [_("In this organisation, questions to the board carry a name.")]
    try:
        gated = pass_gate(
            text, author=asker, max_length=Limits.BOARD_QUESTION, confirmation=confirmation
        )
        resolve_mentions(gated, asker)
    except ValidationError as error:
        errors["text"] = list(error.error_list)  # keeps the gate's notice for the form
    board_round = open_round(_day(now))
    asked = (
        BoardQuestion.objects.filter(asker=asker, round=board_round)
        .exclude(state=BoardQuestion.State.REMOVED)
        .count()
    )
    if asked >= Limits.QUESTIONS_PER_ROUND:
        errors.setdefault("text", []).append(
            ngettext(
                "You asked %(count)d question this round: that is the most. Vote for others!",
                "You asked %(count)d questions this round: that is the most. Vote for others!",
                asked,
            )
            % {"count": asked}
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        question = BoardQuestion.objects.create(
            round=board_round,
            asker=asker,
            anonymous=anonymous,
            text=gated.markdown,
            text_html=gated.html,
            created_at=now or timezone.now(),
        )
        indexing.index_question(question)
        notify(
            [pk for pk in leader_ids() if pk != asker.pk],
            kind=Kind.BOARD_QUESTION,
            # An anonymous question has no actor: not even the leaders learn who asked.
            actor=None if anonymous else asker,
            url=indexing.question_url(question),
            title=plain_excerpt(question.text, 120),
            thread_key=f"board_round:{board_round.pk}",
        )
    return question


def vote(
    person: Person, question: BoardQuestion, *, up: bool = True, now: datetime | None = None
) -> bool:
    """Vote a question up (or take the vote back). Idempotent: voting twice counts once.
    Returns whether the person's vote stands."""
    require(person, Perm.VIEW_INTERNAL)
    if question.state == BoardQuestion.State.REMOVED:
        raise ValidationError(_("This question was removed."))
    if question.asker_id == person.pk:
        raise ValidationError(_("You cannot vote for your own question."))
    if not question.round.is_open(_day(now)):
        raise ValidationError(_("This round is closed: voting is over."))
    with transaction.atomic():
        if up:
            try:
                with transaction.atomic():
                    BoardVote.objects.create(question=question, person=person)
            except IntegrityError:
                return True  # voted already
            BoardQuestion.objects.filter(pk=question.pk).update(vote_count=F("vote_count") + 1)
            return True
        deleted, _rows = BoardVote.objects.filter(question=question, person=person).delete()
        if deleted:
            BoardQuestion.objects.filter(pk=question.pk, vote_count__gt=0).update(
                vote_count=F("vote_count") - 1
            )
        return False


def answer_board_question(
    question: BoardQuestion,
    *,
    by: Person,
    text: str,
    now: datetime | None = None,
    confirmation: str = "",
) -> BoardQuestion:
    """Answer in public, in one's own name. The asker is told. The leader who answered may
    correct the answer later (the asker is not told twice)."""
    if not can(by, Perm.ANSWER_BOARD):
        raise PermissionDenied(_("Only the board and managers answer these questions."))
    try:
        gated = pass_gate(
            text, author=by, max_length=Limits.BOARD_ANSWER, confirmation=confirmation
        )
        resolve_mentions(gated, by)
    except ValidationError as error:
        raise ValidationError({"answer": error.messages}) from error
    moment = now or timezone.now()
    with transaction.atomic():
        locked = (
            BoardQuestion.objects.select_for_update().select_related("round").get(pk=question.pk)
        )
        if locked.state == BoardQuestion.State.REMOVED:
            raise ValidationError({"answer": [_("This question was removed.")]})
        first_answer = locked.state == BoardQuestion.State.OPEN
        if not first_answer and locked.answered_by_id != by.pk:
            raise PermissionDenied(_("Only the person who answered can change the answer."))
        locked.answer, locked.answer_html = gated.markdown, gated.html
        if first_answer:
            locked.state = BoardQuestion.State.ANSWERED
            locked.answered_by = by
            locked.answered_at = moment
        else:
            locked.answer_edited_at = moment
        locked.save()
        indexing.index_question(locked)
        if first_answer:
            notify(
                [locked.asker_id],
                kind=Kind.BOARD_ANSWERED,
                actor=by,
                url=indexing.question_url(locked),
                title=plain_excerpt(locked.text, 120),
                excerpt=plain_excerpt(locked.answer, 200),
                thread_key=f"board_question:{locked.pk}",
            )
    return locked


def remove_board_question(question: BoardQuestion, *, by: Person) -> BoardQuestion:
    """A moderator removes a question (against the posting codes, say); the asker may withdraw
    their own question while it has no answer."""
    own = question.asker_id == by.pk and question.state == BoardQuestion.State.OPEN
    if not own and not can(by, Perm.MODERATE):
        raise PermissionDenied
    with transaction.atomic():
        question.state = BoardQuestion.State.REMOVED
        question.removed_at = timezone.now()
        question.removed_by = by
        question.save(update_fields=["state", "removed_at", "removed_by"])
        indexing.index_question(question)
    return question
