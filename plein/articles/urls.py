from django.urls import path

from plein.articles.views import articles, board, leaders

app_name = "articles"

urlpatterns = [
    # Articles (views/articles.py)
    path("", articles.index, name="index"),
    path("mine/", articles.mine, name="mine"),
    path("new/", articles.editor, name="new"),
    path("<int:pk>/", articles.detail, name="detail"),
    path("<int:pk>/edit/", articles.editor, name="edit"),
    path("<int:pk>/delete/", articles.delete, name="delete"),
    path("<int:pk>/unschedule/", articles.unschedule, name="unschedule"),
    path("<int:pk>/history/", articles.history, name="history"),
    path("<int:pk>/images/<int:image_pk>/remove/", articles.remove_image, name="remove_image"),
    path("<int:pk>/cover/<str:variant>/", articles.cover, name="cover"),
    path("images/<int:pk>/<str:variant>/", articles.image, name="image"),
    # The leaders' corner (views/leaders.py)
    path("leaders/", leaders.corner, name="leaders"),
    path("leaders/<int:pk>/", leaders.blog, name="blog"),
    # Ask the board (views/board.py)
    path("board/", board.round_page, name="board"),
    path("board/archive/", board.archive, name="board_archive"),
    path("board/ask/", board.ask, name="board_ask"),
    path("board/rounds/<int:pk>/", board.round_page, name="board_round"),
    path("board/questions/<int:pk>/vote/", board.vote, name="board_vote"),
    path("board/questions/<int:pk>/answer/", board.answer, name="board_answer"),
    path("board/questions/<int:pk>/remove/", board.remove, name="board_remove"),
]
