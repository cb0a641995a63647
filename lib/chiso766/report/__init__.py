"""What the reader sees: the batch over notebooks, HTML, display helpers, charts, narrative,
the appendix workbook and the notice."""
