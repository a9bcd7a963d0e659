"""Default notices in English."""

from ..choices import NoticeKind as K

_DEAR = "Dear {% firstof complainant_name 'complainant' %},"
_LOOKUP = (
    "To look it up, enter the tracking code with the last four digits of the phone number "
    "or the email address you gave us."
)
_SIGN = "\n\nYours sincerely,\n{{ organisation }}\n{{ today }}\n"
_DUE = "{% if deadline %} We expect to give you our answer by {{ deadline }}.{% endif %}"
_STEP = (
    '{% if progress_step == "dispatch" %}it has been passed to the department responsible, '
    "which is now looking into it."
    '{% elif progress_step == "handle" %}a solution has been agreed and is being carried out.'
    '{% elif progress_step == "reopen" %}following your comments, we have reopened it; '
    "the department responsible will look into it again and reply to you."
    "{% else %}it is being handled.{% endif %}"
)

EMAIL: dict[str, tuple[str, str]] = {
    K.ACKNOWLEDGEMENT: (
        "We have received your complaint (tracking code {{ tracking_code }})",
        _DEAR + "\n\n"
        "Thank you for contacting us. We received your complaint"
        "{% if category %} ({{ category }}){% endif %} on {{ received_date }}. "
        "Your tracking code is {{ tracking_code }}: please keep it, as you will need it "
        "to follow your complaint or to add information.\n\n"
        "We will decide shortly whether we can take it on and keep you informed of its "
        "progress. You can follow it at any time here:\n"
        "{{ status_url }}\n" + _LOOKUP + _SIGN,
    ),
    K.ACCEPTED: (
        "Your complaint has been accepted (tracking code {{ tracking_code }})",
        _DEAR + "\n\n"
        "The complaint you made on {{ received_date }} (tracking code {{ tracking_code }}) "
        "has been accepted, and we are passing it to the department responsible." + _DUE + "\n\n"
        "We will let you know as it progresses. You can also follow it or add information "
        "here:\n{{ status_url }}\n" + _LOOKUP + _SIGN,
    ),
    K.REJECTED: (
        "About your complaint (tracking code {{ tracking_code }})",
        _DEAR + "\n\n"
        "We have carefully considered the complaint you made on {{ received_date }} "
        "(tracking code {{ tracking_code }}) and regret that we are unable to take it on."
        "{% if reason %}\n\nThe reason is as follows:\n{{ reason }}{% endif %}\n\n"
        "If you have any questions, or new information to give us, please contact us. "
        "Thank you for your understanding.\n\n"
        "You can see the record of your complaint here:\n{{ status_url }}\n" + _LOOKUP + _SIGN,
    ),
    K.PROGRESS: (
        "Progress on your complaint (tracking code {{ tracking_code }})",
        _DEAR + "\n\n"
        "There is news about your complaint (tracking code {{ tracking_code }}): "
        + _STEP
        + _DUE
        + "\n\n"
        "Follow it or add information here:\n{{ status_url }}\n" + _LOOKUP + _SIGN,
    ),
    K.RESULT: (
        "Notice of the result of your complaint (tracking code {{ tracking_code }})",
        "NOTICE OF THE RESULT OF YOUR COMPLAINT\n\n"
        "Tracking code: {{ tracking_code }}\n\n" + _DEAR + "\n\n"
        "We have investigated the complaint"
        "{% if category %} ({{ category }}){% endif %} you made to us on {{ received_date }} "
        "and have completed our handling of it. We hereby inform you of the result:\n\n"
        "{{ reply_text }}\n\n"
        "If you disagree with this result, please tell us on the page below; we will "
        "handle your complaint again and reply to you once more:\n"
        "{{ status_url }}\n\n"
        "Thank you for helping us to improve our service." + _SIGN,
    ),
    K.SATISFACTION: (
        "Are you satisfied with our answer? (tracking code {{ tracking_code }})",
        _DEAR + "\n\n"
        "We have told you the result of your complaint (tracking code {{ tracking_code }}). "
        "Are you satisfied with it? Please tell us on the page below: satisfied, basically "
        "satisfied or dissatisfied, with any comments you wish to add.\n"
        "{{ status_url }}\n" + _LOOKUP + "\n\n"
        "If you are not satisfied, please tell us why and we will handle it again." + _SIGN,
    ),
    K.SURVEY: (
        "A follow-up on your complaint (tracking code {{ tracking_code }})",
        _DEAR + "\n\n"
        "Thank you for letting us know what you thought of the result of your complaint "
        "(tracking code {{ tracking_code }}). To keep improving our service, we would be "
        "grateful for a minute or two of your time: has the problem been solved for good, "
        "and do you have any comments or suggestions about our service?\n"
        "{{ status_url }}\n" + _LOOKUP + "\n\n"
        "We read every comment carefully." + _SIGN,
    ),
}

SMS: dict[str, str] = {
    K.ACKNOWLEDGEMENT: (
        "{{ organisation }}: we have received your complaint. Tracking code "
        "{{ tracking_code }}; please keep it. Follow it here: {{ status_url }}"
    ),
    K.ACCEPTED: (
        "{{ organisation }}: your complaint {{ tracking_code }} has been accepted."
        "{% if deadline %} We expect to answer by {{ deadline }}.{% endif %}"
        " Follow it here: {{ status_url }}"
    ),
    K.REJECTED: (
        "{{ organisation }}: we are unable to take on your complaint {{ tracking_code }}."
        "{% if reason %} Reason: {{ reason|truncatechars:80 }}{% endif %}"
        " Details: {{ status_url }}"
    ),
    K.PROGRESS: (
        "{{ organisation }}: news about your complaint {{ tracking_code }}: "
        + _STEP
        + " Follow it here: {{ status_url }}"
    ),
    K.RESULT: (
        "{{ organisation }}: we have finished handling your complaint {{ tracking_code }}. "
        "Result: {{ reply_text|truncatechars:80 }} Details: {{ status_url }}"
    ),
    K.SATISFACTION: (
        "{{ organisation }}: are you satisfied with our answer to your complaint "
        "{{ tracking_code }}? Tell us here: {{ status_url }}"
    ),
    K.SURVEY: (
        "{{ organisation }}: thank you for your feedback. Has the problem been solved for "
        "good? Tell us about complaint {{ tracking_code }} here: {{ status_url }}"
    ),
}

WECHAT: dict[str, tuple[str, str]] = {
    K.ACKNOWLEDGEMENT: (
        "We have received your complaint",
        "Please keep your tracking code. Tap to follow your complaint.",
    ),
    K.ACCEPTED: (
        "Your complaint has been accepted",
        "It is being passed to the department responsible."
        "{% if deadline %} We expect to answer by {{ deadline }}.{% endif %}",
    ),
    K.REJECTED: (
        "We are unable to take on your complaint",
        "{% if reason %}Reason: {{ reason|truncatechars:100 }}{% endif %}",
    ),
    K.PROGRESS: ("There is news about your complaint", "Your complaint: " + _STEP),
    K.RESULT: (
        "We have finished handling your complaint",
        "Tap to read the notice of the result.",
    ),
    K.SATISFACTION: ("Are you satisfied with our answer?", "Tap to tell us."),
    K.SURVEY: (
        "A follow-up on your complaint",
        "Has the problem been solved for good? Tap to give us your comments.",
    ),
}
