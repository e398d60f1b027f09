"""``python -m smlint``."""
from smlint.cli import main

if __name__ == "__main__":
    main()
