"""Regsosek Jawa Timur dashboard: shared logic for the Streamlit pages and the CLI."""

import os

__version__ = "0.1.0"

# Nearly everything this project writes holds personal data or a secret: snapshots, the
# warehouse, users, the audit log, saved lists, accepted terms. Whatever process imports it
# (the app, the CLI) creates files and folders readable by its own user only.
os.umask(0o077)
