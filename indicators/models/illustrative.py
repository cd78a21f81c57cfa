"""Generated (illustrative) records for domains with no public data. Every row says so."""
