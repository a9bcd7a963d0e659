"""Masking of personal data: enough to recognise a number, never enough to call it."""

from __future__ import annotations

import pytest

from bihuan.core.masking import mask_email, mask_phone


def test_a_mainland_mobile_keeps_its_first_three_and_last_four_digits() -> None:
    assert mask_phone("13812341234") == "138****1234"


def test_surrounding_spaces_do_not_leak_into_the_mask() -> None:
    assert mask_phone(" 13812341234 ") == "138****1234"


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("", ""),
        ("1234", "****"),
        ("12345", "*2345"),
        ("1234567", "***4567"),
        ("12345678", "123*5678"),
        ("02161234567", "021****4567"),
        ("+8613812341234", "+86*******1234"),
    ],
)
def test_short_and_long_numbers_hide_everything_but_the_last_four(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


@pytest.mark.parametrize("phone", ["13812341234", "02161234567", "+8613812341234", "12345678"])
def test_a_mask_keeps_the_length_and_hides_the_middle(phone: str) -> None:
    masked = mask_phone(phone)

    assert len(masked) == len(phone)
    assert masked.endswith(phone[-4:])
    assert set(masked[3:-4]) == {"*"}


@pytest.mark.parametrize(
    ("email", "masked"),
    [
        ("zhangsan@example.com", "z***@example.com"),
        ("a@example.com", "a***@example.com"),
        ("@example.com", "***@example.com"),
    ],
)
def test_an_email_shows_its_first_letter_and_its_domain(email: str, masked: str) -> None:
    assert mask_email(email) == masked


def test_an_email_without_at_sign_is_masked_like_a_number() -> None:
    assert mask_email("13812341234") == "138****1234"
