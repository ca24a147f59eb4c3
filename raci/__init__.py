"""raci: RACI matrices for sales and marketing work, sized to the company."""

__version__ = "0.1.0"
