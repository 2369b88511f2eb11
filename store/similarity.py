"""Near-duplicate detection of article bodies: MinHash signatures (store/minhash.py) and LSH band keys.

Shingles are pairs of adjacent words: Korean wire copy republished by a local paper keeps most
word pairs, while two different stories about the same city share few. A short summary of a
long story (a portal's 300-character digest of an 800-character article) has a low Jaccard
similarity but a high containment, so containment decides.
"""

from __future__ import annotations

import hashlib
import re
import threading
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass

from store.minhash import PERM_A, minhash

NUM_PERM = len(PERM_A)  # 64
BANDS = 32  # 32 bands of 2 rows: pairs with Jaccard 0.3 become candidates with p = 0.95
ROWS = NUM_PERM // BANDS
# Containment of the shorter body in the longer one at or above this is the same story.
# Measured on the Gwangju 2026 pair of ../shared/eval (two outlets, one wire story): ~0.7;
# different stories of the same city and topic in the same set: below 0.1.
DUPLICATE_CONTAINMENT = 0.5
MIN_SHINGLES = 8  # bodies shorter than this say too little to call anything a copy

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Fingerprint:
    signature: tuple[int, ...]
    shingles: int

    def band_keys(self) -> list[str]:
        keys = []
        for band in range(BANDS):
            rows = self.signature[band * ROWS : (band + 1) * ROWS]
            digest = hashlib.blake2b(repr(rows).encode(), digest_size=8).hexdigest()
            keys.append(f"{band}:{digest}")
        return keys


def shingles(text: str) -> set[str]:
    words = _WORD.findall(unicodedata.normalize("NFKC", text).lower())
    return {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}


def fingerprint(text: str) -> Fingerprint | None:
    """The body's MinHash fingerprint, or None when it is too short to compare."""
    return fingerprint_of(shingles(text))


def fingerprint_of(found: set[str]) -> Fingerprint | None:
    """The MinHash fingerprint of a body's word pairs (``shingles``), None when too few."""
    if len(found) < MIN_SHINGLES:
        return None
    return Fingerprint(minhash(s.encode("utf-8") for s in found), len(found))


class RecentShingles:
    """The word pairs of the bodies stored or compared last, by (article id, content hash): a new
    page is compared with the newest pages sharing its bands, mostly pages of the same crawl, whose
    bodies would otherwise be read back and split again for every page after them. A changed body
    has another hash, so an entry is never stale; the oldest entries go first."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: OrderedDict[tuple[int, str], set[str]] = OrderedDict()
        self.lock = threading.Lock()  # crawls of several sources store in threads of one process

    def get(self, key: tuple[int, str]) -> set[str] | None:
        with self.lock:
            found = self.entries.get(key)
            if found is not None:
                self.entries.move_to_end(key)
            return found

    def put(self, key: tuple[int, str], value: set[str]) -> None:
        with self.lock:
            self.entries[key] = value
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)


# 64 bodies of ~3,000 characters are about 2 MB; a page's candidates are the newest of its bands.
SHINGLES = RecentShingles(64)
