"""The demo complainants: names and 139… phone numbers drawn from the seed, some returning."""

from __future__ import annotations

import random
from dataclasses import dataclass

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡杜叶程苏魏"
    "吕丁沈姚卢姜钟谭陆汪范金石廖贾夏方白邹孟熊秦邱江尹薛段雷侯龙史陶贺顾毛郝龚邵万钱严武戴孔汤"
)
GIVEN_NAMES = (
    *("伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟"),
    *("涛", "明", "超", "秀兰", "霞", "平", "刚", "子涵", "浩宇", "欣怡", "梓轩", "雨桐", "一诺"),
    *("思源", "建华", "晓燕", "国强", "海燕", "志明", "婷婷", "丹", "文博", "佳琪", "嘉怡", "春梅"),
    *("立新", "慧", "宏伟", "雪梅"),
)
EMAIL_NAMES = ("zhang", "li", "wang", "chen", "liu", "yang", "zhao", "sunny", "lucky", "mama")


@dataclass
class Person:
    name: str
    phone: str
    email: str = ""
    language: str = "zh-hans"
    card: str = ""


class People:
    """The complainants, drawn from the seed; about one in six comes back with another complaint."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.known: list[Person] = []

    def next(self) -> Person:
        rng = self.rng
        if self.known and rng.random() < 0.17:
            return rng.choice(self.known[-60:])
        surname = rng.choice(SURNAMES)
        name = (
            surname + rng.choice(GIVEN_NAMES)
            if rng.random() < 0.6
            else surname + rng.choice(("先生", "女士"))
        )
        person = Person(name=name, phone="139" + "".join(rng.choices("0123456789", k=8)))
        person.email = f"{rng.choice(EMAIL_NAMES)}{rng.randint(10, 999)}@example.com"
        person.language = rng.choices(("zh-hans", "zh-hant", "en"), weights=(92, 5, 3))[0]
        if rng.random() < 0.1:  # holders of the museum's annual card (年卡)
            person.card = f"NK{rng.randint(2023, 2025)}{rng.randint(0, 999999):06d}"
        self.known.append(person)
        return person
