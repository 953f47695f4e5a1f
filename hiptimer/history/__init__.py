"""Session history: a SQLite store fed by engine events, and the ``hiptimer history`` report.

``store.open_store`` opens the file (never raising at the workout);
``report.history_command`` prints it. Nothing is opened at import.
"""
