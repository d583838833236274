"""Charts from data: the spec a deck writes, the data it reads, and pictures drawn to size.

- ``spec``: the ``chart:`` mapping, validated; ``data``: CSV or inline rows, checked at the
  chart's YAML position; ``alt``: alt text from the data; ``numbers``: the number format.
- ``emphasis``, ``geometry``, ``style``: what to stress, where things go, how it looks,
  decided without matplotlib (the native chart writer in ``render/`` reads them too).
- ``canvas``, ``plots``: drawing on the axes the renderer hands them; ``render``: the only
  module that imports matplotlib; ``job``, ``cache``, ``batch``: content keys, the PNG
  cache and parallel rendering.

Validating a deck, or rebuilding it with every chart cached, never imports matplotlib.
"""
