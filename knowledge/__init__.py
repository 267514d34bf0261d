"""The procedure knowledge base: data files, schema, validation, text normalisation, matcher."""
