"""The parser on the corpus: charsets, encoded headers and names, structure, automatic mail."""

from __future__ import annotations

import pytest

from bihuan.mailin.language import guess_language
from bihuan.mailin.parsing import ParseError, parse_message

from .corpus import corpus_names, load

# name: (sender address, sender name, subject, words in the text, charset read)
DECODED = {
    "utf8-plain.eml": (
        "zhangwei@mail.example",
        "张伟",
        "展厅空调太冷",
        "老人和孩子都冻得发抖",
        "utf-8",
    ),
    "gbk-base64.eml": ("wangzhe@mail.example", "王喆", "售票处多收费", "多收了我二十元", "gb18030"),
    "gb18030-qp.eml": ("lij@mail.example", "李𠮷", "餐厅菜里有头发", "我叫李𠮷", "gb18030"),
    "big5.eml": (
        "chen@mail.example.tw",
        "陳志明",
        "導覽員態度不佳",
        "導覽員講解錯誤很多",
        "big5hkscs",
    ),
    "gb2312-mislabelled.eml": (
        "zhukun@mail.example",
        "朱堃",
        "停车场车辆被刮",
        "朱镕的家属",
        "gb18030",
    ),
    "gb18030-in-gb2312-label.eml": ("liu@mail.example", "Liu", "Lost property", "刘𠮷", "gb18030"),
    "unlabelled-gbk.eml": (
        "zhao@mail.example",
        "zhao",
        "complaint about toilets",
        "洗手间没有纸巾",
        "gb18030",
    ),
    "english-qp.eml": (
        "anna.smith@mail.example",
        "Smith, Anna",
        "Wheelchair access at the east entrance",
        "the ramp at the east entrance was blocked by a delivery van for the whole morning",
        "utf-8",
    ),
    "rfc2047-headers.eml": (
        "sunli@mail.example",
        "孙丽",
        "儿童区设施损坏",
        "滑梯有一块板子松了",
        "utf-8",
    ),
    "rfc2047-broken.eml": ("zhoumin@mail.example", "周敏", "讲解太快", "听不清楚", "utf-8"),
    "raw-8bit-headers.eml": ("wugang@mail.example", "吴刚", "寄存柜坏了", "十二号打不开", "utf-8"),
    "crlf-outlook.eml": ("qianfang@mail.example", "钱芳", "讲解器押金未退", "押金五十元", "utf-8"),
    "alternative.eml": ("huang@mail.example", "Huang", "咖啡厅服务差", "（纯文本）", "utf-8"),
    "utf8-label-gbk-body.eml": (
        "shen@mail.example",
        "Shen",
        "存包处丢失物品",
        "把我的雨伞弄丢了",
        "gb18030",
    ),
    "zh-hant-utf8.eml": ("wong@mail.example.hk", "黃美玲", "兒童區設施損壞", "請盡快處理", "utf-8"),
    "broken-base64-body.eml": ("lu@mail.example", "Lu", "讲解器没电", "换了两次都不行", "utf-8"),
    "forwarded-inline.eml": (
        "guo@mail.example",
        "Guo",
        "Fw: 投诉：讲座取消没有通知",
        "没有任何短信或邮件通知",
        "utf-8",
    ),
}


@pytest.mark.parametrize("name", sorted(DECODED))
def test_headers_and_body_are_decoded(name: str) -> None:
    address, sender, subject, words, charset = DECODED[name]
    parsed = parse_message(load(name))
    assert parsed.from_address == address
    assert parsed.from_name == sender
    assert parsed.subject == subject
    assert words.lower() in parsed.text.lower()
    assert "\ufffd" not in parsed.text + parsed.subject + parsed.from_name
    assert parsed.charset == charset
    assert not parsed.is_automatic
    assert parsed.message_id.startswith("<") and parsed.message_id.endswith(">")


def test_alternative_prefers_the_plain_text() -> None:
    parsed = parse_message(load("alternative.eml"))
    assert "（纯文本）" in parsed.text
    assert "（HTML）" not in parsed.text


def test_html_only_is_sanitised_to_text() -> None:
    parsed = parse_message(load("html-only-script.eml"))
    assert "官网预约系统一直提示失败，但是扣了款。" in parsed.text
    assert "订单号：A20261116\n金额：¥60" in parsed.text
    assert "- 第一次 10:00" in parsed.text
    for left_out in (
        "alert",
        "cookie",
        "<",
        "onerror",
        "javascript",
        "不该出现的标题",
        "color:red",
    ):
        assert left_out not in parsed.text


def test_html_in_a_related_part_keeps_its_inline_image_as_a_file() -> None:
    parsed = parse_message(load("related-inline-image.eml"))
    assert parsed.text == "出口指示牌太暗，看不清："
    assert [(a.filename, a.content_type) for a in parsed.attachments] == [
        ("attachment-1.jpg", "image/jpeg")
    ]


def test_a_forwarded_message_is_part_of_the_text() -> None:
    parsed = parse_message(load("forwarded-rfc822.eml"))
    assert parsed.text.startswith("我转发我女儿的投诉。")
    assert "From: 林小红 <linxh@mail.example>" in parsed.text
    assert "Subject: 展品说明牌有错别字" in parsed.text
    assert "把“鼎”写成了“顶”" in parsed.text  # the inner part was GBK in base64
    assert parsed.from_address == "lindm@mail.example"


@pytest.mark.parametrize(
    ("name", "filename", "content_type"),
    [
        ("attachment-rfc2231.eml", "座椅照片.jpg", "image/jpeg"),
        ("attachment-rfc2047-name.eml", "发票说明.pdf", "application/pdf"),
        ("attachment-rfc2231-continued.eml", "门票收据扫描件.pdf", "application/pdf"),
        ("attachment-content-type-name-only.eml", "退款申请.pdf", "application/pdf"),
    ],
)
def test_encoded_attachment_names_are_decoded(name: str, filename: str, content_type: str) -> None:
    parsed = parse_message(load(name))
    assert len(parsed.attachments) == 1
    attachment = parsed.attachments[0]
    assert (attachment.filename, attachment.content_type) == (filename, content_type)
    magic = b"\xff\xd8" if content_type == "image/jpeg" else b"%PDF"
    assert attachment.content.startswith(magic)  # base64 decoded


def test_every_attachment_is_kept_whatever_its_type() -> None:
    parsed = parse_message(load("attachment-forbidden.eml"))
    filename, content_type, content = parsed.attachments[1]
    assert [a.filename for a in parsed.attachments] == ["gate.jpg", "photos.exe"]
    assert (filename, content_type) == ("photos.exe", "application/x-msdownload")
    assert content.startswith(b"MZ")


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("auto-submitted.eml", "auto_submitted"),
        ("x-autoreply.eml", "autoreply_header"),
        ("precedence-bulk.eml", "precedence"),
        ("precedence-junk.eml", "precedence"),
        ("mailing-list.eml", "mailing_list"),
        ("bounce-dsn.eml", "mailer_daemon"),
        ("bounce-postmaster.eml", "mailer_daemon"),
        ("null-return-path.eml", "null_sender"),
    ],
)
def test_automatic_mail_is_recognised(name: str, reason: str) -> None:
    parsed = parse_message(load(name))
    assert parsed.is_automatic
    assert parsed.automatic_reason == reason


def test_a_delivery_report_is_automatic_whoever_sends_it() -> None:
    raw = load("bounce-dsn.eml").replace(b"MAILER-DAEMON@", b"relay@")
    parsed = parse_message(raw)
    assert parsed.automatic_reason == "delivery_report"


def test_auto_submitted_no_is_a_person() -> None:
    raw = load("utf8-plain.eml").replace(b"MIME-Version", b"Auto-Submitted: no\nMIME-Version", 1)
    assert not parse_message(raw).is_automatic


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("malformed-garbage.eml", "no headers"),
        ("malformed-no-sender.eml", "no usable sender"),
    ],
)
def test_unreadable_mail_is_refused_with_a_reason(name: str, problem: str) -> None:
    with pytest.raises(ParseError, match=problem):
        parse_message(load(name))


def test_empty_bytes_are_refused() -> None:
    with pytest.raises(ParseError):
        parse_message(b"  \r\n")


def test_a_missing_message_id_is_derived_from_the_bytes() -> None:
    raw = load("no-message-id.eml")
    first = parse_message(raw).message_id
    assert first == parse_message(raw).message_id
    assert first.endswith("@derived.bihuan.invalid>")
    assert parse_message(raw + b"\n").message_id != first


def test_the_date_is_read_with_its_zone() -> None:
    parsed = parse_message(load("utf8-plain.eml"))
    assert parsed.date is not None
    assert parsed.date.isoformat() == "2026-11-16T09:30:00+08:00"


def test_a_script_payload_stays_text() -> None:
    parsed = parse_message(load("xss.eml"))
    assert parsed.subject == "<script>alert('subject')</script> 投诉"
    assert parsed.from_name == "<script>alert('name')</script>"
    assert parsed.attachments[0].filename == "<img src=x onerror=alert('file')>.jpg"


def test_path_parts_of_attachment_names_are_dropped() -> None:
    raw = load("attachment-forbidden.eml").replace(
        b'filename="gate.jpg"', b'filename="..\\\\..\\\\etc/gate.jpg"'
    )
    assert parse_message(raw).attachments[0].filename == "gate.jpg"


def test_every_corpus_message_parses_or_is_refused_cleanly() -> None:
    names = corpus_names()
    assert len(names) >= 30
    for name in names:
        try:
            parsed = parse_message(load(name))
        except ParseError:
            continue
        assert parsed.message_id


def test_a_derived_message_id_ignores_line_endings() -> None:
    raw = load("no-message-id.eml")
    crlf = raw.replace(b"\n", b"\r\n")
    assert parse_message(crlf).message_id == parse_message(raw).message_id


def test_an_empty_plain_alternative_falls_back_to_the_html() -> None:
    raw = (
        b"From: a@mail.example\nSubject: x\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/alternative; boundary="B"\n\n'
        b"--B\nContent-Type: text/plain; charset=utf-8\n\n \n"
        b"--B\nContent-Type: text/html; charset=utf-8\n\n<p>"
        + "只有HTML里有正文".encode()
        + b"<script>x()</script></p>\n--B--\n"
    )
    assert parse_message(raw).text == "只有HTML里有正文"


def test_the_machine_parts_of_a_bounce_are_not_files() -> None:
    parsed = parse_message(load("bounce-dsn.eml"))
    assert parsed.attachments == ()
    assert "could not be delivered" in parsed.text


@pytest.mark.parametrize(
    ("text", "charset", "language"),
    [
        ("这个展馆的服务让人失望", "utf-8", "zh-hans"),
        ("這個展館的服務讓人失望", "utf-8", "zh-hant"),
        ("任何文字", "big5hkscs", "zh-hant"),
        ("The guide was rude to us.", "utf-8", "en"),
        ("12345", "utf-8", "zh-hans"),
    ],
)
def test_the_language_is_guessed_from_script_and_charset(
    text: str, charset: str, language: str
) -> None:
    assert guess_language(text, charset) == language


def test_nested_alternative_and_related_parts_give_text_and_files() -> None:
    parsed = parse_message(load("nested-mixed-alternative-related.eml"))
    assert parsed.text == "展厅地面刚拖过没放警示牌，有人滑倒。"
    assert [a.filename for a in parsed.attachments] == ["floor.jpg", "statement.pdf"]


def test_parts_nested_too_deeply_are_refused_not_recursed() -> None:
    depth = 60
    opening = "".join(
        f'--B{i}\nContent-Type: multipart/mixed; boundary="B{i + 1}"\n\n' for i in range(depth)
    )
    closing = "".join(f"--B{i}--\n" for i in reversed(range(depth + 1)))
    raw = (
        'From: a@mail.example\nSubject: deep\nContent-Type: multipart/mixed; boundary="B0"\n\n'
        + opening
        + f"--B{depth}\nContent-Type: text/plain\n\ndeep\n"
        + closing
    ).encode()
    with pytest.raises(ParseError, match="too deeply"):
        parse_message(raw)
