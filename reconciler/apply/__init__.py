"""Stage 3, apply: execute a Plan's steps through the API client."""
