"""Every form that takes text shows the gate's notice under the field the text is in — the
text with the finding marked, the suggestion, and for a warning a "Post anyway" button — and
stores nothing until the author presses it; then exactly that text is posted."""

import re
from collections.abc import Callable
from dataclasses import dataclass

import html5lib
import pytest
from django.test import Client
from django.urls import reverse

from plein.announcements.models import Announcement
from plein.articles.models import Article, BoardQuestion
from plein.articles.services import board
from plein.community.models import Comment, Post
from plein.community.services import posts
from plein.people.models import Person
from plein.polls.models import Poll
from plein.questions import services as questions
from plein.questions.models import Answer, Question

pytestmark = pytest.mark.django_db

IBAN = "NL91ABNA0417164300"
WARNED = f"Voor het cadeau van Anna: stort op {IBAN}"
BSN = "Het BSN van Piet is 111222333"
TOKEN = re.compile(r'name="policy_confirmation" value="([^"]+)"')


@dataclass
class TextForm:
    url: str
    data: dict[str, str]
    stored: Callable[[], int]  # how many of the things this form makes exist


def _forms(employee: Person, manager: Person, community_manager: Person) -> dict[str, tuple]:
    own = posts.publish_post(employee, "Mijn bericht")
    theirs = posts.publish_post(manager, "Een bericht van Mark")
    question = questions.ask_question(manager, "Waar staat de ladder?")
    answer = questions.answer_question(question, employee, "In de kelder")
    board_question = board.ask_board_question(employee, "Komt er een nieuwe cao?")
    return {
        "compose": (
            employee,
            TextForm(
                reverse("community:compose"),
                {"text": WARNED, "group": "everyone", "kind": "update"},
                lambda: Post.objects.filter(body=WARNED).count(),
            ),
        ),
        "edit post": (
            employee,
            TextForm(
                reverse("community:edit_post", args=[own.pk]),
                {"text": WARNED},
                lambda: Post.objects.filter(pk=own.pk, body=WARNED).count(),
            ),
        ),
        "share": (
            employee,
            TextForm(
                reverse("community:share_post", args=[theirs.pk]),
                {"text": WARNED, "group": "everyone"},
                lambda: Post.objects.filter(body=WARNED).count(),
            ),
        ),
        "comment": (
            employee,
            TextForm(
                reverse("community:comment", args=[theirs.pk]),
                {"text": WARNED},
                lambda: Comment.objects.filter(body=WARNED).count(),
            ),
        ),
        "article": (
            employee,
            TextForm(
                reverse("articles:new"),
                {
                    "title": "Cadeau",
                    "intro": "",
                    "body": WARNED,
                    "group": "everyone",
                    "when": "now",
                    "action": "publish",
                },
                lambda: Article.objects.filter(state=Article.State.PUBLISHED).count(),
            ),
        ),
        "board question": (
            employee,
            TextForm(
                reverse("articles:board_ask"),
                {"text": WARNED},
                lambda: BoardQuestion.objects.filter(text=WARNED).count(),
            ),
        ),
        "board answer": (
            manager,
            TextForm(
                reverse("articles:board_answer", args=[board_question.pk]),
                {"answer": WARNED},
                lambda: BoardQuestion.objects.filter(answer=WARNED).count(),
            ),
        ),
        "question": (
            employee,
            TextForm(
                reverse("questions:ask"),
                {
                    "title": "Waar maak ik geld over?",
                    "details": WARNED,
                    "group": "everyone",
                    "ask_anyway": "1",
                },
                lambda: Question.objects.filter(title="Waar maak ik geld over?").count(),
            ),
        ),
        "edit question": (
            manager,
            TextForm(
                reverse("questions:edit", args=[question.post_id]),
                {"title": "Waar staat de ladder?", "details": WARNED, "group": "everyone"},
                lambda: Post.objects.filter(pk=question.post_id, body=WARNED).count(),
            ),
        ),
        "answer": (
            employee,
            TextForm(
                reverse("questions:answer", args=[question.post_id]),
                {"text": WARNED},
                lambda: Answer.objects.filter(body=WARNED).count(),
            ),
        ),
        "edit answer": (
            employee,
            TextForm(
                reverse("questions:edit_answer", args=[answer.pk]),
                {"text": WARNED},
                lambda: Answer.objects.filter(body=WARNED).count(),
            ),
        ),
        "announcement": (
            community_manager,
            TextForm(
                reverse("announcements:new"),
                {"title": "Cadeau", "text": WARNED, "audience": "organisation"},
                lambda: Announcement.objects.count(),
            ),
        ),
        "poll": (
            employee,
            TextForm(
                reverse("polls:new"),
                {
                    "question": WARNED,
                    "option_1": "Ja",
                    "option_2": "Nee",
                    "group": "everyone",
                    "multiple_choice": "0",
                    "results_visibility": "after_voting",
                },
                lambda: Poll.objects.count(),
            ),
        ),
    }


FORMS = [
    "compose",
    "edit post",
    "share",
    "comment",
    "article",
    "board question",
    "board answer",
    "question",
    "edit question",
    "answer",
    "edit answer",
    "announcement",
    "poll",
]


@pytest.mark.parametrize("name", FORMS)
def test_every_text_form_warns_and_posts_only_after_post_anyway(
    name, employee, manager, community_manager
):
    person, form = _forms(employee, manager, community_manager)[name]
    client = Client()
    client.force_login(person)
    before = form.stored()
    response = client.post(form.url, form.data)
    assert response.status_code == 200, response.get("Location")
    html = response.content.decode()
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(html)
    assert f"<mark>{IBAN}</mark>" in html
    assert f"<li><mark>{IBAN}</mark>: " in html  # with the suggestion
    assert form.stored() == before
    token = TOKEN.search(html)
    assert token is not None
    # The button sits inside the form the text is in.
    form_html = html[: token.start()].rsplit("<form", 1)[1]
    assert "</form>" not in form_html
    confirmed = client.post(form.url, {**form.data, "policy_confirmation": token[1]})
    assert confirmed.status_code == 302, confirmed.content.decode()[:3000]
    assert form.stored() == before + 1


@pytest.mark.parametrize("name", ["compose", "comment", "answer", "poll"])
def test_a_blocked_text_is_shown_marked_without_post_anyway(
    name, employee, manager, community_manager
):
    person, form = _forms(employee, manager, community_manager)[name]
    client = Client()
    client.force_login(person)
    field = next(key for key, value in form.data.items() if value == WARNED)
    before = form.stored()
    response = client.post(form.url, {**form.data, field: BSN})
    html = response.content.decode()
    assert "<mark>111222333</mark>" in html
    assert "policy_confirmation" not in html
    assert form.stored() == before
