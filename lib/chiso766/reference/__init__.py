"""Facts the tool knows before reading any export: provinces and units, the 1/7/2025 crosswalk,
periods, indicator groups and the catalogue of sub-indicators, unit levels, working days."""
