from django.tasks import task

from plein.articles.services import articles, board


@task()
def publish_scheduled_article_task(article_id: int) -> bool:
    """Enqueued for the moment an article is scheduled for. Idempotent: publishes it once, and
    only when it is still scheduled and due."""
    return articles.publish_scheduled_article(article_id)


@task()
def publish_due_articles_task() -> int:
    """Periodic: every scheduled article that is due, also those whose task was lost."""
    return articles.publish_due_articles()


@task()
def open_board_round_task() -> int:
    """Periodic: the current "ask the board" round exists (opened once, whatever the number of
    runs). Returns its id."""
    return board.current_round().pk
