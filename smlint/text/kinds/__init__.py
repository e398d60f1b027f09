"""The closed set of copy rule kinds. Adding a kind = one module + one line here + its tests."""
from smlint.text.kinds.density import Density
from smlint.text.kinds.footnote import Footnote
from smlint.text.kinds.pattern import Pattern
from smlint.text.kinds.phrase import Phrase
from smlint.text.kinds.registry import Registry
from smlint.text.kinds.requires import Requires
from smlint.text.kinds.substitution import Substitution

KINDS = {
    "phrase": Phrase,
    "pattern": Pattern,
    "substitution": Substitution,
    "requires": Requires,
    "density": Density,
    "footnote": Footnote,
    "registry": Registry,
}
