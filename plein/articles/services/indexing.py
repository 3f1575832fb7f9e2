"""What search knows of articles and "ask the board" questions.

Articles are found through their post (`post_id`): readable exactly when the post is, so a
closed group's article stays out of a non-member's results. Board questions are readable by every
member (`post_id` None); an anonymous question carries no author at all, so nobody can find the
asker through search.
"""

from collections.abc import Iterator

from django.urls import reverse

from plein.articles.models import Article, BoardQuestion
from plein.articles.services.render import plain_text
from plein.search import services as search

ARTICLE = "article"
BOARD_QUESTION = "board_question"
BATCH = 500


def article_document(article: Article) -> "search.Document":
    assert article.post is not None
    return search.Document(
        kind=ARTICLE,
        object_id=article.pk,
        title=article.title,
        text="\n\n".join(part for part in (article.intro, plain_text(article.body_html)) if part),
        url=reverse("articles:detail", args=[article.pk]),
        post_id=article.post_id,
        group_id=article.post.group_id,
        author_id=article.author_id,
        created_at=article.published_at or article.post.created_at,
    )


def index_article(article: Article) -> None:
    """Called inside the service's transaction: the entry commits with the article."""
    if article.is_published and article.post is not None and article.post.deleted_at is None:
        search.index(article_document(article))
    else:
        search.remove(ARTICLE, article.pk)


def unindex_article(article_id: int) -> None:
    search.remove(ARTICLE, article_id)


def question_url(question: BoardQuestion) -> str:
    return reverse("articles:board_round", args=[question.round_id]) + f"#question-{question.pk}"


def question_document(question: BoardQuestion) -> "search.Document":
    text = question.text
    if question.is_answered and question.answer:
        text += "\n\n" + question.answer
    return search.Document(
        kind=BOARD_QUESTION,
        object_id=question.pk,
        title=question.text[:300],
        text=text,
        url=question_url(question),
        post_id=None,
        group_id=None,
        # Never the asker of an anonymous question: not even a filter may find it.
        author_id=None if question.anonymous else question.asker_id,
        created_at=question.created_at,
        answered=question.is_answered,
    )


def index_question(question: BoardQuestion) -> None:
    if question.state == BoardQuestion.State.REMOVED:
        search.remove(BOARD_QUESTION, question.pk)
    else:
        search.index(question_document(question))


def article_documents() -> Iterator["search.Document"]:
    """Every published article, for a rebuild of the index."""
    articles = (
        Article.objects.published()
        .filter(post__deleted_at__isnull=True)
        .select_related("post")
        .order_by("pk")
    )
    for article in articles.iterator(chunk_size=BATCH):
        yield article_document(article)


def question_documents() -> Iterator["search.Document"]:
    questions = BoardQuestion.objects.exclude(state=BoardQuestion.State.REMOVED).order_by("pk")
    for question in questions.iterator(chunk_size=BATCH):
        yield question_document(question)


def register_sources() -> None:
    search.register_source(ARTICLE, article_documents)
    search.register_source(BOARD_QUESTION, question_documents)
