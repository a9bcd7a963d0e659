"""Tracking codes: unique, readable aloud, and a mistyped code is caught by its check symbol."""

from __future__ import annotations

import re

import pytest

from bihuan.core.tracking import ALPHABET, new_tracking_code, normalise_tracking_code

SHAPE = re.compile(rf"^[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}-[{ALPHABET}]{{2}}$")


def _raw(code: str) -> str:
    return code.replace("-", "")


def test_codes_are_unique_over_many_draws() -> None:
    codes = [new_tracking_code() for _ in range(50_000)]

    assert len(set(codes)) == len(codes)


def test_a_code_has_the_shape_read_over_the_phone() -> None:
    for _ in range(1_000):
        code = new_tracking_code()
        assert SHAPE.match(code), code


def test_the_alphabet_has_no_look_alikes() -> None:
    assert len(ALPHABET) == len(set(ALPHABET)) == 29
    assert not set(ALPHABET) & set("01OILUV")


def test_a_fresh_code_is_its_own_canonical_form() -> None:
    for _ in range(1_000):
        code = new_tracking_code()
        assert normalise_tracking_code(code) == code


@pytest.mark.parametrize(
    "typed",
    [
        lambda c: c.lower(),
        lambda c: _raw(c),
        lambda c: _raw(c).lower(),
        lambda c: " ".join(_raw(c)),
        lambda c: f"  {c.replace('-', ' ')}  ",
        lambda c: c.replace("-", "—").replace("—", "-", 1),
        lambda c: "-".join(_raw(c)[i : i + 2] for i in range(0, 10, 2)),
        lambda c: c.replace("-", "\t"),
    ],
    ids=[
        "lowercase",
        "no dashes",
        "lowercase no dashes",
        "spaced",
        "padded",
        "long dash",
        "pairs",
        "tabs",
    ],
)
def test_a_code_typed_loosely_is_recognised(typed: object) -> None:
    for _ in range(200):
        code = new_tracking_code()
        assert normalise_tracking_code(typed(code)) == code  # type: ignore[operator]


def test_any_one_mistyped_symbol_is_caught_by_the_check_symbol() -> None:
    for _ in range(50):
        raw = _raw(new_tracking_code())
        for position in range(len(raw)):
            for symbol in ALPHABET:
                if symbol == raw[position]:
                    continue
                typo = raw[:position] + symbol + raw[position + 1 :]
                assert normalise_tracking_code(typo) is None, (raw, typo)


def test_two_swapped_neighbours_in_the_body_are_caught() -> None:
    for _ in range(200):
        raw = _raw(new_tracking_code())
        for position in range(8):
            a, b = raw[position], raw[position + 1]
            if a == b:
                continue
            swapped = raw[:position] + b + a + raw[position + 2 :]
            assert normalise_tracking_code(swapped) is None, (raw, swapped)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "-", "ABCD-EFGH-J", "ABCD-EFGH-JKL", "0000-0000-00", "OIL1-UV23-45", "展厅-投诉"],
)
def test_text_that_cannot_be_a_code_is_refused(text: str) -> None:
    assert normalise_tracking_code(text) is None


def test_look_alike_characters_are_not_silently_accepted() -> None:
    raw = _raw(new_tracking_code())
    for look_alike in "01OILUV":
        assert normalise_tracking_code(look_alike + raw[1:]) is None
