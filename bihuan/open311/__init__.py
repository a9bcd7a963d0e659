"""An Open311 GeoReport v2 server at /open311/v2/."""
