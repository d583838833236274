"""Render: the only stage that imports python-pptx. IR in, .pptx bytes out."""
