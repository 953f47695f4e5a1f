"""Widgets of the workout screen, one per module."""
