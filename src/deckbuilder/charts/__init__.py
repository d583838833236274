"""Charts: spec (validated in the model), data loading, matplotlib rendering and caching.

Only ``charts.render`` imports matplotlib, so validating a deck stays fast.
"""
