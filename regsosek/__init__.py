"""Regsosek Jawa Timur dashboard: shared logic for the Streamlit pages and the CLI."""

__version__ = "0.1.0"
