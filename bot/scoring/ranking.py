"""Ranking units within a block on their CCHC index.

Standard competition ranking ("1, 2, 2, 4"): units with equal indices share a rank and
the next distinct index skips the places they took, as in published emulation tables,
so "hạng 4" always means three units scored higher.

Tie-break, for the order of listing only (never for the rank itself): within equal
indices, units are listed by name in Vietnamese alphabetical order (a ă â b c d đ e ê
… — not code-point order, which would put "Đ" after "Z"), then by unit code. Units that
did not report come last, in the same name order. The order therefore depends only on
the entries, never on the order they arrive in, so a ranking computed twice — or by two
processes — lists the same way.

Every unit of the block counts in "r/N": N is the block's size, non-reporters included,
so "hạng 3/42" in a block where 39 units did not report says so, instead of the "3/3" a
count of reporters alone would give. A unit that did not report gets no rank number (it
is listed after every ranked unit as "chưa nộp báo cáo"): numbering all of them N, or all
k + 1, would rank a unit on data it never sent.

Indices arrive already rounded to 2 decimals, so "equal" means equal as displayed.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from bot.texts import scoring as T

__all__ = [
    "Entry",
    "Ranked",
    "median_index",
    "points_to_next_rank",
    "rank_block",
    "vietnamese_sort_key",
]

TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Entry:
    unit_code: str
    unit_name: str
    index: Decimal | None  # None: the unit did not report


@dataclass(frozen=True, slots=True)
class Ranked:
    rank: int | None  # None: not ranked (did not report); listed after every ranked unit
    entry: Entry
    tied: bool  # another reported unit has the same index
    out_of: int  # N of "r/N": every unit of the block, non-reporters included

    @property
    def leads(self) -> bool:
        """First in a block of more than one unit: only then is a unit "leading" it."""
        return self.rank == 1 and self.out_of > 1


def rank_block(entries: Iterable[Entry]) -> list[Ranked]:
    """Rank one block's units; see the module docstring for ties and non-reporters."""
    items = list(entries)
    size = len(items)
    reported = sorted(
        (e for e in items if e.index is not None),
        key=lambda e: (-_index(e), _listing_key(e)),
    )
    counts = Counter(_index(e) for e in reported)
    ranked: list[Ranked] = []
    for position, entry in enumerate(reported, start=1):
        previous = ranked[-1] if ranked else None
        same = previous is not None and _index(previous.entry) == _index(entry)
        rank = previous.rank if same and previous is not None else position
        ranked.append(Ranked(rank=rank, entry=entry, tied=counts[_index(entry)] > 1, out_of=size))
    silent = sorted((e for e in items if e.index is None), key=_listing_key)
    ranked.extend(Ranked(rank=None, entry=e, tied=False, out_of=size) for e in silent)
    return ranked


def points_to_next_rank(ranked: list[Ranked], unit_code: str) -> Decimal | None:
    """Index points a unit needs to draw level with the next better distinct index.

    Drawing level is enough to share that rank. None for the leader(s), a unit that did
    not report, or a code not in the list.
    """
    own = next((r for r in ranked if r.entry.unit_code == unit_code), None)
    if own is None or own.rank is None or own.rank == 1:
        return None
    mine = _index(own.entry)
    better = [r.entry.index for r in ranked if r.entry.index is not None and r.entry.index > mine]
    if not better:
        return None
    return min(better) - mine


def median_index(ranked: Iterable[Ranked]) -> Decimal | None:
    """Median index of the units that reported, to 2 decimals (half up); None if none did.

    Rounded like the indices themselves, so "above the median" reads the same on screen
    as in the comparison.
    """
    values = sorted(r.entry.index for r in ranked if r.entry.index is not None)
    if not values:
        return None
    middle = len(values) // 2
    median = values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2
    return median.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


# Letter modifiers decide the letter (a < ă < â, o < ô < ơ, u < ư); tone marks only
# break ties between otherwise equal names, in dictionary order: ngang, huyền, hỏi,
# ngã, sắc, nặng.
_MODIFIERS = {"\u0306": 1, "\u0302": 2, "\u031b": 3}  # breve, circumflex, horn
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


@lru_cache(maxsize=8192)  # unit names repeat in every ranking; the key is pure
def vietnamese_sort_key(
    text: str,
) -> tuple[tuple[tuple[str, int], ...], tuple[int, ...], str]:
    """A key that sorts Vietnamese names as a Vietnamese reader expects.

    Case is ignored first and used last (via the original text), so the key is a total
    order: different strings never compare equal.
    """
    letters: list[tuple[str, int]] = []
    tones: list[int] = []
    for ch in unicodedata.normalize("NFD", text.casefold()):
        if ch in _MODIFIERS and letters:
            letters[-1] = (letters[-1][0], _MODIFIERS[ch])
        elif ch in _TONES and tones:
            tones[-1] = _TONES[ch]
        elif unicodedata.combining(ch):
            continue
        elif ch == T.D_STROKE:
            letters.append(("d", 1))
            tones.append(0)
        else:
            letters.append((ch, 0))
            tones.append(0)
    return tuple(letters), tuple(tones), text


def _listing_key(entry: Entry) -> tuple[object, ...]:
    return (vietnamese_sort_key(entry.unit_name), entry.unit_code)


def _index(entry: Entry) -> Decimal:
    assert entry.index is not None
    return entry.index
