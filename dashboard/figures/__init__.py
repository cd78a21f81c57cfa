"""Figure builders: pure functions from a tidy frame to a plotly figure, one module per kind."""
