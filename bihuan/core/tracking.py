"""Tracking codes: unguessable, yet easy to read aloud over the phone.

Nine random symbols from a 29-symbol alphabet without look-alikes (no 0/O, 1/I/L, U/V)
give 29**9 ≈ 1.5·10^13 codes; a tenth symbol is a check character (weighted sum mod 29),
so a mistyped code is caught before any look-up. Shown as ``7K4M-9QXR-2B``.
"""

import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"  # 29 symbols: also drops 'V' (heard as 'B')
_RANDOM_LENGTH = 9


def _check_symbol(body: str) -> str:
    total = sum((index + 1) * ALPHABET.index(symbol) for index, symbol in enumerate(body))
    return ALPHABET[total % len(ALPHABET)]


def new_tracking_code() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(_RANDOM_LENGTH))
    raw = body + _check_symbol(body)
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalise_tracking_code(text: str) -> str | None:
    """Return the canonical form of a typed code, or None if it cannot be one."""
    raw = "".join(ch for ch in text.upper() if ch.isalnum())
    if len(raw) != _RANDOM_LENGTH + 1 or any(ch not in ALPHABET for ch in raw):
        return None
    if _check_symbol(raw[:-1]) != raw[-1]:
        return None
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"
