"""Grids (网格) of each community: boundaries, the grid a location lies in."""
