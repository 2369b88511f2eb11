"""Reading a page into an article."""
