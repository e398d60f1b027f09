"""Only what pyproject.toml cannot say: ship the top-level rules/ folder as the package smlint._rules."""
from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["smlint", "smlint.*"]), "smlint._rules"])
