"""Exports as received -> validated tidy tables: readers (file -> cell grids), tables (grid -> a
located table), text and number cleaning, and one module per export kind in `kinds/`, run by
`pipeline`."""
