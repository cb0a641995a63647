"""Clean tables on disk: Parquet, the manifest, locks, and the read-only month loader."""
