"""hiptimer: a terminal guided-workout timer for hip strength and mobility routines."""

__version__ = "0.1.0"
