"""The public portal: complainants file, track, add to and rate their complaints."""
