"""Notices to complainants: acknowledgement, progress, result notice and surveys, by
email, SMS and WeChat.

How it fits together:

* :mod:`.triggers` — the receiver of ``complaints.signals.event_recorded`` and the table of
  which event sends which notice (register → acknowledgement with the tracking code,
  accept → accepted, reject → rejected with the reason, dispatch/handle/reopen →
  progress, reply → result notice 《处理结果通知书》 and satisfaction request, a rating that
  is not "dissatisfied" → follow-up survey 回访).
* :mod:`.services` — ``notice_send`` renders the notice in the complainant's preferred
  language for each channel they can be reached on (email address, phone, a WeChat
  openid in :class:`~.models.WechatContact`), queues it in the outbox inside the event's
  transaction, and records a NOTICE event. A notice goes once per (complaint, kind, stage
  occurrence, channel). Anonymous complainants without a contact get nothing.
* :mod:`.rendering` — the documented template variables and the checks on templates;
  :mod:`.context` fills them from the public view of the complaint only.
* :mod:`.defaults` — the shipped texts (zh-Hans, zh-Hant, en), used unless an active
  :class:`~.models.NoticeTemplate` in the admin replaces one; ``manage.py
  notice_templates`` copies them into the admin.
* :mod:`.providers` — SMS and WeChat provider plugins, called by the outbox transports
  ``sms`` and ``wechat`` (``bihuan.notifications.transports``); :mod:`.mail` gives the
  email transport each notice's Message-ID (with the signed complaint reference).

Settings: ``config/settings/apps/notices.py``.
"""
