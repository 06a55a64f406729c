"""Domain logic for 园区产业地图: data, validation, joins, analysis, CLI."""
