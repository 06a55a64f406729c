"""The interactive web map: parks, footprints, districts and logistics parks as folium layers.

Each group is one GeoJSON layer whose features carry their data and drawing style as properties
(``_style``, pre-escaped ``_tip``/``_popup`` HTML, ``_label``/``_icon`` for DivIcons), so the same
small JavaScript draws any number of features. :func:`layers.web.build.layer_data` builds those GeoJSON
dicts (pure, cacheable); :func:`layers.web.build.build_map` turns them into a ``folium.Map``.

From :data:`geo.settings.WEB_CANVAS_MIN_PARKS` parks on (enterprise points, every district's parks)
the strategy changes: the parks become compact columns (:func:`layers.web.canvas.canvas_payload`: rounded
integer coordinates, palette indexes, no HTML) drawn by one canvas layer (``js/canvas.js``) that
aggregates dense views to grid cells and builds a tooltip or pop-up only for the park under the
pointer; footprints go on a canvas renderer, simplified by their size. 100,000 parks build in about
half a second and draw in under a second (``python -m bench.map_scale``).

Modules, in the order a map is made:

===================  =====================================================================================
``build.py``         ``layer_data`` (everything drawn, as plain data) and ``build_map`` (the folium map)
``features.py``      GeoJSON of park markers, tier rings, name labels, footprints, logistics parks, districts
``popups.py``        a park's pop-up and tooltip (``popup_html``, ``tooltip_html``) and ``Labels`` with colours
``canvas.py``        500 parks or more: ``canvas_payload`` (compact columns) and the ``CanvasParks`` layer
``js/canvas.js``     the canvas layer's script: drawing, grid cells, ``popupHtml``/``tipHtml`` (kept equal to
                     ``popups.py`` by tests/test_popup_parity.py)
``elements.py``      folium layers that put data and scripts into the page as they are (``GeoJsonGroup``);
                     ``js/point_to_layer.js`` and ``js/on_each_feature.js`` are its Leaflet callbacks
``legend.py``        the legend (``legend_html``, ``Legend``)
``page.py``          stylesheet, panes, spreading parks that share a site, fitting, tile fallback (``PageStyle``)
``selection.py``     the selected park's ring and which park a click refers to (``park_at_click``)
``geojson.py``       small GeoJSON pieces the modules above share
===================  =====================================================================================
"""
