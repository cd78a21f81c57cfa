"""Measures: the only modules that know table and column names. Each declares its indicators."""
