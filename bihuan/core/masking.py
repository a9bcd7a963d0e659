"""Masking of personal data for lists and exports."""


def mask_phone(phone: str) -> str:
    """138****1234 for a mainland mobile; keep the first 3 and last 4 digits of anything long."""
    digits = phone.strip()
    if len(digits) <= 4:
        return "*" * len(digits)
    if len(digits) < 8:
        return "*" * (len(digits) - 4) + digits[-4:]
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_email(email: str) -> str:
    local, at, domain = email.partition("@")
    if not at:
        return mask_phone(email)
    return (local[:1] + "***" if local else "***") + "@" + domain
