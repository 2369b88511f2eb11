"""MinHash of 64 permutations without datasketch or scipy: datasketch's "affine32" scheme, seed 7.

datasketch costs about a second of imports (scipy) in every process that stores an article;
this computes the same signatures (tests/store/test_minhash.py checks it against datasketch),
so band keys stored before stay comparable, and a datasketch upgrade cannot change them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

MASK = 0xFFFFFFFF
# The permutations h -> (a * h + b) mod 2^32 that datasketch.MinHash(num_perm=64, seed=7) draws
# from numpy.random.RandomState(7): a odd (a bijection), b any 32-bit value.
PERM_A = (
    655483231,
    1952827785,
    2404484147,
    2739950573,
    3765906567,
    4107903399,
    1919551279,
    3913444559,
    4105898681,
    2645809523,
    330677021,
    2266633263,
    9624721,
    745120435,
    618914525,
    3602379861,
    2305873333,
    136668945,
    4293957967,
    238497741,
    1539573897,
    3167980385,
    2609098495,
    2841887503,
    3272259417,
    3375348737,
    566388887,
    1497486959,
    2475151861,
    1480194061,
    3518381607,
    1666718585,
    1832966233,
    2971884927,
    3883715211,
    3689619057,
    3704031537,
    2255577455,
    213882731,
    2154035425,
    863708663,
    2189523323,
    3866582913,
    3017597509,
    1978286705,
    1495101843,
    416525213,
    2497639501,
    3514385929,
    3759207389,
    1143916819,
    3855384239,
    201112519,
    3304114567,
    2151004305,
    3070688935,
    1451812705,
    1660912131,
    4017966465,
    863064865,
    1759640301,
    4145819455,
    4215646907,
    976705369,
)
PERM_B = (
    1599380060,
    4085580540,
    2050422343,
    1497897239,
    1571487242,
    1187621609,
    3598830371,
    1917728192,
    3301315901,
    4114208135,
    1348596887,
    771276892,
    2459407095,
    612959456,
    1185621653,
    358664548,
    1944945571,
    2350356961,
    1516030531,
    1332338555,
    2823509211,
    1214271969,
    1590645779,
    3955637147,
    1971789316,
    1861190419,
    3089473569,
    1798548603,
    1773786398,
    4235796153,
    3893058277,
    3408357193,
    775033821,
    1474484177,
    3183081343,
    1289946527,
    1814082690,
    2164470867,
    1831604146,
    2676863378,
    2724640789,
    2821674615,
    2245865027,
    1112979659,
    1781921722,
    1740316719,
    6128400,
    2865863180,
    396263773,
    1887643755,
    3046825705,
    3357528457,
    2252047180,
    2940458819,
    2989986414,
    3163992718,
    4103705212,
    2102055188,
    2933092661,
    4097361916,
    228185999,
    660304699,
    1326512163,
    2787944240,
)


def _fmix32(h: int) -> int:
    """MurmurHash3's 32-bit finalizer, which datasketch applies before the permutations."""
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & MASK
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & MASK
    return h ^ (h >> 16)


def _sha1_32(data: bytes) -> int:
    return int.from_bytes(hashlib.sha1(data).digest()[:4], "little")


def minhash(items: Iterable[bytes]) -> tuple[int, ...]:
    """The 64 minimum permuted hashes of ``items`` (all 2^32 - 1 when there are none)."""
    hashes = [_fmix32(_sha1_32(item)) for item in set(items)]
    if not hashes:
        return (MASK,) * len(PERM_A)
    # numpy (0.2 s to import, once per process that stores) does the 64 x n products in 0.2 ms
    # where plain Python takes 2-7 ms an article; uint32 arithmetic wraps mod 2^32 as datasketch's.
    import numpy as np

    column = np.array(hashes, dtype=np.uint32).reshape(-1, 1)
    permuted = column * np.array(PERM_A, dtype=np.uint32) + np.array(PERM_B, dtype=np.uint32)
    return tuple(int(x) for x in permuted.min(axis=0))
