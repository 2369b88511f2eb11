"""The one URL-masking function: passwords and secret query parameters never printed."""

from __future__ import annotations

import pytest

from config.masking import mask_text, mask_url
from store.db import escape_userinfo

MASKED = [
    ("postgresql+psycopg://bw:hunter2@db.example.kr:5432/bw", "postgresql+psycopg://bw:***@db.example.kr:5432/bw"),
    ("postgresql+psycopg://bw@db.example.kr/bw?password=hunter2", "postgresql+psycopg://bw@db.example.kr/bw?password=***"),
    ("postgresql+psycopg://bw@h/bw?sslmode=require&password=hunter2&application_name=x",
     "postgresql+psycopg://bw@h/bw?sslmode=require&password=***&application_name=x"),
    ("postgresql://bw:p@ss@word@h:5432/bw", "postgresql://bw:***@h:5432/bw"),  # unescaped @ in the password
    ("postgresql://bw:pa/ss@h/bw", "postgresql://bw:***@h/bw"),  # unescaped / in the password
    ("amqp://guest:guest@127.0.0.1:5672//", "amqp://guest:***@127.0.0.1:5672//"),
    ("redis://:s3cret@127.0.0.1:6379/0", "redis://:***@127.0.0.1:6379/0"),
    ("https://news.example.kr/view.do?id=3&token=abc#top", "https://news.example.kr/view.do?id=3&token=***#top"),
    ("https://a.kr/x?pass=1&pwd=2&key=3&secret=4&PASSWORD=5", "https://a.kr/x?pass=***&pwd=***&key=***&secret=***&PASSWORD=***"),
    ("https://a.kr/x?api_key=1&access_token=2&client-secret=3&apiKey=4", "https://a.kr/x?api_key=***&access_token=***&client-secret=***&apiKey=***"),
    ("https://a.kr/x?a=1;token=2", "https://a.kr/x?a=1;token=***"),
    # nothing secret: unchanged, byte for byte
    ("sqlite:///budgetwatch.sqlite", "sqlite:///budgetwatch.sqlite"),
    ("sqlite:///file:bw.sqlite?mode=ro&uri=true", "sqlite:///file:bw.sqlite?mode=ro&uri=true"),
    ("https://bw@news.example.kr/a", "https://bw@news.example.kr/a"),
    ("https://news.example.kr:8080/a@b", "https://news.example.kr:8080/a@b"),
    ("https://a.kr/list.do?keyword=예산&monkey=1&keys=2&token=", "https://a.kr/list.do?keyword=예산&monkey=1&keys=2&token="),
    ("", ""),
]  # fmt: skip


@pytest.mark.parametrize(("url", "masked"), MASKED)
def test_mask_url(url: str, masked: str) -> None:
    assert mask_url(url) == masked


def test_every_url_in_a_message_is_masked() -> None:
    message = "Could not parse 'postgresql://u:pw@h/db?password=x' nor https://a.kr/?token=***, sorry"
    assert (
        mask_text(message)
        == "Could not parse 'postgresql://u:***@h/db?password=***' nor https://a.kr/?token=***, sorry"
    )


@pytest.mark.parametrize(
    ("url", "escaped"),
    [
        ("postgresql://bw:p@ss@h/db", "postgresql://bw:p%40ss@h/db"),
        ("postgresql://bw:pw@h/db?x=a@b", "postgresql://bw:pw@h/db?x=a@b"),
        ("sqlite:///a@b.sqlite", "sqlite:///a@b.sqlite"),
    ],
)
def test_a_password_with_an_unescaped_at_is_read_to_the_last_at(url: str, escaped: str) -> None:
    assert escape_userinfo(url) == escaped


def test_daemon_log_lines_mask_every_url() -> None:
    from config.logfmt import format_line

    line = format_line({"event": "database_unusable", "database": "postgresql://bw@h/db?password=hunter2",
                        "error": "connect to amqp://bw:s3cret@mq:5672// failed"})  # fmt: skip
    assert "hunter2" not in line and "s3cret" not in line
    assert "password=***" in line and "amqp://bw:***@mq:5672//" in line
