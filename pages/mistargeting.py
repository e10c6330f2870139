import streamlit as st

from regsosek.ui import page_setup

session = page_setup("mistargeting")
st.title(session.t("page_mistargeting_title"))
