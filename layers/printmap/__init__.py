"""The print map: a view as a report-ready PNG, PDF or SVG page (matplotlib + geopandas).

Modules, in the order a page is made (entry points: ``export.export_map`` for the file's bytes,
``render.render`` for the figure, ``page.PrintOptions`` for paper, orientation and resolution):

================  =====================================================================================
``export.py``     ``export_map`` (bytes of a PNG, PDF or SVG), ``save_figure``, ``per_district_views``
``render.py``     ``render``: the whole page drawn (districts, parks, labels, furniture, legend, title, footer)
``content.py``    ``prepare``: what the map shows (parks, districts, extent, inset, legend entries);
                  ``describe_view``: the default title and the filters in words
``page.py``       ``PrintOptions``, paper sizes, units and ink; where map, legend, title and footer sit
``placement.py``  ``LabelPlacer``: park and district names placed clear of each other (leader lines), a search's
                  candidate boxes tested together; ``LABEL_BUDGET``: how many parks a page names at most
``frame.py``      the enlarged inset of the parks' area, the scale bar and the north arrow
``legend.py``     the legend panel (``NumberedRoom``: its numbered list never runs off it) and the footer
                  (parks left unlabelled, sources, method, date, credit)
``marks.py``      park markers as collections, polygon paths, logistics diamonds, dash patterns, haloed text
``text.py``       the words on the map (zh/en), wrapping, park labels shortened and broken
``fonts.py``      the CJK font (``mplfonts``): finding, registering, coverage, TrueType subset for PDF
================  =====================================================================================
"""
