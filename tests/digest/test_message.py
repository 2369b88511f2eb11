"""The email itself: structure, encodings and stable headers."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, datetime

from digest.message import MessageParts, build_message, digest_message_id

PARTS = MessageParts("bw@example.kr", "reader@example.kr", "[bw] 2026-11-25 예산 소식: 새 금액 1건", "본문 239억원",
                     "<p>본문 239억원</p>", "<digest-1@example.kr>", datetime(2026, 11, 24, 22, 0, tzinfo=UTC),
                     "https://u.example.kr/x")  # fmt: skip


def test_multipart_alternative_utf8_and_headers() -> None:
    raw = bytes(build_message(PARTS))
    raw.decode("ascii")
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in parsed.iter_parts()] == ["text/plain", "text/html"]
    assert all(p.get_content_charset() == "utf-8" for p in parsed.iter_parts())
    assert parsed["Subject"] == PARTS.subject
    assert parsed["Date"] == "Tue, 24 Nov 2026 22:00:00 +0000"
    assert parsed["Message-ID"] == "<digest-1@example.kr>"
    assert parsed["List-Unsubscribe"] == "<https://u.example.kr/x>"
    assert parsed["Auto-Submitted"] == "auto-generated"


def test_no_list_unsubscribe_without_a_url() -> None:
    parts = MessageParts(**{**PARTS.__dict__, "unsubscribe_url": None})
    assert build_message(parts)["List-Unsubscribe"] is None


def test_message_id_is_deterministic_per_recipient_period_and_generation() -> None:
    one = digest_message_id("bw@example.kr", "reader@example.kr", "2026-11-24T22:00Z")
    assert one == digest_message_id("bw@example.kr", "Reader@Example.kr", "2026-11-24T22:00Z")
    assert one.startswith("<digest-") and one.endswith("@example.kr>")
    assert one != digest_message_id("bw@example.kr", "other@example.kr", "2026-11-24T22:00Z")
    assert one != digest_message_id("bw@example.kr", "reader@example.kr", "2026-11-25T22:00Z")
    assert one != digest_message_id("bw@example.kr", "reader@example.kr", "2026-11-24T22:00Z", generation=1)
