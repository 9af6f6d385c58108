"""The sector's reference data: vocabularies, legal requirements, schemes and rules, kept as data files."""
