"""The article renderer: headings, images from the article only, everything sanitised."""

import pytest

from plein.articles.models import Article, ArticleImage
from plein.articles.services.render import excerpt, render_article


def image(
    pk: int, alt: str = "Een warmtepomp", width: int = 800, height: int = 500
) -> ArticleImage:
    return ArticleImage(pk=pk, article=Article(pk=1), alt=alt, width=width, height=height)


def test_headings_become_h2_to_h4_with_anchors():
    rendered = render_article("# Titel\n\n## Aanpak\n\n### Stap één\n\n##### Diep", {})
    assert '<h2 id="h-titel">Titel</h2>' in rendered.html
    assert '<h2 id="h-aanpak">Aanpak</h2>' in rendered.html
    assert '<h3 id="h-stap-een">Stap één</h3>' in rendered.html
    assert "<h4" in rendered.html and "<h5" not in rendered.html
    assert [h.text for h in rendered.headings] == ["Titel", "Aanpak", "Stap één", "Diep"]


def test_two_headings_with_the_same_text_get_different_anchors():
    rendered = render_article("## Vragen\n\n## Vragen", {})
    assert [h.anchor for h in rendered.headings] == ["h-vragen", "h-vragen-2"]


def test_an_uploaded_image_is_shown_with_its_url_size_and_description():
    rendered = render_article("Kijk:\n\n![De nieuwe bus](upload:7)", {7: image(7)})
    assert '<img src="/articles/images/7/file/" alt="De nieuwe bus"' in rendered.html
    assert 'width="800" height="500"' in rendered.html
    assert rendered.image_ids == [7]
    assert rendered.unknown_images == []


def test_an_image_without_description_gets_the_uploads_description():
    rendered = render_article("![](upload:7)", {7: image(7, alt="Monteur op het dak")})
    assert 'alt="Monteur op het dak"' in rendered.html


def test_an_image_by_its_own_url_works_too():
    rendered = render_article("![Bus](/articles/images/7/file/)", {7: image(7)})
    assert rendered.image_ids == [7]


@pytest.mark.parametrize(
    "reference",
    ["https://tracker.example/pixel.gif", "upload:8", "/articles/images/8/file/"],
)
def test_images_from_elsewhere_are_refused_and_not_shown(reference):
    rendered = render_article(f"![Pixel]({reference})", {7: image(7)})
    assert "<img" not in rendered.html
    assert rendered.unknown_images  # the service refuses to store this
    assert "Pixel" in rendered.html


def test_html_and_scripts_are_escaped_or_removed():
    rendered = render_article(
        "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n"
        "[klik](javascript:alert(1))\n\n![x](javascript:alert(1))",
        {},
    )
    assert "<script" not in rendered.html
    assert "<img" not in rendered.html
    assert 'href="javascript' not in rendered.html


def test_lists_links_and_quotes_render():
    rendered = render_article("- een\n- twee\n\n> Een citaat\n\n[Plein](https://plein.example)", {})
    assert "<ul>" in rendered.html and "<blockquote>" in rendered.html
    assert 'href="https://plein.example"' in rendered.html
    assert 'rel="noopener noreferrer nofollow"' in rendered.html


def test_mentions_and_topics_are_links():
    rendered = render_article("Dank @[Anna Jansen](p:12) voor #warmtepompen", {})
    assert 'href="/people/12/"' in rendered.html
    assert 'href="/topics/warmtepompen/"' in rendered.html


def test_word_count_counts_the_text_not_the_markup():
    rendered = render_article("## Kop\n\n" + "woord " * 400, {})
    assert rendered.word_count == 401


def test_excerpt_takes_paragraphs_not_headings_and_cuts_at_a_word():
    html = render_article("## Kop\n\nEerste zin met #topic.\n\n" + "lang " * 100, {}).html
    text = excerpt(html, 60)
    assert text.startswith("Eerste zin met #topic.")
    assert "Kop" not in text
    assert text.endswith("…") and len(text) <= 61
