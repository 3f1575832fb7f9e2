"""Posts and conversation through HTTP: composing (with photos and documents), preview, the post
page, comments, reactions, bookmarks, edit/delete/pin/history/share, attachment serving — and
bad input that gets a clear answer and changes nothing."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from plein.community.models import Attachment, Comment, Group, Post, PostRevision, Reaction
from plein.community.services import conversation, groups, posts
from plein.community.views.feeds import video_for_link

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def closed_group(manager):
    return groups.create_group(
        by=manager,
        name="Project Noord",
        kind=Group.Kind.PROJECT,
        visibility=Group.Visibility.CLOSED,
    )


def jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (1200, 800), (30, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "Telefoonmerk"  # camera make: must not survive re-encoding
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def upload(content: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def compose(client, text: str = "", **fields):
    data = {"text": text, "kind": "update", "group": "", **fields}
    return client.post(reverse("community:compose"), data)


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / "community"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def body(response) -> str:
    return response.content.decode()


def form_errors(response) -> dict[str, list[str]]:
    return {k: [str(m) for m in v] for k, v in response.context["form"].errors.items()}


# --- Composing -------------------------------------------------------------------------------


def test_posting_with_a_photo_stores_a_reencoded_jpeg_and_serves_its_thumbnail(
    client_for, employee
):
    client = client_for(employee)
    response = compose(client, "Nieuwe bus!", attachments=[upload(jpeg_with_exif(), "bus.jpg")])
    post = Post.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#post-{post.pk}")
    photo = Attachment.objects.get(post=post)
    assert photo.kind == "image"
    assert photo.content_type == "image/jpeg"

    page = client.get(reverse("community:post", args=[post.pk]))
    thumb_url = reverse("community:attachment", args=[photo.pk, "thumb"])
    full_url = reverse("community:attachment", args=[photo.pk, "file"])
    assert f'src="{thumb_url}"' in body(page)
    assert f'href="{full_url}"' in body(page)

    thumb = client.get(thumb_url)
    assert thumb.status_code == 200
    assert thumb["Content-Type"] == "image/jpeg"
    assert thumb["X-Content-Type-Options"] == "nosniff"
    assert thumb["Cache-Control"].startswith("private")
    assert thumb["Content-Disposition"].startswith("inline")
    data = b"".join(thumb.streaming_content)
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG"
        assert max(image.size) <= 480
    full = b"".join(client.get(full_url).streaming_content)
    with Image.open(io.BytesIO(full)) as image:
        assert 0x010F not in image.getexif()


def test_a_document_is_listed_and_downloaded_as_an_attachment(client_for, employee):
    client = client_for(employee)
    compose(client, "Het rooster", attachments=[upload(PDF, "rooster.pdf")])
    document = Attachment.objects.get()
    page = body(client.get(reverse("community:post", args=[document.post_id])))
    assert "rooster.pdf" in page
    assert "PDF" in page
    response = client.get(reverse("community:attachment", args=[document.pk, "file"]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert 'filename="rooster.pdf"' in response["Content-Disposition"]
    assert (
        client.get(reverse("community:attachment", args=[document.pk, "thumb"])).status_code == 404
    )


def test_a_pdf_named_like_a_photo_is_refused_with_a_clear_message_and_nothing_is_saved(
    client_for, employee
):
    response = compose(client_for(employee), "Kijk!", attachments=[upload(PDF, "vakantie.jpg")])
    assert response.status_code == 200
    errors = form_errors(response)
    assert "“vakantie.jpg”" in errors["attachments"][0]
    assert response.context["files_dropped"]  # "choose your files again"
    assert 'class="error-summary"' in body(response)
    assert 'href="#composer-attachments"' in body(response)
    assert not Post.objects.exists()
    assert not Attachment.objects.exists()
    assert stored_files() == []


def test_a_file_the_service_refuses_shows_its_message_on_the_form(client_for, employee):
    response = compose(
        client_for(employee),
        "Zie bijlage",
        attachments=[upload(b"MZ\x90\x00 not a document", "tool.exe")],
    )
    assert response.status_code == 200
    assert "“tool.exe”" in form_errors(response)["attachments"][0]
    assert response.context["form"]["text"].value() == "Zie bijlage"  # the text is kept
    assert not Post.objects.exists()
    assert stored_files() == []


def test_a_script_tag_is_shown_as_text(client_for, employee):
    client = client_for(employee)
    compose(client, "Hallo <script>alert('x')</script> <img src=x onerror=alert(1)>")
    post = Post.objects.get()
    html = body(client.get(reverse("community:post", args=[post.pk])))
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html
    assert "<img src=x" not in html
    assert "onerror=alert(1)&gt;" in html


def test_a_mention_of_someone_who_does_not_exist_is_refused_on_the_text(client_for, employee):
    response = compose(client_for(employee), "Vraag aan @[Niemand](p:999999)")
    assert response.status_code == 200
    assert list(form_errors(response)) == ["text"]
    assert not Post.objects.exists()


def test_a_mention_links_to_the_person(client_for, employee, manager):
    client = client_for(employee)
    compose(client, f"Dank je @[Mark de Vries](p:{manager.pk})!")
    html = body(client.get(reverse("community:post", args=[Post.objects.get().pk])))
    assert f'href="/people/{manager.pk}/"' in html


def test_working_on_needs_a_project_group_and_a_status(client_for, manager, closed_group):
    client = client_for(manager)
    missing = compose(client, "Stand van zaken", kind="working_on", group=str(closed_group.pk))
    assert "project_status" in form_errors(missing)
    assert not Post.objects.exists()
    compose(
        client,
        "Wacht op onderdelen",
        kind="working_on",
        group=str(closed_group.pk),
        project_status="blocked",
    )
    post = Post.objects.get()
    assert post.project_status == "blocked"
    html = body(client.get(reverse("community:post", args=[post.pk])))
    assert "badge--danger status-badge status-badge--blocked" in html


def test_only_groups_one_is_in_can_be_chosen(client_for, employee, closed_group):
    response = compose(client_for(employee), "Hallo Noord", group=str(closed_group.pk))
    assert "group" in form_errors(response)
    assert not Post.objects.exists()


def test_preview_renders_the_text_for_htmx_and_as_a_page_without_javascript(client_for, employee):
    client = client_for(employee)
    url = reverse("community:preview")
    fragment = client.post(url, {"text": "**Vet** en <b>niet</b>"}, headers=HTMX)
    assert "<strong>Vet</strong>" in body(fragment)
    assert "&lt;b&gt;niet&lt;/b&gt;" in body(fragment)
    assert "<html" not in body(fragment)
    page = client.post(url, {"text": "**Vet**", "kind": "update", "group": ""})
    assert "<html" in body(page)
    assert "<strong>Vet</strong>" in body(page)
    assert "**Vet**</textarea>" in body(page)  # the composer keeps the text
    assert not Post.objects.exists()


def test_video_links_become_click_to_load_placeholders(client_for, employee):
    client = client_for(employee)
    compose(
        client,
        "Kijk https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1m5s en https://vimeo.com/76979871",
    )
    html = body(client.get(reverse("community:post", args=[Post.objects.get().pk])))
    assert (
        'data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&amp;start=65"'
        in html
    )
    assert 'data-embed-src="https://player.vimeo.com/video/76979871?autoplay=1&amp;dnt=1"' in html
    assert "<iframe" not in html
    assert "ytimg" not in html and "i.vimeocdn" not in html  # no thumbnail from their servers
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in html  # works without JS


@pytest.mark.parametrize(
    ("link", "embed"),
    [
        (
            "https://youtu.be/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1",
        ),
        (
            "https://www.youtube.com/shorts/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1",
        ),
        (
            "https://m.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1",
        ),
        (
            "https://vimeo.com/123456/abcdef1234",
            "https://player.vimeo.com/video/123456?autoplay=1&dnt=1&h=abcdef1234",
        ),
        ("https://www.youtube.com/watch?v=short", None),
        ("https://evil.example/watch?v=dQw4w9WgXcQ", None),
        ("javascript:alert(1)//youtu.be/dQw4w9WgXcQ", None),
    ],
)
def test_which_links_are_videos(link, embed):
    video = video_for_link(link)
    assert (video.embed_url if video else None) == embed


# --- Reading and the visibility rule -----------------------------------------------------------


def test_a_closed_group_post_and_its_files_are_404_for_a_non_member(
    client_for, employee, manager, closed_group
):
    post = posts.publish_post(
        manager,
        "Plattegrond",
        group=closed_group,
        uploads=[posts.Upload("plan.jpg", io.BytesIO(jpeg_with_exif()))],
    )
    comment = conversation.add_comment(post, manager, "Zie de bijlage")
    photo = post.attachments.get()
    urls = [
        reverse("community:post", args=[post.pk]),
        reverse("community:comment_permalink", args=[comment.pk]),
        reverse("community:attachment", args=[photo.pk, "file"]),
        reverse("community:attachment", args=[photo.pk, "thumb"]),
        reverse("community:reactions", args=[post.pk]),
        reverse("community:share_post", args=[post.pk]),
    ]
    outsider_client = client_for(employee)
    for url in urls:
        assert outsider_client.get(url).status_code == 404, url
    assert (
        outsider_client.post(
            reverse("community:react", args=[post.pk]), {"add": "like"}
        ).status_code
        == 404
    )
    assert not Reaction.objects.exists()
    member = client_for(manager)
    for url in urls:
        assert member.get(url).status_code in (200, 302), url
    nonexistent = reverse("community:attachment", args=[photo.pk + 100, "file"])
    assert outsider_client.get(nonexistent).status_code == 404


def test_a_comment_permalink_leads_to_the_comment_on_the_post(client_for, employee, manager):
    post = posts.publish_post(manager, "Wie weet raad?")
    comment = conversation.add_comment(post, employee, "Ik!")
    response = client_for(employee).get(reverse("community:comment_permalink", args=[comment.pk]))
    assert response.status_code == 302
    assert (
        response["Location"] == reverse("community:post", args=[post.pk]) + f"#comment-{comment.pk}"
    )


def test_a_shared_post_from_a_closed_group_is_not_shown_to_non_members(
    client_for, employee, manager, closed_group
):
    original = posts.publish_post(manager, "Vertrouwelijke cijfers", group=closed_group)
    share = posts.share_post(original, by=manager, group=None, text="Lees dit")
    html = body(client_for(employee).get(reverse("community:post", args=[share.pk])))
    assert "Lees dit" in html
    assert "Vertrouwelijke cijfers" not in html
    member_html = body(client_for(manager).get(reverse("community:post", args=[share.pk])))
    assert "Vertrouwelijke cijfers" in member_html


# --- Conversation ------------------------------------------------------------------------------


def test_comments_with_one_level_of_replies(client_for, employee, manager):
    post = posts.publish_post(manager, "Vraag van de week")
    client = client_for(employee)
    url = reverse("community:comment", args=[post.pk])
    first = client.post(url, {"text": "Eerste!"})
    top = Comment.objects.get()
    assert first["Location"].endswith(f"#comment-{top.pk}")
    client.post(url, {"text": "Antwoord", "parent": str(top.pk)})
    reply = Comment.objects.exclude(pk=top.pk).get()
    client_for(manager).post(url, {"text": "Antwoord op antwoord", "parent": str(reply.pk)})
    deepest = Comment.objects.order_by("-id").first()
    assert reply.parent_id == top.pk
    assert deepest.parent_id == top.pk  # a reply to a reply joins the thread
    page = client.get(reverse("community:post", args=[post.pk]))
    threads = page.context["threads"]
    assert [t.comment.pk for t in threads] == [top.pk]
    assert [r.comment.pk for r in threads[0].replies] == [reply.pk, deepest.pk]
    assert f'id="reply-{top.pk}-text"' in body(page)


def test_a_ten_megabyte_comment_is_refused_and_nothing_is_saved(client_for, employee, manager):
    post = posts.publish_post(manager, "Reageer maar")
    client = client_for(employee)
    huge = client.post(reverse("community:comment", args=[post.pk]), {"text": "x" * 10_485_760})
    assert huge.status_code == 200
    assert form_errors(huge)["text"]
    assert 'class="error-summary"' in body(huge)
    too_long = client.post(reverse("community:comment", args=[post.pk]), {"text": "x" * 2001})
    assert "2001" in form_errors(too_long)["text"][0]
    empty = client.post(reverse("community:comment", args=[post.pk]), {"text": "   "})
    assert form_errors(empty)["text"]
    nobody = client.post(
        reverse("community:comment", args=[post.pk]), {"text": "Hoi @[X](p:424242)"}
    )
    assert form_errors(nobody)["text"]
    assert not Comment.objects.exists()


def test_a_failed_reply_shows_its_error_on_the_reply_form(client_for, employee, manager):
    post = posts.publish_post(manager, "Vraag")
    top = conversation.add_comment(post, manager, "Wie helpt?")
    response = client_for(employee).post(
        reverse("community:comment", args=[post.pk]), {"text": "", "parent": str(top.pk)}
    )
    html = body(response)
    assert f'href="#reply-{top.pk}-text"' in html  # the error summary links to the reply box
    assert '<details class="comment-reply" open>' in html
    assert Comment.objects.count() == 1


def test_reacting_twice_keeps_one_reaction_and_can_be_taken_back(client_for, employee, manager):
    post = posts.publish_post(manager, "Mooi resultaat")
    client = client_for(employee)
    url = reverse("community:react", args=[post.pk])
    client.post(url, {"add": "celebrate"})
    fragment = client.post(url, {"add": "celebrate"}, headers=HTMX)
    assert Reaction.objects.filter(post=post).count() == 1
    assert 'value="celebrate" aria-pressed="true"' in body(fragment)
    assert "<html" not in body(fragment)
    client.post(url, {"add": "thanks"})
    assert list(Reaction.objects.values_list("kind", flat=True)) == ["thanks"]
    client.post(url, {"remove": "thanks"})
    assert not Reaction.objects.exists()
    bad = client.post(url, {"add": "angry"}, headers=HTMX)
    assert bad.status_code == 400
    assert not Reaction.objects.exists()


def test_without_javascript_a_reaction_returns_to_the_page(client_for, employee, manager):
    post = posts.publish_post(manager, "Mooi resultaat")
    response = client_for(employee).post(
        reverse("community:react", args=[post.pk]), {"add": "like", "next": "/feed/?mode=people"}
    )
    assert response["Location"] == f"/feed/?mode=people#post-{post.pk}"
    foreign = client_for(employee).post(
        reverse("community:react", args=[post.pk]), {"add": "like", "next": "https://evil.example/"}
    )
    assert foreign["Location"].startswith(reverse("community:post", args=[post.pk]))


def test_who_reacted_lists_people_per_kind(client_for, employee, manager, flexible_worker):
    post = posts.publish_post(manager, "Nieuw contract binnen")
    conversation.react(employee, "celebrate", post=post)
    conversation.react(flexible_worker, "thanks", post=post)
    response = client_for(employee).get(reverse("community:reactions", args=[post.pk]))
    groups_ = {str(label): [p.pk for p in people] for label, people in response.context["groups"]}
    assert list(groups_.values()) == [[flexible_worker.pk], [employee.pk]]


def test_comment_reactions_and_deleting_ones_own_comment(client_for, employee, manager):
    post = posts.publish_post(manager, "Vraag")
    comment = conversation.add_comment(post, employee, "Mijn antwoord")
    client = client_for(employee)
    fragment = client.post(
        reverse("community:react_comment", args=[comment.pk]), {"add": "like"}, headers=HTMX
    )
    assert 'value="like" aria-pressed="true"' in body(fragment)
    assert (
        client_for(manager).get(reverse("community:delete_comment", args=[comment.pk])).status_code
        == 403
    )
    assert client.get(reverse("community:delete_comment", args=[comment.pk])).status_code == 200
    client.post(reverse("community:delete_comment", args=[comment.pk]))
    comment.refresh_from_db()
    assert comment.deleted_at is not None


def test_bookmark_toggle_with_htmx(client_for, employee, manager):
    post = posts.publish_post(manager, "Bewaren")
    client = client_for(employee)
    on = client.post(reverse("community:bookmark", args=[post.pk]), headers=HTMX)
    assert 'aria-pressed="true"' in body(on)
    off = client.post(reverse("community:bookmark", args=[post.pk]), headers=HTMX)
    assert 'aria-pressed="false"' in body(off)
    assert not post.bookmarks.exists()


# --- Edit, delete, pin, history, share -----------------------------------------------------


def test_editing_keeps_history_for_moderators_only(
    client_for, employee, manager, community_manager
):
    post = posts.publish_post(employee, "Eerste versie")
    client = client_for(employee)
    assert (
        client_for(manager).get(reverse("community:edit_post", args=[post.pk])).status_code == 403
    )
    response = client.post(
        reverse("community:edit_post", args=[post.pk]), {"text": "Tweede versie"}
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.body == "Tweede versie"
    assert PostRevision.objects.get(post=post).body == "Eerste versie"
    history = reverse("community:post_history", args=[post.pk])
    assert client.get(history).status_code == 403
    moderator = client_for(community_manager)
    assert "Eerste versie" in body(moderator.get(history))
    card = moderator.get(reverse("community:post", args=[post.pk])).context["card"]
    assert card.can_see_history


def test_an_edit_that_the_gate_refuses_changes_nothing(client_for, employee):
    post = posts.publish_post(employee, "Origineel")
    response = client_for(employee).post(
        reverse("community:edit_post", args=[post.pk]), {"text": "x" * 5001}
    )
    assert form_errors(response)["text"]
    post.refresh_from_db()
    assert post.body == "Origineel"
    assert not PostRevision.objects.exists()


def test_delete_asks_first_then_deletes(client_for, employee, manager):
    post = posts.publish_post(employee, "Foutje")
    client = client_for(employee)
    url = reverse("community:delete_post", args=[post.pk])
    assert client_for(manager).get(url).status_code == 403
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Foutje" in body(confirm)
    response = client.post(url)
    assert response["Location"] == reverse("community:home")
    assert client.get(reverse("community:post", args=[post.pk])).status_code == 404


def test_group_admins_pin_and_remove_posts_in_their_group(client_for, employee, manager):
    group = groups.create_group(by=manager, name="Monteurs", kind=Group.Kind.DISCIPLINE)
    groups.join(group, employee)
    post = posts.publish_post(employee, "Tip van de dag", group=group)
    admin = client_for(manager)
    card = admin.get(reverse("community:post", args=[post.pk])).context["card"]
    assert card.can_pin and card.can_remove and not card.can_edit
    assert (
        client_for(employee)
        .post(reverse("community:pin_post", args=[post.pk]), {"pinned": "1"})
        .status_code
        == 403
    )
    admin.post(reverse("community:pin_post", args=[post.pk]), {"pinned": "1"})
    post.refresh_from_db()
    assert post.pinned_at is not None
    admin.post(reverse("community:delete_post", args=[post.pk]))
    post.refresh_from_db()
    assert post.deleted_at is not None and post.removed_by_id == manager.pk


def test_sharing_into_a_group_with_a_comment(client_for, employee, manager):
    group = groups.create_group(by=manager, name="Monteurs", kind=Group.Kind.DISCIPLINE)
    groups.join(group, employee)
    original = posts.publish_post(manager, "Nieuwe veiligheidsregels")
    client = client_for(employee)
    form = client.get(reverse("community:share_post", args=[original.pk]))
    assert [c[1] for c in form.context["form"].fields["group"].choices][1:] == ["Monteurs"]
    response = client.post(
        reverse("community:share_post", args=[original.pk]),
        {"group": str(group.pk), "text": "Lees even mee"},
    )
    share = Post.objects.get(shared_post=original)
    assert response["Location"] == reverse("community:post", args=[share.pk])
    assert share.group == group and share.kind == "share"
    html = body(client.get(response["Location"]))
    assert "Lees even mee" in html and "Nieuwe veiligheidsregels" in html
