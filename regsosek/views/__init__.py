"""One pure function per screen: `views.<screen>.build(scope, snapshot, **params) -> <Screen>View`.

A view holds everything its screen shows, already decided and already
suppressed: headline figures, frames with only the columns drawn, chart series,
selections, flags and the phase of the operation. It imports no Streamlit, so
every number can be tested fast against the raw snapshot and the benchmark
times exactly what a page does. Pages read the URL and widgets, call `build`,
and draw; they import neither duckdb nor the query layer and test no role.

Conventions:
- numbers come from named queries (`db.cached_run`), one definition each (docs/QUERIES.md);
- policy comes from the role spec's capabilities (`scope.spec.sees_sls_rows`, ...);
- thresholds come from `settings`;
- for roles that suppress, counts go through `privacy.protect` before they are put in the view:
  a hidden count is <NA>, never a string, and nothing that would give it back is left in.
"""
