"""The sector's view: where the accredited training offer falls short, as figures and charts."""
