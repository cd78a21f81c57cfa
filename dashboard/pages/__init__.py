"""Page modules: each registers itself with Dash Pages and declares what it shows."""
