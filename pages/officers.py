import streamlit as st

from regsosek.ui import page_setup

session = page_setup("officers")
st.title(session.t("page_officers_title"))
