"""What the reader sees: the batch over notebooks, HTML, display helpers, charts, narrative,
the appendix workbook and the notice."""

import sys

# nbformat imports jsonschema, which imports rfc3987-syntax when installed (jupyterlab's server
# pulls it in through jsonschema[format-nongpl]); that module compiles a Lark grammar at import,
# 2-3 s of CPU per process, for IRI formats nothing here checks (nbformat validates with
# fastjsonschema). Marking it absent makes jsonschema skip it, as where it is not installed.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
