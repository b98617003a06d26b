"""Pure text functions: dates, names, coordinates as people write them."""
