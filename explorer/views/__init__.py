"""The explorer's views: the index (filters, chart, map, table) and one page per record."""
