"""The domain layer: schema, official-file importers, illustrative data, and (later) indicators."""
