"""The duplicate store: 64-bit key hashes → the first row that had them, in two flat arrays.

A dict of a million int → int entries takes about 110 MB (the table plus an int object per
key and per row); open addressing over ``array('q')`` takes 16 bytes per slot, a quarter to a
half of them used, and pickles as two byte strings when a parallel worker sends its keys back (issue 7:
the one part of a run that grows with the export).
"""
from __future__ import annotations

from array import array

# A position is (order << 32) | row: the input's place in the run, then its record's row, so
# that comparing two positions says which record came first across files and partitions.
ROW_BITS = 32
ROW_MASK = (1 << ROW_BITS) - 1
_QUADRUPLE_BELOW = 1 << 18  # tables of up to this many slots (mask below it) grow fourfold


def position(order: int, row: int) -> int:
    return (order << ROW_BITS) | row


class KeyStore:
    """The part of the dict interface ``duplicate`` uses: ``get``, ``setdefault``, ``len``."""

    __slots__ = ("keys", "rows", "mask", "size", "zero")

    def __init__(self, capacity: int = 1024) -> None:
        self.keys = array("q", bytes(8 * capacity))  # 0 marks an empty slot
        self.rows = array("q", bytes(8 * capacity))
        self.mask, self.size = capacity - 1, 0
        self.zero: int | None = None  # the row of key 0, which cannot live in the table

    def __len__(self) -> int:
        return self.size + (self.zero is not None)

    def _slot(self, key: int) -> int:
        """The slot holding ``key``, or the empty slot where it would go (linear probing)."""
        keys, mask = self.keys, self.mask
        slot = key & mask
        while True:
            found = keys[slot]
            if found == key or not found:
                return slot
            slot = (slot + 1) & mask

    def get(self, key: int, default=None):
        if not key:
            return default if self.zero is None else self.zero
        slot = self._slot(key)
        return self.rows[slot] if self.keys[slot] else default

    def setdefault(self, key: int, row: int) -> int:
        """The row stored for ``key``, storing ``row`` first when there is none.

        The probe is written out here rather than calling :meth:`_slot`: this runs once a
        record for every duplicate rule."""
        if not key:
            if self.zero is None:
                self.zero = row
            return self.zero
        keys, mask = self.keys, self.mask
        slot = key & mask
        while True:
            found = keys[slot]
            if found == key:
                return self.rows[slot]
            if not found:
                break
            slot = (slot + 1) & mask
        keys[slot] = key
        self.rows[slot] = row
        self.size += 1
        if self.size * 2 > mask:
            self._grow()
        return row

    def items(self):
        """``(key, row)`` for every key stored, in no particular order."""
        if self.zero is not None:
            yield 0, self.zero
        for key, row in zip(self.keys, self.rows):
            if key:
                yield key, row

    def set_min(self, key: int, row: int) -> None:
        """Store ``row`` for ``key`` unless an earlier (smaller) one is there."""
        if not key:
            self.zero = row if self.zero is None else min(self.zero, row)
            return
        slot = self._slot(key)
        if self.keys[slot]:
            if row < self.rows[slot]:
                self.rows[slot] = row
            return
        self.setdefault(key, row)

    def merged(self, other: "KeyStore", shift: int = 0) -> "KeyStore":
        """A new store with both stores' keys, each at its earliest row (``other``'s rows moved
        by ``shift``): the merge is associative and commutative, as partitions need."""
        out = KeyStore(_capacity(len(self) + len(other)))
        out.update_min(self)
        out.update_min(other, shift)
        return out

    def update_min(self, other: "KeyStore", shift: int = 0) -> None:
        """Add ``other``'s keys (rows moved by ``shift``), keeping each key's earliest row."""
        for key, row in other.items():
            self.set_min(key, row + shift)

    def __eq__(self, other) -> bool:
        return isinstance(other, KeyStore) and dict(self.items()) == dict(other.items())

    def __repr__(self) -> str:
        return f"KeyStore({len(self)} keys)"

    def _grow(self) -> None:
        old_keys, old_rows = self.keys, self.rows
        # four times while small (each rehash is a Python loop over the old table), then twice,
        # so a million keys still take 2**21 slots (32 MiB)
        capacity = (self.mask + 1) * (4 if self.mask < _QUADRUPLE_BELOW else 2)
        keys, rows = array("q", bytes(8 * capacity)), array("q", bytes(8 * capacity))
        mask = capacity - 1
        for key, row in zip(old_keys, old_rows):
            if key:  # every key is distinct here: find the first empty slot
                slot = key & mask
                while keys[slot]:
                    slot = (slot + 1) & mask
                keys[slot], rows[slot] = key, row
        self.keys, self.rows, self.mask = keys, rows, mask


def _capacity(size: int) -> int:
    """The smallest power of two that keeps ``size`` keys under half full."""
    capacity = 1024
    while size * 2 > capacity - 1:
        capacity *= 2
    return capacity
