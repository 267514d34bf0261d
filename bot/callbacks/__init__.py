"""Call-backs: the phone numbers citizens leave when nobody can answer them now."""
