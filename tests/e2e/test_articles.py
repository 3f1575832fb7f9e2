"""Articles and "ask the board" in a real browser: an employee asks the board (without their name
shown), colleagues vote, a director answers the top-voted question and the asker is told; and
an article is written, given an image and published."""

import io
import re

import pytest
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from plein.articles.models import Article, BoardQuestion
from plein.articles.services import board
from plein.community.models import Post
from plein.notifications.models import Kind, Notification
from plein.people.models import Role
from tests.e2e.conftest import assert_accessible, sign_in
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)

QUESTION = "Krijgen flexkrachten ook toegang tot de trainingen van de academie?"
ANSWER = "Ja, vanaf volgende maand staan alle trainingen open voor iedereen die bij ons werkt."


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_director_answers_the_top_voted_question_and_the_asker_is_told(
    new_page, employee, password
):
    director = PersonFactory(
        email="directeur@example.nl",
        first_name="Dirk",
        last_name="de Directeur",
        job_title="Algemeen directeur",
        roles=[Role.MANAGER],
    )
    voters = [PersonFactory(first_name=f"Stemmer{n}") for n in range(3)]
    other = board.ask_board_question(voters[0], "Komt er een kerstborrel in Utrecht?")
    board.vote(voters[1], other)

    # The employee asks, without their name shown to colleagues.
    asker = new_page()
    sign_in(asker, employee.email, password)
    asker.goto(reverse("articles:leaders"))
    assert_accessible(asker)
    asker.locator("a[href='/articles/board/']").first.click()
    asker.locator("#id_text").fill(QUESTION)
    asker.locator("#id_anonymous").check()
    asker.locator("form[action='/articles/board/ask/'] button[type=submit]").click()
    question = BoardQuestion.objects.get(text=QUESTION)
    expect(asker.locator(f"#question-{question.pk}")).to_contain_text(QUESTION)
    assert question.anonymous and question.asker == employee
    assert_accessible(asker)

    # A colleague votes in the browser (htmx swaps the button), two more through the service.
    colleague = new_page(width=360)
    sign_in(colleague, voters[1].email, password)
    colleague.goto(reverse("articles:board"))
    button = colleague.locator(f"#vote-{question.pk} button")
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(colleague.locator(f"#vote-{question.pk} button")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(colleague.locator(f"#vote-{question.pk} .board-vote__count")).to_have_text("1")
    for voter in (voters[0], voters[2]):
        board.vote(voter, question)
    assert_accessible(colleague)

    # The director sees the question on top, without the asker's name, and answers it.
    leader = new_page()
    sign_in(leader, director.email, password)
    leader.goto(reverse("articles:board"))
    top = leader.locator("article.board-question").first
    expect(top).to_contain_text(QUESTION)
    expect(top.locator(".board-vote__count")).to_have_text("3")
    expect(top).not_to_contain_text(employee.full_name)
    assert employee.full_name not in leader.content()
    top.locator("summary").click()
    top.locator("textarea[name=answer]").fill(ANSWER)
    top.locator("button[type=submit]").last.click()
    answered = leader.locator(f"#question-{question.pk}")
    expect(answered.locator(".board-answer")).to_contain_text(ANSWER)
    expect(answered.locator(".board-answer")).to_contain_text(director.full_name)
    assert_accessible(leader)

    # The asker is told: the bell counts it, the list names the director and leads to the answer.
    note = Notification.objects.get(kind=Kind.BOARD_ANSWERED)
    assert (note.recipient, note.actor) == (employee, director)
    asker.goto(reverse("articles:board"))
    asker.locator("a.bell").click()
    item = asker.locator(".notification", has_text=director.full_name)
    expect(item).to_be_visible()
    expect(item).to_contain_text(QUESTION[:40])
    item.locator("a.notification__link").click()
    expect(asker).to_have_url(re.compile(rf"/articles/board/rounds/\d+/#question-{question.pk}$"))
    expect(asker.locator(f"#question-{question.pk} .board-answer")).to_contain_text(ANSWER)
    assert_accessible(asker)


def _photo(tmp_path) -> str:
    path = tmp_path / "warmtepomp.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), (30, 95, 139)).save(buffer, format="JPEG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def test_an_article_with_an_image_is_written_previewed_and_published(
    new_page, employee, password, tmp_path
):
    page = new_page()
    sign_in(page, employee.email, password)
    page.goto(reverse("articles:index"))
    assert_accessible(page)
    page.locator(f"a[href='{reverse('articles:new')}']").first.click()
    page.locator("#id_title").fill("Zo spoor je een storing op")
    page.locator("#id_body").fill("## Eerst kijken\n\nIs de verdamper schoon? #warmtepompen")
    page.locator("#id_image").set_input_files(_photo(tmp_path))
    page.locator("#id_image_alt").fill("Een buitenunit in de sneeuw")
    page.locator("button[name=action][value=image]").click()
    article = Article.objects.get()
    expect(page.locator("#id_body")).to_have_value(re.compile(r"!\[Een buitenunit in de sneeuw\]"))
    assert_accessible(page)

    page.locator("button[name=action][value=preview]").click()
    preview = page.locator(".article-preview")
    expect(preview.locator("h2#h-eerst-kijken")).to_be_visible()
    image = preview.locator("img[alt='Een buitenunit in de sneeuw']")
    expect(image).to_be_visible()
    assert page.evaluate("img => img.naturalWidth", image.element_handle()) > 0
    assert not Post.objects.exists()

    page.locator("button[name=action][value=publish]").click()
    expect(page).to_have_url(re.compile(rf"/articles/{article.pk}/(#.*)?$"))
    expect(page.locator("h1")).to_have_text("Zo spoor je een storing op")
    expect(page.locator(".article__body img")).to_be_visible()
    assert_accessible(page)
    article.refresh_from_db()
    assert article.state == Article.State.PUBLISHED

    # A colleague finds it in the articles and reacts on the article page.
    reader = new_page(width=360)
    sign_in(reader, PersonFactory(email="lezer@example.nl").email, password)
    reader.goto(reverse("articles:index"))
    reader.get_by_role("link", name="Zo spoor je een storing op").click()
    reader.locator("button.reaction[value=insightful]").click()
    expect(reader.locator("button.reaction[value=insightful]")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert article.post.reactions.count() == 1
    assert_accessible(reader)
