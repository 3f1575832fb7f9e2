"""The search index follows an edit of a question's post made on the community's post page.
(Removing and moving a post are handled by search itself: its documents carry the post.)"""

from plein.community.events import PostEdited
from plein.community.models import Post
from plein.questions import indexing
from plein.questions.models import Question


def on_post_edited(event: PostEdited) -> None:
    if event.post.kind != Post.Kind.QUESTION:
        return
    question = Question.objects.filter(post=event.post).select_related("post").first()
    if question is not None:
        indexing.index_question(question)
