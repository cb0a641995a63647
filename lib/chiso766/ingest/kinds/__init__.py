"""One module per export kind."""
