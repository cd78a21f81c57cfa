"""Importer of the UN's monthly reports of uniformed personnel by mission, country, type and
gender (PDF, 2015 onward): page words -> layout -> rows checked against printed totals."""
