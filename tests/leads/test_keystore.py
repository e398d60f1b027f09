"""The duplicate store behaves like the dict it replaces, through growth and odd keys."""
import pickle
import random

from smlint.leads.keystore import KeyStore


def test_keystore_answers_what_a_dict_answers():
    rng = random.Random(11)
    store, model = KeyStore(capacity=4), {}
    keys = [rng.getrandbits(64) - 2 ** 63 for _ in range(5000)] + [0, -1, 1, 2 ** 63 - 1, -2 ** 63]
    keys += [k ^ 1 for k in keys[:200]]  # neighbours collide on the low bits
    for row, key in enumerate(keys * 2, 1):
        assert store.setdefault(key, row) == model.setdefault(key, row)
    assert len(store) == len(model)
    for key in keys + [12345, -98765]:
        assert store.get(key) == model.get(key)


def test_keystore_empty_and_pickled():
    store = KeyStore()
    assert store.get(42) is None and store.get(0, "none") == "none" and len(store) == 0
    store.setdefault(0, 7)
    store.setdefault(1025, 9)  # same slot as 1 in a 1,024-slot table
    store.setdefault(1, 3)
    again = pickle.loads(pickle.dumps(store))
    assert (again.get(0), again.get(1025), again.get(1), again.get(2049)) == (7, 9, 3, None)
