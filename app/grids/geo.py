"""Grid boundaries as geometry: validating a GeoJSON polygon and finding the
grid a point lies in. Coordinates are GCJ-02 [lng, lat], as wx.getLocation
and WeChat's maps give them; at a community's scale the datum's offsets are
the same for every point, so planar tests on degrees are exact enough."""
from shapely.geometry import Point, shape
from shapely.validation import explain_validity

from app.extensions import db
from app.models import Grid


class BoundaryError(ValueError):
    """A boundary that cannot be a grid's; the message is Chinese, for people."""


def polygon_from_geojson(geometry):
    """A valid shapely Polygon from a GeoJSON geometry dict, or BoundaryError."""
    if not isinstance(geometry, dict) or geometry.get("type") != "Polygon":
        raise BoundaryError("边界必须是 GeoJSON Polygon")
    rings = geometry.get("coordinates")
    if not isinstance(rings, list) or not rings or not isinstance(rings[0], list) or len(rings[0]) < 4:
        raise BoundaryError("边界至少需要 4 个坐标点（首尾相同）")
    outer = rings[0]
    if outer[0] != outer[-1]:
        raise BoundaryError("边界未闭合：首尾坐标必须相同")
    for point in (p for ring in rings for p in ring):
        if (not isinstance(point, (list, tuple)) or len(point) < 2
                or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in point[:2])):
            raise BoundaryError("坐标必须是 [经度, 纬度] 数字对")
        lng, lat = point[0], point[1]
        if not (73 <= lng <= 136 and 3 <= lat <= 54):
            raise BoundaryError(f"坐标 [{lng}, {lat}] 不在中国境内")
    polygon = shape(geometry)
    if not polygon.is_valid:
        raise BoundaryError(f"边界自相交或无效：{explain_validity(polygon)}")
    if polygon.area <= 0:
        raise BoundaryError("边界面积为零")
    return polygon


def bounding_box(polygon):
    """The (min_lat, max_lat, min_lng, max_lng) columns of a Grid."""
    min_lng, min_lat, max_lng, max_lat = polygon.bounds
    return min_lat, max_lat, min_lng, max_lng


def overlapping(polygon, others):
    """The (name, polygon) pairs of ``others`` whose interiors overlap
    ``polygon`` (sharing an edge is not overlapping)."""
    return [name for name, other in others if polygon.intersection(other).area > 1e-12]


def grid_for_location(latitude, longitude, community_id=None):
    """The grid whose boundary holds the point, or None. An index on the
    bounding boxes narrows the candidates; the polygon test decides. A point
    on a shared edge belongs to the grid with the lowest id, so the answer
    is stable."""
    query = db.select(Grid).where(
        Grid.min_lat <= latitude, Grid.max_lat >= latitude,
        Grid.min_lng <= longitude, Grid.max_lng >= longitude,
    ).order_by(Grid.id)
    if community_id is not None:
        query = query.where(Grid.community_id == community_id)
    point = Point(longitude, latitude)
    for grid in db.session.execute(query).scalars():
        if grid.boundary and shape(grid.boundary).covers(point):
            return grid
    return None
