"""Notifications: the staff notification centre, and the outbox that delivers mail
(and later SMS and WeChat messages)."""
