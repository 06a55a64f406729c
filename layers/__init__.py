"""Map layers: GeoDataFrames to folium layers (web) and matplotlib axes (print)."""
