// plotly.js with only the trace types the dashboard draws (dashboard/figures). Adding a chart
// of another type? Register its module here, rebuild (npm ci && npm run build), and
// tests/dashboard/test_plotly_bundle.py checks the bundle has every type the code makes.
var Plotly = require('plotly.js/lib/core'); // includes scatter

Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/heatmap'),
    require('plotly.js/lib/sankey'),
    require('plotly.js/lib/scattergeo'),
]);

module.exports = Plotly;
