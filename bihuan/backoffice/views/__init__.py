"""Staff pages: thin views over the complaint selectors and services."""
