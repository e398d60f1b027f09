"""The duplicate store: 64-bit key hashes → the first row that had them, in two flat arrays.

A dict of a million int → int entries takes about 110 MB (the table plus an int object per
key and per row); open addressing over ``array('q')`` takes 16 bytes per slot, a quarter to a
half of them used, and pickles as two byte strings when a parallel worker sends its keys back (issue 7:
the one part of a run that grows with the export).
"""
from __future__ import annotations

from array import array


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
        """The row stored for ``key``, storing ``row`` first when there is none."""
        if not key:
            if self.zero is None:
                self.zero = row
            return self.zero
        slot = self._slot(key)
        if self.keys[slot]:
            return self.rows[slot]
        self.keys[slot], self.rows[slot] = key, row
        self.size += 1
        if self.size * 2 > self.mask:
            self._grow()
        return row

    def _grow(self) -> None:
        old = zip(self.keys, self.rows)
        capacity = (self.mask + 1) * 2
        self.keys, self.rows = array("q", bytes(8 * capacity)), array("q", bytes(8 * capacity))
        self.mask, self.size = capacity - 1, 0
        for key, row in old:
            if key:
                self.setdefault(key, row)
