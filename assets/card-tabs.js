// Each card's Chart / Table tabs (dbc.Tabs) are told of every change anywhere on the page.
// dash-bootstrap-components marks Tabs with `dashChildrenUpdate`, which makes Dash's renderer
// compare, for each Tabs on the page and at every store update, the tabs' paths with every
// path the page has updated so far: on a page of eleven cards, about a quarter of the
// renderer's work (a CPU profile of /conduct, benchmarks/README.md). The flag only matters
// when a tab's own properties (its label, tab_id or disabled) change after the page is drawn,
// and the dashboard never changes them: each card's chart and table live in their own
// components inside the tabs, which Dash updates directly. So the flag is removed, before the
// renderer starts (Dash links assets after the component libraries and before its renderer).
(function () {
    var library = window.dash_bootstrap_components;
    if (library && library.Tabs) {
        delete library.Tabs.dashChildrenUpdate;
    }
})();
