"""The built-in sound cues, shipped inside the package as ``hiptimer.sounds``."""
