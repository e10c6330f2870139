import streamlit as st

from regsosek import access, facts, reference
from regsosek.ui import NAV_SECTIONS, page_setup

session = page_setup(access.HOME)
t = session.t
scope = session.scope

st.title(t("page_home_title"))
st.markdown(t("home_welcome", name=st.session_state.get("name") or scope.username))
areas = ", ".join(reference.kab_names()[k] for k in scope.kab_codes) if scope.spec.scoped_to_kab else ""
st.info(t(f"home_role_{scope.role}", areas=areas))
st.caption(t("home_operation", start=facts.CAMPAIGN_START.strftime("%d-%m-%Y"),
             end=facts.CAMPAIGN_END.strftime("%d-%m-%Y"), workforce=f"{facts.WORKFORCE_TOTAL:,}".replace(",", ".")))

st.subheader(t("home_your_pages"))
links = [f"- [{t(f'page_{page_id}_title')}](/{page_id})"
         for _, page_ids in NAV_SECTIONS for page_id in page_ids
         if page_id != access.HOME and access.may_open(scope.role, page_id)]
st.markdown("\n".join(links))
