"""Briefing snapshots: what a chart shows, rendered to images, slides, PDF and workbooks."""
