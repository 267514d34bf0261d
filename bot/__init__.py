"""motcua runtime: configuration, channels, storage, admin web and the command line."""
