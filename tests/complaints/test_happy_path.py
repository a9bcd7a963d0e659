from bihuan.complaints.choices import Action, Status
from bihuan.complaints.services import complaint_close, complaint_follow_up

from ..personas import Museum, advance, register


def test_a_complaint_goes_round_the_whole_loop_and_every_step_is_on_the_timeline(
    museum: Museum,
) -> None:
    complaint = register(museum)
    advance(museum, complaint, Status.SATISFIED)
    complaint_follow_up(
        actor=museum.actor(museum.supervisor),
        complaint=complaint,
        method="phone",
        outcome="confirmed",
    )
    complaint_close(actor=museum.actor(museum.supervisor), complaint=complaint)
    complaint.refresh_from_db()

    assert complaint.status == Status.ARCHIVED
    assert complaint.archived_at is not None
    actions = list(complaint.events.values_list("action", flat=True))
    assert actions == [
        Action.REGISTER,
        Action.ACCEPT,
        Action.DISPATCH,
        Action.INVESTIGATE,
        Action.REPORT,
        Action.PROPOSE,
        Action.APPROVE,
        Action.HANDLE,
        Action.RESOLVE,
        Action.REPLY,
        Action.RATE,
        Action.FOLLOW_UP,
        Action.CLOSE,
    ]
