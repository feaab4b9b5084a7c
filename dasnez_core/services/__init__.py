"""Use cases. Each takes a DB session, the acting Actor and plain values; validates,
asks `permissions`, writes in the caller's transaction and returns a small read model."""
