"""Which organisation a clause is about, as a reader follows it through an article.

A clause names its organisation as its topic ("전남도는"), or by a bare word that points back to
one ("시는", "도는": the city or province last named, else the article's or the source's); a
sentence that names none ("이는 올해보다 7777억 원 늘어난 금액이다") goes on with the organisation
the sentences before it were last about. Only then does the article's own organisation stand for it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from extract.statements.orgs import canonical_org

# An organisation followed by one of these is what the clause is about: "전남도는", "서구가", "시에서는".
ORG_TOPIC_PARTICLE = re.compile(r"(?:은|는|이|가|도|에서는|에서)(?![가-힣])")
# A headline's "광주시 7조원·전남도 9조원": each organisation marks the figure right after it.
_HEADLINE_FIGURE = re.compile(r"\s(?=\d)")
# "순천시의 내년 예산이", "전남도의 국비 확보액은": what the organisation owns is the clause's topic, so
# the organisation is what the clause (and the sentences that go on with it) is about.
_OWNER_OF_TOPIC = re.compile(r"의\s(?:[^\s,.·]+\s){0,2}[^\s,.·]+(?:은|는|이|가)\s")
# "시는", "도는", "군은", "교육청은": a bare word standing for an organisation named before.
# (Each word looks back after its first letter, not before it: a search skips from one 시, 도, 군,
# 구 or 교 to the next instead of trying every place; the same matches as
# r"(?<![가-힣])(시|도|군|구|교육청)(?:(?:은|는|이|가|에서는|에서)(?![가-힣])|\s(?=\d))"; a headline's
# "도 11조원·교육청 5조원" marks each by the figure right after it.)
_BARE_TOPIC = re.compile(
    r"(시(?<![가-힣]시)|도(?<![가-힣]도)|군(?<![가-힣]군)|구(?<![가-힣]구)|교(?<![가-힣]교)육청)"
    r"(?:(?:은|는|이|가|에서는|에서)(?![가-힣])|\s(?=\d))"
)
_KINDS = ("교육청", "시", "도", "군", "구")
# "시·군과 도교육청 재정 보강을 위해 조정교부금 402억원": an organisation the money is for, in a purpose
# clause, is not the one whose money it is.
_BENEFICIARY = re.compile(r"[^.,\n]{0,16}?(?:을|를)\s?위(?:해|한|하여)(?![가-힣])")
# A bare "시교육청" or "도교육청" (one word, no place before it) names the education office of the
# city or province last named: "인천시의 예산은 ... 시교육청 추경안은" is 인천광역시교육청's.
_BARE_OFFICE = re.compile(r"(?<![가-힣])(시|도)교육청")

Mention = tuple[int, int, str]  # (start, end, name) in the text


class OrgIndex:
    """The organisations a text names, read once: each mention's full name, whether it is its
    clause's topic, and for each kind ("시", "도") where one was last named, so that every lookup
    is a bisection and a page of thousands of sentences stays linear."""

    def __init__(
        self,
        text: str,
        mentions: Sequence[Mention],
        home: str | None,
        defaults: tuple[str | None, ...],
        korean: bool = True,
    ) -> None:
        self.text = text
        self.defaults = defaults
        self.by_kind: dict[str, tuple[list[int], list[str]]] = {kind: ([], []) for kind in _KINDS}
        named = [(m[0], m[1], canonical_org(m[2], home)) for m in mentions]
        for _, end, name in named:
            kind = next((k for k in _KINDS if name.endswith(k)), None)
            if kind:
                self.by_kind[kind][0].append(end)
                self.by_kind[kind][1].append(name)
        if korean:  # "시교육청", "도교육청": the education office of the city or province last named
            for bare in _BARE_OFFICE.finditer(text):
                owner = self._bare(bare.group(1), bare.start())
                if owner and not owner.endswith("교육청"):
                    named.append((bare.start(), bare.end(), owner + "교육청"))
            named.sort()
        self.starts = [m[0] for m in named]
        self.ends = [m[1] for m in named]
        self.names = [m[2] for m in named]
        # English marks no topic: a council a sentence names is what the sentences after it go on
        # with ("Brisbane City Council's budget totals $4.3 billion. It earmarks $1.1 billion ...")
        self.topic = [
            not korean
            or bool(
                ORG_TOPIC_PARTICLE.match(text, end)
                or _OWNER_OF_TOPIC.match(text, end)
                or _HEADLINE_FIGURE.match(text, end)
            )
            for end in self.ends
        ]
        # named in a purpose clause ("도교육청 재정 보강을 위해"): who the money is for, read once a mention
        self.beneficiary = [korean and bool(_BENEFICIARY.match(text, end)) for end in self.ends]

    def _bare(self, kind: str, at: int) -> str | None:
        """The organisation a bare "시" or "도" at text[at] stands for: the last one of that kind
        named before it, else the article's or the source's when it is of that kind."""
        ends, names = self.by_kind[kind]
        k = bisect.bisect_right(ends, at)
        if k:
            return names[k - 1]
        return next((org for org in self.defaults if org and org.endswith(kind)), None)

    def marked_topic(self, start: int, upto: int) -> str | None:
        """The last organisation text[start:upto] marks as its topic, by name ("전남도는") or by a
        bare word ("시는")."""
        marked: list[tuple[int, str]] = []
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, upto)
        for k in range(lo, hi):
            if self.topic[k]:
                marked.append((self.starts[k], self.names[k]))
        # one letter past upto: a headline's bare "시 " is known by the figure that follows it
        for bare in _BARE_TOPIC.finditer(self.text, start, min(len(self.text), upto + 1)):
            if bare.start() >= upto:
                break
            named = self._bare(bare.group(1), bare.start())
            if named:
                marked.append((bare.start(), named))
        return max(marked)[1] if marked else None

    def in_force(self, sentence: tuple[int, int], carried: str | None, amount_start: int) -> str | None:
        """The organisation the amount at text[amount_start] is about, in its sentence text[sentence];
        carried: the one the sentences before it were last about. None when nothing names one."""
        s, e = sentence
        topic = self.marked_topic(s, amount_start)
        if topic:
            return topic
        lo, hi = bisect.bisect_left(self.starts, s), bisect.bisect_left(self.starts, e)
        inside = [k for k in range(lo, hi) if self.ends[k] <= e and not self.beneficiary[k]]
        before = [k for k in inside if self.starts[k] < amount_start]
        if before:
            return self.names[before[-1]]
        if inside:
            return self.names[inside[0]]
        return carried


class CarriedOrg:
    """The organisation each sentence goes on with: the last one a sentence before it marked as its
    topic (OrgIndex.marked_topic), read once per sentence, in order."""

    def __init__(self, index: OrgIndex, spans: list[tuple[int, int]]) -> None:
        self.index, self.spans = index, spans
        self.state: list[str | None] = [None]

    def before(self, k: int) -> str | None:
        while len(self.state) <= k:
            s, e = self.spans[len(self.state) - 1]
            self.state.append(self.index.marked_topic(s, e) or self.state[-1])
        return self.state[k]
