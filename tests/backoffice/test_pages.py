"""Every staff page renders for the people who may see it and is refused to the others."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from bihuan.backoffice.views import lists
from bihuan.complaints.choices import Status
from bihuan.complaints.services import complaint_attach
from tests.files import upload

from ..personas import Museum, register
from .conftest import act_url, detail_url, reach, text

Login = Callable[[User], Client]

ROLE_PERSONAS = ["clerk", "handler", "head", "other_handler", "other_head", "supervisor", "leader"]
HOME_QUEUE = {
    "clerk": "new",
    "handler": "department",
    "head": "approval",
    "other_handler": "department",
    "other_head": "approval",
    "supervisor": "open",
    "leader": "major",
}
QUEUES = {
    "clerk": {"new", "open"},
    "handler": {"department", "mine"},
    "head": {"approval", "department", "mine", "open"},
    "supervisor": {"open"},
    "leader": {"major", "open"},
    "administrator": set(),
    "outsider": set(),
}
ALL_QUEUES = {"new", "department", "mine", "approval", "major", "open"}


def test_anonymous_visitors_are_sent_to_the_login_page(museum: Museum, client: Client) -> None:
    complaint = register(museum)
    urls = [
        reverse("backoffice:home"),
        reverse("backoffice:queue", args=["new"]),
        reverse("backoffice:complaint_list"),
        reverse("backoffice:complaint_register"),
        reverse("backoffice:complainant_lookup") + "?phone=13812341234",
        detail_url(complaint),
        reverse("backoffice:attachment_download", args=[complaint.tracking_code, 1]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login") + "?next="), url
    response = client.post(act_url(complaint, "accept"), {})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_login_page_renders_and_logs_in(museum: Museum, client: Client) -> None:
    page = client.get(reverse("login"))
    assert page.status_code == 200
    assert "Log in" in text(page)
    response = client.post(reverse("login"), {"username": "clerk", "password": "wrong"})
    assert "did not match" in text(response)
    response = client.post(reverse("login"), {"username": "clerk", "password": "Bihuan-test-2026"})
    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice:home")


def test_logout_is_a_post_form_in_the_menu(museum: Museum, login: Login) -> None:
    client = login(museum.clerk)
    page = text(client.get(reverse("backoffice:complaint_list")))
    assert f'<form method="post" action="{reverse("logout")}">' in page
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("backoffice:complaint_list")).status_code == 302


@pytest.mark.parametrize("persona", ROLE_PERSONAS)
def test_home_opens_the_default_queue_of_the_role(
    museum: Museum, login: Login, persona: str
) -> None:
    response = login(getattr(museum, persona)).get(reverse("backoffice:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice:queue", args=[HOME_QUEUE[persona]])


@pytest.mark.parametrize("persona", ["administrator", "outsider"])
def test_home_explains_an_account_without_a_work_queue(
    museum: Museum, login: Login, persona: str
) -> None:
    response = login(getattr(museum, persona)).get(reverse("backoffice:home"))
    assert response.status_code == 200
    assert "There is no work queue for your account" in text(response)
    assert (reverse("admin:index") in text(response)) is (persona == "administrator")


@pytest.mark.parametrize("persona", list(QUEUES))
def test_queues_of_the_role_render_and_the_others_are_not_found(
    museum: Museum, login: Login, persona: str
) -> None:
    reach(museum, Status.PROPOSED)
    client = login(getattr(museum, persona))
    for queue in ALL_QUEUES:
        expected = 200 if queue in QUEUES[persona] else (403 if persona == "outsider" else 404)
        response = client.get(reverse("backoffice:queue", args=[queue]))
        assert response.status_code == expected, (persona, queue)
    assert client.get(reverse("backoffice:queue", args=["nope"])).status_code in (403, 404)


def test_navigation_shows_the_queues_and_the_register_button_by_role(
    museum: Museum, login: Login
) -> None:
    page = text(login(museum.clerk).get(reverse("backoffice:complaint_list")))
    assert "Register complaint" in page
    assert "New registrations" in page
    assert "Awaiting my approval" not in page
    assert reverse("admin:index") not in page
    page = text(login(museum.head).get(reverse("backoffice:complaint_list")))
    assert "Register complaint" not in page
    assert "Awaiting my approval" in page
    page = text(login(museum.administrator).get(reverse("backoffice:home")))
    assert reverse("admin:index") in page


@pytest.mark.parametrize("persona", [*ROLE_PERSONAS, "administrator"])
def test_the_complaint_list_renders_for_every_role(
    museum: Museum, login: Login, persona: str
) -> None:
    reach(museum, Status.DISPATCHED)
    assert (
        login(getattr(museum, persona)).get(reverse("backoffice:complaint_list")).status_code == 200
    )


def test_the_complaint_list_is_refused_to_an_account_without_a_role(
    museum: Museum, login: Login
) -> None:
    assert login(museum.outsider).get(reverse("backoffice:complaint_list")).status_code == 403


@pytest.mark.parametrize("persona", [*ROLE_PERSONAS, "administrator", "outsider"])
def test_registration_and_look_up_are_for_the_intake_desk_only(
    museum: Museum, login: Login, persona: str
) -> None:
    client = login(getattr(museum, persona))
    expected = 200 if persona == "clerk" else 403
    assert client.get(reverse("backoffice:complaint_register")).status_code == expected
    lookup = reverse("backoffice:complainant_lookup") + "?phone=13812341234"
    assert client.get(lookup).status_code == expected


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("clerk", 200),
        ("handler", 200),
        ("head", 200),
        ("supervisor", 200),
        ("leader", 200),
        ("other_handler", 404),
        ("other_head", 404),
        ("administrator", 404),
        ("outsider", 404),
    ],
)
def test_the_complaint_page_renders_for_its_readers_only(
    museum: Museum, login: Login, persona: str, expected: int
) -> None:
    complaint = reach(museum, Status.PROPOSED)
    response = login(getattr(museum, persona)).get(detail_url(complaint))
    assert response.status_code == expected
    if expected == 200:
        assert complaint.tracking_code in text(response)
        assert "Timeline" in text(response)


def test_the_complaint_page_offers_only_the_actions_open_to_the_user(
    museum: Museum, login: Login
) -> None:
    complaint = register(museum)
    clerk_page = text(login(museum.clerk).get(detail_url(complaint)))
    for name in ("accept", "reject", "resolve_on_the_spot", "escalate", "comment", "attach"):
        assert act_url(complaint, name) in clerk_page
    supervisor_page = text(login(museum.supervisor).get(detail_url(complaint)))
    assert act_url(complaint, "accept") not in supervisor_page
    assert act_url(complaint, "comment") in supervisor_page
    head_page = text(login(museum.head).get(detail_url(reach(museum, Status.PROPOSED))))
    assert "/act/approve/" in head_page
    assert "/act/refuse/" in head_page
    # The head approving on a phone reads the solution inside the approval form.
    approve_at = head_page.index('id="action-approve"')
    assert approve_at < head_page.index("更换电源并致歉") < head_page.index('id="action-refuse"')


def test_unknown_actions_are_not_found_and_actions_need_a_post(
    museum: Museum, login: Login
) -> None:
    complaint = register(museum)
    client = login(museum.clerk)
    assert client.post(act_url(complaint, "teleport"), {}).status_code == 404
    assert client.get(act_url(complaint, "accept")).status_code == 405
    assert (
        client.get(
            detail_url(complaint).replace(complaint.tracking_code, "AAAA-AAAA-AA")
        ).status_code
        == 404
    )


def test_an_attachment_downloads_as_an_attachment_with_its_original_name(
    museum: Museum, login: Login
) -> None:
    complaint = register(museum)
    (attachment,) = complaint_attach(
        actor=museum.actor(museum.clerk),
        complaint=complaint,
        files=[upload("现场照片.jpg")],
    )
    url = reverse("backoffice:attachment_download", args=[complaint.tracking_code, attachment.pk])
    page = text(login(museum.clerk).get(detail_url(complaint)))
    assert url in page
    assert "现场照片.jpg" in page
    response = login(museum.clerk).get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert body == attachment.file.open("rb").read()
    assert body.startswith(b"\xff\xd8\xff")
    assert response["Content-Disposition"].startswith("attachment;")
    assert (
        "filename*=utf-8''%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%87.jpg"
        in response["Content-Disposition"]
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "image/jpeg"
    other = register(museum)
    wrong = reverse("backoffice:attachment_download", args=[other.tracking_code, attachment.pk])
    assert login(museum.clerk).get(wrong).status_code == 404


def test_filters_narrow_the_list_and_unreadable_filters_give_a_message(
    museum: Museum, login: Login
) -> None:
    dispatched = reach(museum, Status.DISPATCHED)
    registered = register(
        museum, description="讲解员态度不好", category=museum.category("guided-tours")
    )
    client = login(museum.clerk)
    url = reverse("backoffice:complaint_list")
    page = text(client.get(url, {"status": ["dispatched"]}))
    assert dispatched.tracking_code in page
    assert registered.tracking_code not in page
    page = text(client.get(url, {"category": museum.category("guided-tours").pk}))
    assert registered.tracking_code in page
    assert dispatched.tracking_code not in page
    page = text(client.get(url, {"keyword": "讲解员"}))
    assert registered.tracking_code in page
    assert dispatched.tracking_code not in page
    page = text(client.get(url, {"keyword": registered.tracking_code.lower()}))
    assert registered.tracking_code in page
    response = client.get(
        url,
        {"received_from": "yesterday", "status": ["bogus"], "category": "x", "channel": "phone"},
    )
    assert response.status_code == 200
    assert "Some filters could not be read and were left out." in text(response)
    assert "Enter a valid date." in text(response)
    assert registered.tracking_code in text(response)  # the readable channel filter still applies
    response = client.get(url, {"received_from": "2026-05-02", "received_to": "2026-05-01"})
    assert "The end date is before the start date." in text(response)


def test_the_list_pages_older_and_back_to_the_newest(
    museum: Museum, login: Login, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lists, "PAGE_SIZE", 2)
    codes = [register(museum).tracking_code for _ in range(5)][::-1]  # newest first
    client = login(museum.clerk)
    url = reverse("backoffice:complaint_list")
    first = client.get(url, {"channel": "phone"})
    assert first.context["page"].next_cursor
    assert [c.tracking_code for c in first.context["page"].items] == codes[:2]
    assert "Older" in text(first)
    assert "Newest" not in text(first)
    cursor = first.context["page"].next_cursor
    second = client.get(url, {"channel": "phone", "cursor": cursor})
    assert [c.tracking_code for c in second.context["page"].items] == codes[2:4]
    assert "Newest" in text(second)
    assert "channel=phone" in text(second).split("Newest")[0].rsplit("href=", 1)[1]
    assert client.get(url, {"cursor": "not-a-cursor"}).status_code == 200


def test_the_language_switch_is_a_post_form_for_three_languages(
    museum: Museum, login: Login
) -> None:
    client = login(museum.clerk)
    page = text(client.get(reverse("backoffice:complaint_list")))
    assert f'action="{reverse("set_language")}"' in page
    for code in ("zh-hans", "zh-hant", "en"):
        assert f'name="language" value="{code}"' in page
    response = client.post(
        reverse("set_language"), {"language": "zh-hans", "next": reverse("backoffice:home")}
    )
    assert response.status_code == 302
    assert '<html lang="zh-hans">' in text(client.get(reverse("backoffice:complaint_list")))


def test_the_brand_is_written_in_the_script_of_the_chosen_language(museum: Museum) -> None:
    for language, brand in (("zh-hans", "闭环"), ("zh-hant", "閉環")):
        page = Client(HTTP_ACCEPT_LANGUAGE=language).get("/login/").content.decode()
        assert f"{brand} Bihuan" in page
