"""Tests mirroring the package."""
