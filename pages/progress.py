import streamlit as st

from regsosek.ui import page_setup

session = page_setup("progress")
st.title(session.t("page_progress_title"))
