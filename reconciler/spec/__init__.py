"""Stage 1, load: spec files (YAML) -> desired interviews. No network."""
