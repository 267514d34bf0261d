"""Human handoff: volunteers, tickets, claims and the relay between citizen and volunteer."""
