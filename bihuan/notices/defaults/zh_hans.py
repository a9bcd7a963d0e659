"""Default notices in Simplified Chinese."""

from ..choices import NoticeKind as K

_DEAR = "{% if complainant_name %}尊敬的{{ complainant_name }}{% else %}尊敬的投诉人{% endif %}："
_LOOKUP = "查询时请输入投诉编号，以及您登记的手机号码后四位或电子邮箱。"
_SIGN = "\n\n{{ organisation }}\n{{ today }}\n"
_DUE = "{% if deadline %}我们预计在{{ deadline }}前给您答复。{% endif %}"
_STEP = (
    '{% if progress_step == "dispatch" %}已转交责任部门调查处理。'
    '{% elif progress_step == "handle" %}处理方案已经确定，正在落实。'
    '{% elif progress_step == "reopen" %}根据您的意见，我们已重新启动处理，'
    "相关部门将再次核查并答复您。"
    "{% else %}正在处理中。{% endif %}"
)

EMAIL: dict[str, tuple[str, str]] = {
    K.ACKNOWLEDGEMENT: (
        "我们已收到您的投诉（投诉编号 {{ tracking_code }}）",
        _DEAR + "\n\n"
        "您好！我们已于{{ received_date }}收到您的投诉"
        "{% if category %}（{{ category }}）{% endif %}，"
        "投诉编号为：{{ tracking_code }}。请妥善保存此编号，查询进度、补充材料时都需要用到。\n\n"
        "我们会尽快审核是否受理，并及时告知您处理进展。您可随时在以下页面查询进度：\n"
        "{{ status_url }}\n" + _LOOKUP + _SIGN,
    ),
    K.ACCEPTED: (
        "您的投诉已受理（投诉编号 {{ tracking_code }}）",
        _DEAR + "\n\n"
        "您好！您于{{ received_date }}提出的投诉（编号 {{ tracking_code }}）已正式受理，"
        "我们正在安排责任部门调查处理。" + _DUE + "\n\n"
        "处理过程中如有进展，我们会及时告知您。您也可随时查询进度或补充材料：\n"
        "{{ status_url }}\n" + _LOOKUP + _SIGN,
    ),
    K.REJECTED: (
        "关于您的投诉的受理结果（投诉编号 {{ tracking_code }}）",
        _DEAR + "\n\n"
        "您好！您于{{ received_date }}提出的投诉（编号 {{ tracking_code }}），"
        "经认真审核，我们决定不予受理。"
        "{% if reason %}\n\n原因如下：\n{{ reason }}{% endif %}\n\n"
        "如您对此有疑问，或有新的情况需要说明，欢迎与我们联系。感谢您的理解。\n\n"
        "投诉记录可在以下页面查看：\n{{ status_url }}\n" + _LOOKUP + _SIGN,
    ),
    K.PROGRESS: (
        "投诉处理进展（投诉编号 {{ tracking_code }}）",
        _DEAR + "\n\n"
        "您好！您的投诉（编号 {{ tracking_code }}）有新的进展：" + _STEP + _DUE + "\n\n"
        "查询进度或补充材料：\n{{ status_url }}\n" + _LOOKUP + _SIGN,
    ),
    K.RESULT: (
        "处理结果通知书（投诉编号 {{ tracking_code }}）",
        "处理结果通知书\n\n"
        "投诉编号：{{ tracking_code }}\n\n" + _DEAR + "\n\n"
        "您于{{ received_date }}向我单位提出的投诉"
        "{% if category %}（{{ category }}）{% endif %}，"
        "经调查核实，现已处理完毕。现将处理结果通知如下：\n\n"
        "{{ reply_text }}\n\n"
        "如您对上述处理结果有异议，请在以下页面告诉我们，我们将重新处理并再次答复您：\n"
        "{{ status_url }}\n\n"
        "感谢您对我们工作的监督与支持。\n\n"
        "特此通知。" + _SIGN,
    ),
    K.SATISFACTION: (
        "请评价我们的处理结果（投诉编号 {{ tracking_code }}）",
        _DEAR + "\n\n"
        "您好！关于您的投诉（编号 {{ tracking_code }}），我们已将处理结果告知您。"
        "您对处理结果是否满意？请在以下页面选择“满意”“基本满意”或“不满意”，并可留下您的意见：\n"
        "{{ status_url }}\n" + _LOOKUP + "\n\n"
        "如您不满意，请写明原因，我们将重新处理。" + _SIGN,
    ),
    K.SURVEY: (
        "投诉回访（投诉编号 {{ tracking_code }}）",
        _DEAR + "\n\n"
        "您好！感谢您对投诉（编号 {{ tracking_code }}）处理结果的反馈。"
        "为持续改进服务，我们诚邀您花一两分钟告诉我们：问题是否已经彻底解决？"
        "您对我们的整体服务还有哪些意见和建议？\n"
        "{{ status_url }}\n" + _LOOKUP + "\n\n"
        "您的每一条意见，我们都会认真对待。" + _SIGN,
    ),
}

SMS: dict[str, str] = {
    K.ACKNOWLEDGEMENT: (
        "{{ organisation }}：您的投诉已收到，投诉编号{{ tracking_code }}，请妥善保存。"
        "查询进度：{{ status_url }}"
    ),
    K.ACCEPTED: (
        "{{ organisation }}：您的投诉（编号{{ tracking_code }}）已受理，正在处理。"
        "{% if deadline %}预计{{ deadline }}前答复。{% endif %}查询进度：{{ status_url }}"
    ),
    K.REJECTED: (
        "{{ organisation }}：您的投诉（编号{{ tracking_code }}）经审核不予受理。"
        "{% if reason %}原因：{{ reason|truncatechars:60 }}{% endif %}"
        "详情：{{ status_url }}"
    ),
    K.PROGRESS: (
        "{{ organisation }}：您的投诉（编号{{ tracking_code }}）有新进展："
        + _STEP
        + "查询进度：{{ status_url }}"
    ),
    K.RESULT: (
        "{{ organisation }}：您的投诉（编号{{ tracking_code }}）已处理完毕。"
        "处理结果：{{ reply_text|truncatechars:60 }} 详情：{{ status_url }}"
    ),
    K.SATISFACTION: (
        "{{ organisation }}：您对投诉（编号{{ tracking_code }}）的处理结果是否满意？"
        "请点击评价：{{ status_url }}"
    ),
    K.SURVEY: (
        "{{ organisation }}：感谢您的反馈。问题是否已彻底解决？"
        "诚邀您参与投诉（编号{{ tracking_code }}）回访：{{ status_url }}"
    ),
}

WECHAT: dict[str, tuple[str, str]] = {
    K.ACKNOWLEDGEMENT: ("我们已收到您的投诉", "请妥善保存投诉编号，点击查看处理进度。"),
    K.ACCEPTED: (
        "您的投诉已受理",
        "我们正在安排责任部门处理。{% if deadline %}预计{{ deadline }}前答复。{% endif %}",
    ),
    K.REJECTED: (
        "您的投诉经审核不予受理",
        "{% if reason %}原因：{{ reason|truncatechars:100 }}{% endif %}",
    ),
    K.PROGRESS: ("您的投诉有新的进展", _STEP),
    K.RESULT: ("您的投诉已处理完毕", "点击查看处理结果通知书。"),
    K.SATISFACTION: ("请评价我们的处理结果", "您对处理结果是否满意？点击评价。"),
    K.SURVEY: ("投诉回访", "问题是否已彻底解决？点击参与回访，提出您的意见和建议。"),
}
