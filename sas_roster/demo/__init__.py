"""The invented demo association (no real persons) and its loader."""

from .generator import DemoData, build_demo

__all__ = ["DemoData", "build_demo"]
