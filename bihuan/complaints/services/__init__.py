"""The workflow services: one per domain verb, called by every entry point."""

from .accept import complaint_accept, complaint_reject
from .approve import complaint_approve, complaint_refuse_solution
from .assign import complaint_assign, complaint_comment
from .attachments import complaint_attach
from .close import complaint_close
from .complainant import complaint_rate_by_complainant, complaint_supplement
from .dispatch import complaint_dispatch, complaint_return
from .escalate import complaint_escalate, complaint_form_task_group
from .extend import complaint_decide_extension, complaint_request_extension
from .follow_up import complaint_follow_up
from .handle import complaint_resolve, complaint_resolve_on_the_spot, complaint_start_handling
from .investigate import complaint_start_investigation, complaint_submit_report
from .pause import complaint_pause, complaint_resume
from .propose import CompensationInput, complaint_propose
from .rate import complaint_rate, complaint_reopen
from .register import ComplainantInput, ConsentInput, OnTheSpotInput, complaint_register
from .reply import complaint_reply

__all__ = [
    "CompensationInput",
    "ComplainantInput",
    "ConsentInput",
    "OnTheSpotInput",
    "complaint_accept",
    "complaint_approve",
    "complaint_assign",
    "complaint_attach",
    "complaint_close",
    "complaint_comment",
    "complaint_decide_extension",
    "complaint_dispatch",
    "complaint_escalate",
    "complaint_follow_up",
    "complaint_form_task_group",
    "complaint_pause",
    "complaint_propose",
    "complaint_rate",
    "complaint_rate_by_complainant",
    "complaint_refuse_solution",
    "complaint_register",
    "complaint_reject",
    "complaint_reopen",
    "complaint_reply",
    "complaint_request_extension",
    "complaint_resolve",
    "complaint_resolve_on_the_spot",
    "complaint_resume",
    "complaint_return",
    "complaint_start_handling",
    "complaint_start_investigation",
    "complaint_submit_report",
    "complaint_supplement",
]
