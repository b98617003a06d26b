"""Importing archive lists and geodata: read, map columns, validate, then load.

Nothing is written until every row has been read and checked; by default one bad row
means nothing is committed, and the report names every problem by row and column.
"""
