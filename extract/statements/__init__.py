"""Reading money statements out of text."""
