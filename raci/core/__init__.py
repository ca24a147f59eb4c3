"""Pure computation on the model: letters, shares, checks, the report, sizes, comparisons. Reads and writes nothing."""
