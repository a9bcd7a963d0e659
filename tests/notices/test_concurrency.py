"""Two workers sending the same notice at once: it goes once (the unique key decides)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction

from bihuan.complaints.choices import Action
from bihuan.complaints.models import Complaint
from bihuan.complaints.services import ComplainantInput
from bihuan.notices.choices import NoticeKind
from bihuan.notices.models import Notice
from bihuan.notices.services import notice_send
from bihuan.notifications.models import OutboxMessage

from ..personas import Museum, register


def _send(
    pk: int, occurrence: str, barrier: threading.Barrier, crashes: list[BaseException]
) -> None:
    try:
        complaint = Complaint.objects.select_related("complainant").get(pk=pk)
        barrier.wait(timeout=30)
        with transaction.atomic():
            notice_send(complaint=complaint, kind=NoticeKind.PROGRESS, occurrence=occurrence)
    except BaseException as error:
        crashes.append(error)
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_sends_of_one_notice_queue_it_once(museum: Museum) -> None:
    person = ComplainantInput(phone="13812341234", email="zhang@example.com")
    complaint = register(museum, complainant=person)
    rounds = 5 if connection.vendor == "postgresql" else 3
    crashes: list[BaseException] = []
    for round_ in range(rounds):
        barrier = threading.Barrier(2)
        arguments = (complaint.pk, f"race:{round_}", barrier, crashes)
        threads = [threading.Thread(target=_send, args=arguments) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert not any(thread.is_alive() for thread in threads), "a thread hung"
    assert crashes == []
    progress = Notice.objects.filter(complaint=complaint, kind=NoticeKind.PROGRESS)
    assert progress.count() == 2 * rounds  # email and SMS, once each per round
    assert OutboxMessage.objects.count() == 2 * rounds + 2  # and the acknowledgements
    notices = complaint.events.filter(action=Action.NOTICE, data__kind=NoticeKind.PROGRESS)
    assert notices.count() == 2 * rounds
