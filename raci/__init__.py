"""raci: RACI matrices for sales and marketing work, sized to the company."""

import os

# openpyxl picks its XML writer once, as it is first imported: through lxml when it can import it,
# else the standard library's, and the bytes differ (and Gnumeric drops charts lxml writes). raci's
# workbooks are the same on every machine: unless the caller chose, openpyxl imported after raci
# uses the standard library (raci.render.xlsx.standard_library_xml covers an openpyxl imported earlier).
os.environ.setdefault("OPENPYXL_LXML", "False")

__version__ = "0.1.0"
