"""Reading and writing the TOML formats: organisation profiles and incidents."""
