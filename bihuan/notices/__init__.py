"""Notices to complainants: acknowledgement, progress, result notice and surveys, by
email, SMS and WeChat."""
