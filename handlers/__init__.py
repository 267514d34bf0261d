"""Channel-agnostic conversation logic: an event and the stored state in, replies out."""
