"""The built-in routines, shipped inside the package as ``hiptimer.routines``."""
