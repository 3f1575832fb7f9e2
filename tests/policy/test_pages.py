"""The policy pages over HTTP: who may open them, what bad input does, query counts."""

import pytest
from django.urls import reverse

from plein.policy import active, documents
from plein.policy.models import PolicyRule, RuleChange, RuleSetVersion
from plein.policy.services import rules as services

pytestmark = pytest.mark.django_db

MANAGER_PAGES = [
    ("policy:rules", []),
    ("policy:rule_new", []),
    ("policy:rule_edit", ["phone"]),
    ("policy:audit", []),
    ("policy:bench", []),
    ("policy:manage", []),
    ("policy:report", []),
]


@pytest.fixture(autouse=True)
def fresh_process_state():
    active.forget()
    yield
    active.forget()


@pytest.fixture
def seeded(community_manager):
    return services.ensure_rules_seeded(community_manager)


@pytest.mark.parametrize(("name", "args"), MANAGER_PAGES)
def test_employees_get_403_and_community_managers_and_hr_the_page(
    name, args, seeded, client_for, employee, community_manager, recruiter
):
    url = reverse(name, args=args)
    assert client_for(employee).get(url).status_code == 403
    assert client_for(community_manager).get(url).status_code == 200
    assert client_for(recruiter).get(url).status_code == 200


def test_writes_are_refused_to_employees(seeded, client_for, employee):
    client = client_for(employee)
    assert (
        client.post(reverse("policy:rule_enabled", args=["bsn"]), {"enabled": "0"}).status_code
        == 403
    )
    assert client.post(reverse("policy:new_draft")).status_code == 403
    assert PolicyRule.objects.get(slug="bsn").enabled


def test_the_policy_page_is_for_members(client_for, employee, alumnus, client):
    assert client_for(employee).get(reverse("policy:current")).status_code == 200
    assert client_for(alumnus).get(reverse("policy:current")).status_code == 403
    assert client.get(reverse("policy:current")).status_code == 302


def test_editing_a_rule_through_the_form_is_audited(seeded, client_for, community_manager):
    client = client_for(community_manager)
    response = client.post(
        reverse("policy:rule_edit", args=["confidential-terms"]),
        {
            "action": "block",
            "scopes": ["careers", "outbound"],
            "terms": "Project Noordster\n\nProject Kwartel\nProject Noordster\n",
            "suggestion_nl": "Noem het project niet.",
            "suggestion_en": "",
            "enabled": "on",
        },
    )
    assert response.status_code == 302
    rule = PolicyRule.objects.get(slug="confidential-terms")
    assert rule.terms == ["Project Noordster", "Project Kwartel"]
    assert rule.enabled and rule.suggestion_nl == "Noem het project niet."
    log = client.get(reverse("policy:audit"))
    assert "Chris Smit" in log.text and "Project Kwartel" in log.text


def test_an_empty_term_list_is_refused_with_a_message(seeded, client_for, community_manager):
    response = client_for(community_manager).post(
        reverse("policy:rule_edit", args=["confidential-terms"]),
        {"action": "block", "scopes": ["outbound"], "terms": "  \n", "enabled": "on"},
    )
    assert response.status_code == 200
    assert "error-summary" in response.text
    assert "terms" in response.context["form"].errors
    assert RuleSetVersion.objects.count() == 1


def test_an_invalid_domain_is_refused_with_a_message(seeded, client_for, community_manager):
    response = client_for(community_manager).post(
        reverse("policy:rule_edit", args=["link-shorteners"]),
        {
            "action": "warn",
            "scopes": ["outbound"],
            "block_domains": "bit.ly\nnot a domain",
            "enabled": "on",
        },
    )
    assert response.status_code == 200
    assert "not a domain" in str(response.context["form"].errors["block_domains"])
    assert "not a domain" not in PolicyRule.objects.get(slug="link-shorteners").block_domains
    assert RuleSetVersion.objects.count() == 1


def test_adding_a_rule_with_a_url_as_domain(seeded, client_for, community_manager):
    response = client_for(community_manager).post(
        reverse("policy:rule_new"),
        {
            "slug": "concurrent",
            "kind": "link_domain",
            "action": "hold",
            "scopes": ["outbound"],
            "block_domains": "https://www.concurrent.example/vacatures",
            "enabled": "on",
        },
    )
    assert response.status_code == 302
    assert PolicyRule.objects.get(slug="concurrent").block_domains == ["www.concurrent.example"]
    assert RuleChange.objects.filter(rule_slug="concurrent", change="created").exists()


def test_disabling_a_rule_from_the_list(seeded, client_for, community_manager):
    client_for(community_manager).post(
        reverse("policy:rule_enabled", args=["phone"]), {"enabled": "0"}
    )
    assert not PolicyRule.objects.get(slug="phone").enabled
    assert RuleChange.objects.filter(rule_slug="phone", change="disabled").exists()


def test_the_test_bench_highlights_what_fires(seeded, client_for, community_manager):
    client = client_for(community_manager)
    text = "Bel me op 06-12345678 of mail anna@example.nl. BSN 123456782."
    response = client.post(reverse("policy:bench"), {"text": text, "scope": "careers"})
    assert response.status_code == 200
    assert '<mark class="policy-mark policy-mark--block">123456782' in response.text
    assert '<mark class="policy-mark policy-mark--warn">06-12345678' in response.text
    firing = response.context["firing"]
    assert [row.rules[0].id for row in firing] == ["phone", "email", "bsn"]
    # Internally phone and e-mail are fine: found, but no rule acts on them.
    internal = client.post(reverse("policy:bench"), {"text": text, "scope": "internal"})
    assert [row.rules[0].id for row in internal.context["firing"]] == ["bsn"]
    assert len(internal.context["quiet"]) == 2
    # With htmx: only the results.
    partial = client.post(
        reverse("policy:bench"), {"text": text, "scope": "careers"}, headers={"HX-Request": "true"}
    )
    assert partial.text.lstrip().startswith('<section id="bench-results"')


def test_the_test_bench_asks_for_text(seeded, client_for, community_manager):
    response = client_for(community_manager).post(
        reverse("policy:bench"), {"text": "", "scope": "internal"}
    )
    assert response.status_code == 200 and "error-summary" in response.text


def test_list_pages_have_a_fixed_number_of_queries(
    seeded, client_for, community_manager, django_assert_max_num_queries
):
    client = client_for(community_manager)
    for number in range(30):
        services.add_rule(
            community_manager,
            f"woorden-{number}",
            services.RuleData(
                kind="blocked_word", action="hold", scopes=["internal"], terms=[f"woord{number}"]
            ),
        )
    client.get(reverse("policy:rules"))  # the organisation's row is made on a first visit
    for url in (reverse("policy:rules"), reverse("policy:audit")):
        with django_assert_max_num_queries(9):
            assert client.get(url).status_code == 200


def test_the_report_has_a_fixed_number_of_queries(
    client_for, community_manager, employee, django_assert_max_num_queries
):
    from tests.factories import PersonFactory

    PersonFactory.create_batch(25)
    draft = documents.start_draft(community_manager)
    documents.update_draft(community_manager, draft, introduction_nl="Tekst")
    version = documents.publish(community_manager, draft)
    documents.acknowledge(employee, version)
    client = client_for(community_manager)
    client.get(reverse("policy:manage"))  # the organisation's row is made on a first visit
    with django_assert_max_num_queries(9):
        response = client.get(reverse("policy:report"))
    assert response.status_code == 200
    assert "Klantenservice" in response.text


def test_publishing_through_the_pages(client_for, community_manager):
    client = client_for(community_manager)
    response = client.post(reverse("policy:new_draft"))
    draft_url = response["Location"]
    response = client.post(
        draft_url,
        {
            "title_nl": "Social media policy",
            "title_en": "Social media policy",
            "introduction_nl": "Deel gerust wat je trots maakt.",
            "video_url": "ftp://example.com/film",
        },
    )
    assert response.status_code == 200 and "error-summary" in response.text
    response = client.post(
        draft_url,
        {"title_nl": "Social media policy", "introduction_nl": "Deel gerust.", "video_url": ""},
    )
    assert response.status_code == 302
    number = documents.start_draft(community_manager).number
    client.post(reverse("policy:publish", args=[number]))
    assert documents.current_version().number == number
