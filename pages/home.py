import streamlit as st

from regsosek import access, formats
from regsosek.ui import escape_markdown, page_setup
from regsosek.views import home as home_view

session = page_setup(access.HOME)
t = session.t
view = home_view.build(session.scope, session.snapshot)

st.title(t("page_home_title"))
st.markdown(t("home_welcome", name=escape_markdown(view.name)))
st.info(t(f"home_role_{view.role}", areas=", ".join(view.areas)))
lang = session.lang
st.caption(t("home_operation", start=formats.day(view.campaign_start, lang), end=formats.day(view.campaign_end, lang),
             workforce=formats.integer(view.workforce, lang)))

st.subheader(t("home_your_pages"))
st.markdown("\n".join(f"- [{t(f'page_{page_id}_title')}](/{page_id})" for page_id in view.pages))
