"""Reading a GeoJSON FeatureCollection of grid boundaries for one community
and applying it all or nothing (``flask jusha import-grids``).

Every feature is checked before anything is written: a ``name`` property,
a closed valid Polygon inside China, and no overlap with another feature of
the file or with a grid of the community that the file does not redraw.
A grid whose name is already the community's is redrawn (its code updated
when the feature gives one); other names become new grids."""
import json
from dataclasses import dataclass, field

from shapely.geometry import shape
from sqlalchemy import select

from app.extensions import db
from app.grids import geo, service
from app.models import Community, Grid


class ImportRefused(Exception):
    def __init__(self, errors):
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


@dataclass
class Summary:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)


def find_community(text):
    community = db.session.execute(
        select(Community).where((Community.code == text) | (Community.name == text))).scalars().first()
    if community is None:
        raise ImportRefused([f"找不到社区「{text}」（请填写社区编码或名称）"])
    return community


def features_of(path):
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportRefused([f"文件不是有效的 GeoJSON：{error}"]) from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not isinstance(
            data.get("features"), list):
        raise ImportRefused(["文件须为 GeoJSON FeatureCollection"])
    if not data["features"]:
        raise ImportRefused(["文件中没有任何网格"])
    return data["features"]


def check(community, features, progress=lambda n: None):
    """[(name, code, geometry, polygon)] of the features, or ImportRefused
    with every error found, each naming its feature."""
    errors, checked, names = [], [], {}
    for number, feature in enumerate(features, start=1):
        progress(1)
        properties = feature.get("properties") if isinstance(feature, dict) else None
        properties = properties if isinstance(properties, dict) else {}
        name = str(properties.get("name") or "").strip()
        label = f"第 {number} 个网格" + (f"「{name}」" if name else "")
        code = properties.get("code")
        if not name:
            errors.append(f"{label}：缺少 name（网格名称）")
            continue
        if len(name) > 64:
            errors.append(f"{label}：网格名称不能超过 64 个字")
            continue
        if name in names:
            errors.append(f"{label}：与第 {names[name]} 个网格同名")
            continue
        names[name] = number
        if code is not None and not (isinstance(code, str) and 0 < len(code) <= 32):
            errors.append(f"{label}：code（网格编号）须为 1 到 32 个字符")
            continue
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        try:
            polygon = geo.polygon_from_geojson(geometry)
        except geo.BoundaryError as error:
            errors.append(f"{label}：{error}")
            continue
        except (TypeError, ValueError, AttributeError, IndexError):
            errors.append(f"{label}：边界格式不正确，须为 GeoJSON Polygon")
            continue
        checked.append((name, code, geometry, polygon))
    kept = [(g.name, shape(g.boundary)) for g in _existing(community).values()
            if g.boundary and g.name not in names]
    for index, (name, _, _, polygon) in enumerate(checked):
        later = [(other, p) for other, _, _, p in checked[index + 1:]]
        for clash in geo.overlapping(polygon, later):
            errors.append(f"网格「{name}」与文件中的网格「{clash}」重叠")
        for clash in geo.overlapping(polygon, kept):
            errors.append(f"网格「{name}」与社区现有网格「{clash}」重叠")
    if errors:
        raise ImportRefused(errors)
    return checked


def _existing(community):
    return {g.name: g for g in db.session.execute(select(Grid).where(Grid.community_id == community.id)).scalars()}


def apply(community, checked, progress=lambda n: None):
    """Write the checked grids into the session (the caller commits)."""
    summary, existing = Summary(), _existing(community)
    for name, code, geometry, polygon in checked:
        progress(1)
        grid = existing.get(name)
        if grid is None:
            grid = Grid(community_id=community.id, name=name, code=code or service._next_code(community))
            service.set_boundary(grid, geometry, polygon)
            db.session.add(grid)
            db.session.flush()
            summary.created.append(name)
        elif grid.boundary == geometry and (code is None or grid.code == code):
            summary.unchanged.append(name)
        else:
            service.set_boundary(grid, geometry, polygon)
            if code:
                grid.code = code
            summary.updated.append(name)
    return summary
