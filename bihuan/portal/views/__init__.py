"""The portal's pages: thin views over the complaint services and the public view."""
