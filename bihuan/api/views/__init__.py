"""The API's views: thin adapters over the complaint selectors, forms and services."""
