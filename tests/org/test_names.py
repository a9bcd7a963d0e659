from django.contrib.auth.models import User

from bihuan.org.names import person_name


def test_a_chinese_name_is_written_family_name_first_without_a_space() -> None:
    assert person_name(User(username="clerk", first_name="晓雯", last_name="王")) == "王晓雯"


def test_a_latin_name_is_written_given_name_first() -> None:
    assert person_name(User(username="x", first_name="Mei", last_name="Chan")) == "Mei Chan"


def test_a_user_without_a_name_is_shown_by_username() -> None:
    assert person_name(User(username="clerk2")) == "clerk2"
