"""Full-text search over the published catalogue, with an index that follows the database."""
