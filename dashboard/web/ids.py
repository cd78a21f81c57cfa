"""Ids of the components every page shares (the address bar, the filters store), for the
modules that listen to them without depending on the shell that draws them."""

URL = "pk-url"  # dcc.Location: the page's address, whose query string holds the filters
STORE = "pk-filters"  # the filters as the filter bar checked them (Filters.to_query())
