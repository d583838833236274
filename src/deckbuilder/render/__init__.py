"""Render: IR in, .pptx bytes out (the package written here; python-pptx only makes native
charts)."""
