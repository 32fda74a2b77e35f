"""The grid a reported location lies in, and which boundaries can be a grid's."""
import pytest

from app.extensions import db
from app.grids.geo import BoundaryError, bounding_box, grid_for_location, overlapping, polygon_from_geojson
from app.models import Community, Grid


def square(lng, lat, size=0.01):
    return {"type": "Polygon", "coordinates": [[[lng, lat], [lng + size, lat], [lng + size, lat + size],
                                                [lng, lat + size], [lng, lat]]]}


def add_grid(community, name, boundary):
    polygon = polygon_from_geojson(boundary)
    min_lat, max_lat, min_lng, max_lng = bounding_box(polygon)
    grid = Grid(community_id=community.id, name=name, code=f"{community.code}-{name}", boundary=boundary,
                min_lat=min_lat, max_lat=max_lat, min_lng=min_lng, max_lng=max_lng)
    db.session.add(grid)
    db.session.commit()
    return grid


def test_a_point_finds_the_grid_that_holds_it(ctx):
    community = Community(name="七格社区", code="qige")
    db.session.add(community)
    db.session.commit()
    west = add_grid(community, "第一网格", square(120.30, 30.30))
    east = add_grid(community, "第二网格", square(120.31, 30.30))

    assert grid_for_location(30.305, 120.305) == west
    assert grid_for_location(30.305, 120.315) == east
    assert grid_for_location(30.305, 120.310) == west  # a shared edge goes to the older grid
    assert grid_for_location(30.40, 120.40) is None
    assert grid_for_location(30.305, 120.315, community_id=community.id + 1) is None


@pytest.mark.parametrize("boundary, message", [
    ({"type": "Point", "coordinates": [120.3, 30.3]}, "Polygon"),
    ({"type": "Polygon", "coordinates": [[[120.3, 30.3], [120.31, 30.3], [120.31, 30.31], [120.3, 30.31]]]},
     "未闭合"),
    ({"type": "Polygon", "coordinates": [[[120.3, 30.3], [120.31, 30.31], [120.31, 30.3], [120.3, 30.31],
                                          [120.3, 30.3]]]}, "自相交"),
    ({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}, "中国境内"),
    ({"type": "Polygon", "coordinates": [[["a", 30.3], [120.31, 30.3], [120.31, 30.31], ["a", 30.3]]]}, "数字"),
])
def test_a_boundary_that_cannot_be_a_grid_is_refused_in_chinese(boundary, message):
    with pytest.raises(BoundaryError, match=message):
        polygon_from_geojson(boundary)


def test_overlap_is_found_but_a_shared_edge_is_not():
    base = polygon_from_geojson(square(120.30, 30.30))
    beside = polygon_from_geojson(square(120.31, 30.30))
    across = polygon_from_geojson(square(120.305, 30.305))
    assert overlapping(base, [("旁边", beside)]) == []
    assert overlapping(base, [("旁边", beside), ("压线", across)]) == ["压线"]
