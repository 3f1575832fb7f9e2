"""Bring the demo organisation to life: groups, months of posts, comments, reactions and follows.

Deterministic for a seed (one random.Random; people are taken in e-mail order, dates are relative
to today). This module plans: who is cast in the stories (scenes.py), which groups they start
and who joins, what everyone posts (content.py), who answers and reacts. writer.py writes the
plan: the stories through the community services, the everyday posts in bulk.
"""

import random
import re
import zlib
from collections.abc import Iterable, Sequence
from datetime import datetime, time, timedelta
from itertools import accumulate, batched

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from plein.community.demo import content, scenes
from plein.community.demo.scenes import GroupSpec, ScriptedComment
from plein.community.demo.writer import BATCH_SIZE, CommentPlan, PostPlan, Writer
from plein.community.models import (
    Bookmark,
    Comment,
    Follow,
    Group,
    Membership,
    Mention,
    Post,
    PostRevision,
    PostTopic,
    Reaction,
    Topic,
)
from plein.community.services import conversation, groups
from plein.people.models import Department, Person, PersonRole, Role

# Everyday posts per active person, on top of the scripted stories.
SIZES = {"small": 0.55, "large": 0.4}
HISTORY_DAYS = 120
# Open groups with more new members than this get them in one insert (what `join` does for an
# open group, row by row); below it every member joins through the service.
BULK_JOIN_THRESHOLD = 30
POSTERS_SHARE = 0.4  # of the people, who post at all
GROUP_POSTS_SHARE = 0.22  # of the everyday posts, in discipline and interest groups
GROUP_POST_WEIGHTS = {
    "vakgroep": 3.0,
    "veiligheid": 2.0,
    "hardlopen": 1.2,
    "fotografie": 1.2,
    "koffiehoek": 2.0,
}
FOLLOWERS_SHARE = 0.3  # of the people, who follow a few colleagues
FOLLOWED_TOPICS = ("warmtepompen", "veiligheid", "planning", "klantcontact", "duurzaam")

_PLACEHOLDER = re.compile(r"\{([@&]?)(\w+)\}")


def load_community_demo(seed: int = 2026, size: str = "small") -> str:
    """Replace all community content with the demo's, for the people demo already loaded.
    Returns a one-line summary ("183 posts, 260 comments, 1,642 reactions in 39 groups")."""
    if size not in SIZES:
        raise ValueError(f"Unknown demo size {size!r}; choose one of {', '.join(SIZES)}.")
    with transaction.atomic():
        remove_community_data()
        _Builder(seed, SIZES[size]).build()
    return (
        f"{Post.objects.count():,} posts, {Comment.objects.count():,} comments, "
        f"{Reaction.objects.count():,} reactions in {Group.objects.count():,} groups"
    )


def remove_community_data() -> None:
    """Remove every group, post, comment, reaction, topic and follow. Children go first, so that
    most deletes are single statements. Caller holds a transaction."""
    for model in (Reaction, Bookmark, Mention, PostTopic, PostRevision, Follow):
        model.objects.all().delete()
    Comment.objects.filter(parent__isnull=False).delete()
    Comment.objects.all().delete()
    Post.objects.update(shared_post=None)
    Post.objects.all().delete()
    Membership.objects.all().delete()
    Group.objects.all().delete()
    Topic.objects.all().delete()


class _Builder:
    def __init__(self, seed: int, posts_per_person: float) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - demo data, not security
        self.posts_per_person = posts_per_person
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.launch = self.now - timedelta(days=HISTORY_DAYS)
        self.people: list[Person] = []
        self.by_pk: dict[int, Person] = {}
        self.department_names: dict[int, str] = {}
        self.cast: dict[str, Person] = {}
        self.groups: dict[str, Group] = {}  # spec keys, "dept:<name>", "loc:<name>"
        self.group_admin: dict[int, Person] = {}
        self.department_group: dict[int, Group] = {}  # by department id
        self.location_group: dict[int, Group] = {}  # by location id
        self.members: dict[int, list[Person]] = {}  # by group id, in e-mail order
        self.topics: dict[str, Topic] = {}
        self.voices: dict[int, str] = {}  # by person id
        self.by_voice: dict[str, list[Person]] = {}
        self.managers: set[int] = set()
        self.department_lines: dict[int, list[str]] = {}  # by department id
        self.decks: dict[str, list[content.PostText]] = {}
        self.used_once: set[content.PostText] = set()
        self.posted: set[tuple[int, content.PostText]] = set()  # (author id, text)

    def build(self) -> None:
        groups.sync_people_groups()
        self._load_people()
        self._choose_cast()
        self._create_groups()
        self._load_memberships()
        plans = self._scripted_plans() + self._everyday_plans()
        plans.sort(key=lambda plan: plan.at)
        Writer(self.now).write(plans)
        self._backdate_groups(plans)
        self._follow()

    # --- people and parts -----------------------------------------------------------------

    def _load_people(self) -> None:
        self.people = list(
            Person.objects.members().select_related("department", "location").order_by("email")
        )
        self.by_pk = {person.pk: person for person in self.people}
        self.department_names = dict(Department.objects.values_list("pk", "name"))
        self.managers = set(
            PersonRole.objects.filter(role=Role.MANAGER).values_list("person_id", flat=True)
        )
        for person in self.people:
            self.by_voice.setdefault(self._voice(person), []).append(person)

    def _department_line(self, person: Person) -> list[str]:
        """The names of the person's department and the ones above it, nearest first."""
        if person.department is None:
            return []
        line = self.department_lines.get(person.department.pk)
        if line is None:
            ids = [int(part) for part in person.department.path.strip("/").split("/") if part]
            line = [self.department_names.get(pk, "") for pk in reversed(ids)]
            self.department_lines[person.department.pk] = line
        return line

    def _in_departments(self, person: Person, names: Iterable[str]) -> bool:
        wanted = set(names)
        return any(name in wanted for name in self._department_line(person))

    def _region(self, person: Person) -> content.Region:
        for name in self._department_line(person):
            if name in content.REGION_BY_DEPARTMENT:
                return content.REGIONS[content.REGION_BY_DEPARTMENT[name]]
        if person.location is not None and person.location.name in content.REGION_BY_LOCATION:
            return content.REGIONS[content.REGION_BY_LOCATION[person.location.name]]
        # People on the road without a regional team: a region of their own, stable per person.
        keys = sorted(content.REGIONS)
        return content.REGIONS[keys[zlib.crc32(person.email.encode()) % len(keys)]]

    def _voice(self, person: Person) -> str:
        voice = self.voices.get(person.pk)
        if voice is None:
            voice = self.voices[person.pk] = self._voice_by_work(person)
        return voice

    def _voice_by_work(self, person: Person) -> str:
        line = self._department_line(person)
        if person.pk in self.managers and set(line) & set(content.MANAGEMENT_DEPARTMENTS):
            return "management"
        if person.job_title in content.PLANNING_TITLES:
            return "planning"
        for name in line:
            if name in content.VOICE_BY_DEPARTMENT:
                return content.VOICE_BY_DEPARTMENT[name]
        return "service"

    def _choose_cast(self) -> None:
        by_email = {person.email: person for person in self.people}
        missing = [s.email for s in scenes.CAST.values() if s.email and s.email not in by_email]
        if missing:
            raise ValueError(
                f"The people demo is missing ({', '.join(missing)}): load it first "
                "(plein.people.demo.load_demo)."
            )
        taken: set[int] = set()
        for key, spec in scenes.CAST.items():
            person = by_email[spec.email] if spec.email else self._pick_for(spec, taken)
            taken.add(person.pk)
            self.cast[key] = person

    def _pick_for(self, spec: scenes.CastSpec, taken: set[int]) -> Person:
        free = [p for p in self.people if p.pk not in taken]
        for title in spec.titles:
            candidates = [
                p
                for p in free
                if p.job_title == title and self._in_departments(p, spec.departments)
            ]
            if candidates:
                return self.rng.choice(candidates)
        in_departments = [p for p in free if self._in_departments(p, spec.departments)]
        return self.rng.choice(in_departments or free)

    def _mention(self, person: Person) -> str:
        return f"@[{person.full_name}](p:{person.pk})"

    # --- groups ---------------------------------------------------------------------------

    def _create_groups(self) -> None:
        for group in Group.objects.filter(
            Q(department__isnull=False) | Q(location__isnull=False)
        ).select_related("department", "location"):
            if group.department is not None:
                self.department_group[group.department.pk] = group
                self.groups.setdefault(f"dept:{group.department.name}", group)
            elif group.location is not None:
                self.location_group[group.location.pk] = group
                self.groups.setdefault(f"loc:{group.location.name}", group)
        for spec in scenes.GROUPS:
            self._create_group(spec)

    def _create_group(self, spec: GroupSpec) -> None:
        admin = self.cast[spec.admin]
        group = groups.create_group(
            by=admin,
            name=spec.name,
            kind=spec.kind,
            visibility=spec.visibility,
            description=spec.description,
        )
        self.groups[spec.key] = group
        self.group_admin[group.pk] = admin
        chosen = [self.cast[key] for key in spec.members]
        seen = {admin.pk, *(person.pk for person in chosen)}
        crowd = [
            person
            for person in self.people
            if person.pk not in seen and self._fits_crowd(person, spec)
        ]
        crowd = [person for person in crowd if self.rng.random() < spec.crowd_share]
        if spec.crowd_max is not None and len(crowd) > spec.crowd_max:
            crowd = self.rng.sample(crowd, spec.crowd_max)
        self._add_members(group, admin, [*chosen, *crowd])
        for key in spec.co_admins:
            groups.set_admin(group, self.cast[key], admin=True, by=admin)
        if spec.pending_requests:
            joined = {admin.pk, *(person.pk for person in chosen), *(p.pk for p in crowd)}
            outside = [
                person
                for person in self.people
                if person.pk not in joined and self._in_departments(person, scenes.SERVICE)
            ]
            for person in self.rng.sample(outside, min(spec.pending_requests, len(outside))):
                groups.join(group, person)  # a closed group: a request, waiting for an admin

    def _fits_crowd(self, person: Person, spec: GroupSpec) -> bool:
        if not (spec.crowd_departments or spec.crowd_titles or spec.crowd_locations):
            return True
        return (
            (bool(spec.crowd_departments) and self._in_departments(person, spec.crowd_departments))
            or person.job_title in spec.crowd_titles
            or (person.location is not None and person.location.name in spec.crowd_locations)
        )

    def _add_members(self, group: Group, admin: Person, people: Sequence[Person]) -> None:
        if group.visibility == Group.Visibility.OPEN and len(people) > BULK_JOIN_THRESHOLD:
            Membership.objects.bulk_create(
                (Membership(group=group, person=person) for person in people),
                batch_size=BATCH_SIZE,
                ignore_conflicts=True,
            )
            return
        for person in people:
            if group.visibility == Group.Visibility.SECRET:
                groups.invite(group, person, by=admin)
                groups.join(group, person)  # accepting the invitation
            elif group.visibility == Group.Visibility.CLOSED:
                groups.join(group, person)
                groups.approve(group, person, by=admin)
            else:
                groups.join(group, person)

    def _load_memberships(self) -> None:
        rows = (
            Membership.objects.filter(state=Membership.State.ACTIVE)
            .order_by("group_id", "person__email")
            .values_list("group_id", "person_id")
        )
        for group_id, person_id in rows:
            person = self.by_pk.get(person_id)
            if person is not None:
                self.members.setdefault(group_id, []).append(person)

    def _own_group(self, person: Person) -> Group | None:
        return self.department_group.get(person.department_id or 0)

    def _colleague(self, person: Person) -> Person:
        own = self._own_group(person)
        colleagues = self.members.get(own.pk, []) if own is not None else []
        if len(colleagues) < 2:
            colleagues = self.people
        if len(colleagues) < 2:
            return person
        while True:
            colleague = self.rng.choice(colleagues)
            if colleague is not person:
                return colleague

    # --- texts and times ------------------------------------------------------------------

    def _fill(self, text: str, person: Person, *, author: Person, answering: Person) -> str:
        region = self._region(person)
        return text.format_map(
            {
                "plaats": self.rng.choice(region.places),
                "weg": self.rng.choice(region.roads),
                "regio": region.name,
                "aantal": str(self.rng.randint(6, 36)),
                "collega": self._mention(self._colleague(person)),
                "auteur": author.first_name,
                "reageerder": answering.first_name,
            }
        )

    def _fill_scripted(self, text: str, person: Person) -> str:
        def replace(match: re.Match[str]) -> str:
            sign, name = match[1], match[2]
            if sign == "@":
                return self._mention(self.cast[name])
            if sign == "&":
                group = self.groups[name]
                return f"@[{group.name}](g:{group.pk})"
            if name == "plaats":
                return self.rng.choice(self._region(person).places)
            raise KeyError(name)

        return _PLACEHOLDER.sub(replace, text)

    def _at(self, days_ago: int, clock: str) -> datetime:
        hour, minute = (int(part) for part in clock.split(":"))
        day = self.today - timedelta(days=days_ago)
        return min(
            timezone.make_aware(datetime.combine(day, time(hour, minute))),
            self.now - timedelta(minutes=30),
        )

    def _everyday_moment(self, text: content.PostText) -> datetime:
        rng = self.rng
        tone = text.tone
        if rng.random() < 0.5:
            days_ago = rng.randrange(HISTORY_DAYS - 2)
        else:  # more recent days are busier: Plein catches on
            days_ago = int(rng.triangular(0, HISTORY_DAYS - 2, 0))
        day = self.today - timedelta(days=days_ago)
        if day.weekday() >= 5 and (tone != "social" or rng.random() < 0.5):
            day -= timedelta(days=day.weekday() - 4)  # to the Friday before
        if text.hours:
            hour = rng.randint(*text.hours)
        elif tone == "social":
            hour = rng.choice((7, 12, 12, 13, 17, 19, 20, 21))
        else:
            hour = rng.choice((7, 7, 8, 8, 9, 10, 11, 12, 12, 13, 14, 15, 16, 16, 17, 18))
        moment = timezone.make_aware(datetime.combine(day, time(hour, rng.randrange(60))))
        if moment >= self.now:
            moment = self.now - timedelta(minutes=rng.randint(10, 300))
        return moment

    def _after(self, moment: datetime, minutes: int) -> datetime:
        return min(moment + timedelta(minutes=minutes), self.now - timedelta(minutes=1))

    def _awake(self, moment: datetime) -> datetime:
        """A comment written at night moves to the next morning (if that is not in the future)."""
        local = timezone.localtime(moment)
        if 7 <= local.hour < 22:
            return moment
        day = local.date() + timedelta(days=1 if local.hour >= 22 else 0)
        morning = datetime.combine(day, time(7, self.rng.randrange(60)))
        return min(timezone.make_aware(morning), self.now - timedelta(minutes=1))

    # --- who sees and answers what --------------------------------------------------------

    def _audience(self, group: Group | None, author: Person) -> list[Person]:
        if group is not None and group.visibility != Group.Visibility.OPEN:
            return self.members.get(group.pk, [])
        if group is not None and self.rng.random() < 0.7:
            return self.members.get(group.pk, []) or self.people
        own = self._own_group(author)
        if own is not None and self.rng.random() < 0.6:
            return self.members.get(own.pk, []) or self.people
        return self.people

    def _commenters(self, group: Group | None, author: Person, tone: str) -> list[Person]:
        """Who answers: the group's members, or colleagues who do the same kind of work."""
        if group is not None:
            return self.members.get(group.pk, []) or self.people
        if tone in ("praise", "news", "social") and self.rng.random() < 0.35:
            return self.people
        return self.by_voice.get(self._voice(author), []) or self.people

    def _others(self, pool: Sequence[Person], count: int, exclude: set[int]) -> list[Person]:
        chosen: list[Person] = []
        if not pool:
            return chosen
        for person in self.rng.sample(pool, min(len(pool), count + len(exclude))):
            if person.pk not in exclude and len(chosen) < count:
                chosen.append(person)
        return chosen

    def _reaction_kind(self, tone: str) -> str:
        kinds, weights = zip(*content.REACTIONS_BY_TONE[tone], strict=True)
        return self.rng.choices(kinds, weights)[0]

    def _crowd_reactions(
        self, plan: PostPlan, count: int, already: Iterable[Person] = ()
    ) -> list[tuple[Person, str]]:
        exclude = {plan.author.pk, *(person.pk for person in already)}
        pool = self._audience(plan.group, plan.author)
        return [
            (person, self._reaction_kind(plan.tone))
            for person in self._others(pool, count, exclude)
        ]

    # --- the stories ----------------------------------------------------------------------

    def _scripted_plans(self) -> list[PostPlan]:
        plans: list[PostPlan] = []
        keyed: dict[str, PostPlan] = {}
        for scripted in scenes.SCRIPTED_POSTS:
            author = self.cast[scripted.author]
            group = None if scripted.group is None else self.groups[scripted.group]
            plan = PostPlan(
                author=author,
                text=self._fill_scripted(scripted.text, author),
                at=self._at(scripted.day, scripted.at),
                group=group,
                tone=scripted.tone,
                status=scripted.status,
                scripted=True,
                first_draft=self._fill_scripted(scripted.first_draft, author),
                share_of=keyed[scripted.share_of] if scripted.share_of else None,
                pinned_by=self.group_admin[group.pk] if scripted.pinned and group else None,
                bookmarked_by=[self.cast[key] for key in scripted.bookmarked_by],
                reactions=[(self.cast[key], kind) for key, kind in scripted.reactions],
            )
            plan.comments = [self._scripted_comment(c, plan) for c in scripted.comments]
            plan.crowd = self._crowd_reactions(plan, scripted.crowd, [p for p, _ in plan.reactions])
            if scripted.key:
                keyed[scripted.key] = plan
            plans.append(plan)
        return plans

    def _scripted_comment(self, scripted: ScriptedComment, post: PostPlan) -> CommentPlan:
        author = self.cast[scripted.author]
        reactions = [(self.cast[key], kind) for key, kind in scripted.reactions]
        return CommentPlan(
            author=author,
            text=self._fill_scripted(scripted.text, author),
            at=self._after(post.at, scripted.after),
            replies=[self._scripted_comment(reply, post) for reply in scripted.replies],
            reactions=reactions,
            likes=self._others(
                self._audience(post.group, post.author),
                scripted.likes,
                {author.pk, *(person.pk for person, _ in reactions)},
            ),
        )

    # --- everyday posts -------------------------------------------------------------------

    def _everyday_plans(self) -> list[PostPlan]:
        rng = self.rng
        total = round(len(self.people) * self.posts_per_person)
        in_groups = round(total * GROUP_POSTS_SHARE)
        posters = rng.sample(self.people, max(1, round(len(self.people) * POSTERS_SHARE)))
        cum_weights = list(accumulate(rng.choice((1, 1, 1, 2, 2, 3, 5)) for _ in posters))
        plans = []
        for _ in range(total - in_groups):
            author = rng.choices(posters, cum_weights=cum_weights)[0]
            voice = self._voice(author)
            text = self._draw(voice, content.VOICES[voice], author)
            draw = rng.random()
            group = None
            if draw >= 0.45:
                group = self._own_group(author) if draw < 0.8 else None
                if draw >= 0.8 and author.location_id is not None:
                    group = self.location_group.get(author.location_id)
            if text.answered_by:
                group = None  # asked of colleagues elsewhere
            plans.append(self._everyday_plan(author, text, group))
        keys = list(content.GROUP_VOICES)
        weights = [GROUP_POST_WEIGHTS[key] for key in keys]
        for _ in range(in_groups):
            key = rng.choices(keys, weights)[0]
            group = self.groups[key]
            author = rng.choice(self.members[group.pk])
            plans.append(
                self._everyday_plan(
                    author, self._draw(key, content.GROUP_VOICES[key], author), group
                )
            )
        return plans

    def _draw(
        self, key: str, texts: Sequence[content.PostText], author: Person
    ) -> content.PostText:
        """The texts of a voice come round in turn, in a shuffled order; a text that tells of
        something that happens once is used once, and nobody posts the same text twice while
        there are others left."""
        deck = self.decks.get(key)
        if not deck:
            deck = (
                [text for text in texts if not (text.once and text in self.used_once)]
                or [text for text in texts if not text.once]
                or list(texts)
            )
            self.rng.shuffle(deck)
            self.decks[key] = deck
        for _ in range(len(deck)):
            if (author.pk, deck[-1]) not in self.posted:
                break
            deck.insert(0, deck.pop())  # theirs already: keep it for someone else
        text = deck.pop()
        self.posted.add((author.pk, text))
        if text.once:
            self.used_once.add(text)
        return text

    def _everyday_plan(
        self, author: Person, text: content.PostText, group: Group | None
    ) -> PostPlan:
        rng = self.rng
        at = self._everyday_moment(text)
        plan = PostPlan(
            author=author,
            text=self._fill(text.text, author, author=author, answering=author),
            at=at,
            group=group,
            tone=text.tone,
        )
        count = rng.choices((0, 1, 2, 3, 4), (45, 25, 17, 9, 4))[0]
        if text.replies and count == 0 and rng.random() < 0.8:
            count = 1  # a question mostly gets an answer
        if text.answered_by:
            pool = self.by_voice.get(text.answered_by, []) or self.people
        else:
            pool = self._commenters(group, author, text.tone)
        answers = list(text.replies)
        rng.shuffle(answers)
        others = list(content.COMMENTS_BY_TONE[text.tone])
        rng.shuffle(others)
        answers = others + answers  # popped from the end: the post's own answers first
        moment = at
        for commenter in self._others(pool, min(count, len(answers)), {author.pk}):
            moment = self._awake(self._after(moment, rng.randint(4, 240)))
            said = answers.pop()
            comment = CommentPlan(
                commenter,
                self._fill(said, commenter, author=author, answering=author),
                moment,
            )
            if rng.random() < 0.3:
                reply = rng.choice(content.AUTHOR_REPLIES[text.tone])
                comment.replies.append(
                    CommentPlan(
                        author,
                        self._fill(reply, author, author=author, answering=commenter),
                        self._awake(self._after(moment, rng.randint(5, 180))),
                    )
                )
            if rng.random() < 0.25:
                comment.likes = self._others(pool, rng.randint(1, 3), {commenter.pk})
            plan.comments.append(comment)
        reactions = rng.choices((0, 2, 5, 9, 16), (10, 35, 30, 17, 8))[0]
        plan.crowd = self._crowd_reactions(plan, rng.randint(reactions // 2, reactions + 1))
        return plan

    # --- history --------------------------------------------------------------------------

    def _backdate_groups(self, plans: list[PostPlan]) -> None:
        # Project groups show the time of their latest status.
        for group in Group.objects.filter(kind=Group.Kind.PROJECT).exclude(project_status=""):
            latest = [plan.at for plan in plans if plan.group == group and plan.status]
            if latest:
                Group.objects.filter(pk=group.pk).update(project_status_at=max(latest))

        # Department and location groups came with Plein; the others were started later.
        launch = self.launch - timedelta(days=1)
        synced = Group.objects.filter(Q(department__isnull=False) | Q(location__isnull=False))
        synced.update(created_at=launch)
        Membership.objects.filter(group__in=synced).update(created_at=launch)
        for spec in scenes.GROUPS:
            group = self.groups[spec.key]
            first = min((plan.at for plan in plans if plan.group == group), default=self.launch)
            started = max(launch, first - timedelta(days=2))
            Group.objects.filter(pk=group.pk).update(created_at=started)
            Membership.objects.filter(group=group).update(created_at=started)

    def _follow(self) -> None:
        for key, (people, topic_slugs) in scenes.FOLLOWS.items():
            follower = self.cast[key]
            for followed in people:
                conversation.follow_person(follower, self.cast[followed])
            for slug in topic_slugs:
                topic = Topic.objects.filter(slug=slug).first()
                if topic is not None:
                    conversation.follow_topic(follower, topic)
        topics = [t for slug in FOLLOWED_TOPICS if (t := self.topics.get(slug)) is not None]
        followers = self.rng.sample(self.people, round(len(self.people) * FOLLOWERS_SHARE))
        rows = []
        for follower in followers:
            for _ in range(self.rng.randint(1, 3)):
                other = self._colleague(follower)
                if other.pk != follower.pk:
                    rows.append(Follow(follower=follower, person=other, created_at=self.launch))
            if topics and self.rng.random() < 0.5:
                rows.append(
                    Follow(follower=follower, topic=self.rng.choice(topics), created_at=self.launch)
                )
        for batch in batched(rows, BATCH_SIZE):
            Follow.objects.bulk_create(batch, ignore_conflicts=True)
