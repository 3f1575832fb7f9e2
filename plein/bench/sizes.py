"""Benchmark sizes: plain data, importable before Django is set up."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Size:
    name: str
    people_demo: str  # the people demo size: "small" (~300) or "large" (~20,000)
    groups: int
    topics: int
    stages: tuple[int, ...]  # post counts at which the home feed is measured; the last is final
    groups_per_person: int = 10
    follows_per_person: int = 30
    topics_per_person: int = 3
    comments_per_post: float = 1.2
    post_reactions_per_post: float = 1.5
    comment_reactions_per_post: float = 0.3  # 1.2 + 1.5 + 0.3 = 3 comments and reactions a post

    @property
    def posts(self) -> int:
        return self.stages[-1]


SIZES = {
    "tiny": Size("tiny", "small", groups=40, topics=30, stages=(500, 2_000)),
    "small": Size("small", "large", groups=1_000, topics=300, stages=(10_000, 100_000)),
    "full": Size(
        "full",
        "large",
        groups=1_000,
        topics=300,
        stages=(10_000, 100_000, 1_000_000, 2_000_000),
    ),
}

VIEWER_EMAIL = "medewerker@demo.plein.nl"  # the demo employee: an ordinary member


@dataclass(frozen=True)
class Plan:
    """How much to measure: the same code path at every size, only the counts differ."""

    repeat: int  # in-process timings per page
    requests: int  # HTTP requests per page and client level
    writer_posts: int  # posts per writer
    actions: int  # htmx actions measured
    # A slow page gets fewer timings (at least MIN_SAMPLES) so a run stays bounded in time:
    # seconds per page in-process, and per page and client level against the server.
    budget_seconds: float


MIN_SAMPLES = 5

PLANS = {
    "tiny": Plan(repeat=8, requests=24, writer_posts=5, actions=10, budget_seconds=5),
    "small": Plan(repeat=60, requests=200, writer_posts=25, actions=100, budget_seconds=15),
    "full": Plan(repeat=100, requests=300, writer_posts=50, actions=200, budget_seconds=20),
}
