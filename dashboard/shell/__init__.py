"""What every page shares: layout, filter bar and its callbacks, language switch, notices."""
