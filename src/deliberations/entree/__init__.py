"""Reading input files: YAML, CSV and XLSX to plain data with positions."""
