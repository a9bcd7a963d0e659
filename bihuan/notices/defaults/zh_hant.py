"""Default notices in Traditional Chinese."""

from ..choices import NoticeKind as K

_DEAR = "{% if complainant_name %}尊敬的{{ complainant_name }}{% else %}尊敬的投訴人{% endif %}："
_LOOKUP = "查詢時請輸入投訴編號，以及您登記的手機號碼後四位或電子郵件地址。"
_SIGN = "\n\n{{ organisation }}\n{{ today }}\n"
_DUE = "{% if deadline %}我們預計在{{ deadline }}前給您答覆。{% endif %}"
_STEP = (
    '{% if progress_step == "dispatch" %}已轉交責任部門調查處理。'
    '{% elif progress_step == "handle" %}處理方案已經確定，正在落實。'
    '{% elif progress_step == "reopen" %}根據您的意見，我們已重新啟動處理，'
    "相關部門將再次核查並答覆您。"
    "{% else %}正在處理中。{% endif %}"
)

EMAIL: dict[str, tuple[str, str]] = {
    K.ACKNOWLEDGEMENT: (
        "我們已收到您的投訴（投訴編號 {{ tracking_code }}）",
        _DEAR + "\n\n"
        "您好！我們已於{{ received_date }}收到您的投訴"
        "{% if category %}（{{ category }}）{% endif %}，"
        "投訴編號為：{{ tracking_code }}。請妥善保存此編號，查詢進度、補充資料時都需要用到。\n\n"
        "我們會盡快審核是否受理，並及時告知您處理進展。您可隨時在以下頁面查詢進度：\n"
        "{{ status_url }}\n" + _LOOKUP + _SIGN,
    ),
    K.ACCEPTED: (
        "您的投訴已受理（投訴編號 {{ tracking_code }}）",
        _DEAR + "\n\n"
        "您好！您於{{ received_date }}提出的投訴（編號 {{ tracking_code }}）已正式受理，"
        "我們正在安排責任部門調查處理。" + _DUE + "\n\n"
        "處理過程中如有進展，我們會及時告知您。您也可隨時查詢進度或補充資料：\n"
        "{{ status_url }}\n" + _LOOKUP + _SIGN,
    ),
    K.REJECTED: (
        "關於您的投訴的受理結果（投訴編號 {{ tracking_code }}）",
        _DEAR + "\n\n"
        "您好！您於{{ received_date }}提出的投訴（編號 {{ tracking_code }}），"
        "經認真審核，我們決定不予受理。"
        "{% if reason %}\n\n原因如下：\n{{ reason }}{% endif %}\n\n"
        "如您對此有疑問，或有新的情況需要說明，歡迎與我們聯繫。感謝您的理解。\n\n"
        "投訴記錄可在以下頁面查看：\n{{ status_url }}\n" + _LOOKUP + _SIGN,
    ),
    K.PROGRESS: (
        "投訴處理進展（投訴編號 {{ tracking_code }}）",
        _DEAR + "\n\n"
        "您好！您的投訴（編號 {{ tracking_code }}）有新的進展：" + _STEP + _DUE + "\n\n"
        "查詢進度或補充資料：\n{{ status_url }}\n" + _LOOKUP + _SIGN,
    ),
    K.RESULT: (
        "處理結果通知書（投訴編號 {{ tracking_code }}）",
        "處理結果通知書\n\n"
        "投訴編號：{{ tracking_code }}\n\n" + _DEAR + "\n\n"
        "您於{{ received_date }}向本單位提出的投訴"
        "{% if category %}（{{ category }}）{% endif %}，"
        "經調查核實，現已處理完畢。現將處理結果通知如下：\n\n"
        "{{ reply_text }}\n\n"
        "如您對上述處理結果有異議，請在以下頁面告訴我們，我們將重新處理並再次答覆您：\n"
        "{{ status_url }}\n\n"
        "感謝您對我們工作的監督與支持。\n\n"
        "特此通知。" + _SIGN,
    ),
    K.SATISFACTION: (
        "請評價我們的處理結果（投訴編號 {{ tracking_code }}）",
        _DEAR + "\n\n"
        "您好！關於您的投訴（編號 {{ tracking_code }}），我們已將處理結果告知您。"
        "您對處理結果是否滿意？請在以下頁面選擇「滿意」「基本滿意」或「不滿意」，並可留下您的意見：\n"
        "{{ status_url }}\n" + _LOOKUP + "\n\n"
        "如您不滿意，請寫明原因，我們將重新處理。" + _SIGN,
    ),
    K.SURVEY: (
        "投訴回訪（投訴編號 {{ tracking_code }}）",
        _DEAR + "\n\n"
        "您好！感謝您對投訴（編號 {{ tracking_code }}）處理結果的回饋。"
        "為持續改進服務，我們誠邀您花一兩分鐘告訴我們：問題是否已經徹底解決？"
        "您對我們的整體服務還有哪些意見和建議？\n"
        "{{ status_url }}\n" + _LOOKUP + "\n\n"
        "您的每一條意見，我們都會認真對待。" + _SIGN,
    ),
}

SMS: dict[str, str] = {
    K.ACKNOWLEDGEMENT: (
        "{{ organisation }}：您的投訴已收到，投訴編號{{ tracking_code }}，請妥善保存。"
        "查詢進度：{{ status_url }}"
    ),
    K.ACCEPTED: (
        "{{ organisation }}：您的投訴（編號{{ tracking_code }}）已受理，正在處理。"
        "{% if deadline %}預計{{ deadline }}前答覆。{% endif %}查詢進度：{{ status_url }}"
    ),
    K.REJECTED: (
        "{{ organisation }}：您的投訴（編號{{ tracking_code }}）經審核不予受理。"
        "{% if reason %}原因：{{ reason|truncatechars:60 }}{% endif %}"
        "詳情：{{ status_url }}"
    ),
    K.PROGRESS: (
        "{{ organisation }}：您的投訴（編號{{ tracking_code }}）有新進展："
        + _STEP
        + "查詢進度：{{ status_url }}"
    ),
    K.RESULT: (
        "{{ organisation }}：您的投訴（編號{{ tracking_code }}）已處理完畢。"
        "處理結果：{{ reply_text|truncatechars:60 }} 詳情：{{ status_url }}"
    ),
    K.SATISFACTION: (
        "{{ organisation }}：您對投訴（編號{{ tracking_code }}）的處理結果是否滿意？"
        "請點擊評價：{{ status_url }}"
    ),
    K.SURVEY: (
        "{{ organisation }}：感謝您的回饋。問題是否已徹底解決？"
        "誠邀您參與投訴（編號{{ tracking_code }}）回訪：{{ status_url }}"
    ),
}

WECHAT: dict[str, tuple[str, str]] = {
    K.ACKNOWLEDGEMENT: ("我們已收到您的投訴", "請妥善保存投訴編號，點擊查看處理進度。"),
    K.ACCEPTED: (
        "您的投訴已受理",
        "我們正在安排責任部門處理。{% if deadline %}預計{{ deadline }}前答覆。{% endif %}",
    ),
    K.REJECTED: (
        "您的投訴經審核不予受理",
        "{% if reason %}原因：{{ reason|truncatechars:100 }}{% endif %}",
    ),
    K.PROGRESS: ("您的投訴有新的進展", _STEP),
    K.RESULT: ("您的投訴已處理完畢", "點擊查看處理結果通知書。"),
    K.SATISFACTION: ("請評價我們的處理結果", "您對處理結果是否滿意？點擊評價。"),
    K.SURVEY: ("投訴回訪", "問題是否已徹底解決？點擊參與回訪，提出您的意見和建議。"),
}
