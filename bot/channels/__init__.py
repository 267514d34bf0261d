"""One module per platform; ``base`` holds what they share."""
