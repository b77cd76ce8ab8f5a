// Placeholder: the worker issue fills this in.
print("clustermatch-worker: not yet implemented")
