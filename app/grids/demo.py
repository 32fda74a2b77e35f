"""Demo grids: two side by side in each of the seven communities, drawn as
GCJ-02 rectangles around the community's office (app/cli/demo.py
COMMUNITY_LOCATIONS), and their people: 陈阿姨 leads 铭和's first grid and 刘大伯
works 智格's. Running it twice adds nothing (grids are found by code)."""
from app.auth import grants, roles
from app.extensions import db
from app.grids import geo
from app.models import Community, Grid, User

HALF_LAT, WIDTH_LNG = 0.0025, 0.003
GRID_NAMES = ("第一网格", "第二网格")
# (openid, role, community code, grid number)
GRID_PEOPLE = [("demo-resident", roles.GRID_LEADER, "minghe", 1), ("demo-resident-2", roles.GRID_WORKER, "zhige", 1)]


def rectangle(west, south, east, north):
    return {"type": "Polygon", "coordinates": [[[west, south], [east, south], [east, north], [west, north],
                                                [west, south]]]}


def boundaries(latitude, longitude):
    """The west and east grids of a community whose office stands here."""
    south, north = round(latitude - HALF_LAT, 6), round(latitude + HALF_LAT, 6)
    return [rectangle(round(longitude - WIDTH_LNG, 6), south, longitude, north),
            rectangle(longitude, south, round(longitude + WIDTH_LNG, 6), north)]


def seed_grids():
    communities = db.session.execute(db.select(Community).where(Community.latitude.is_not(None))
                                     .order_by(Community.id)).scalars().all()
    made = 0
    for community in communities:
        for number, (name, boundary) in enumerate(zip(GRID_NAMES, boundaries(community.latitude,
                                                                             community.longitude)), start=1):
            code = f"{community.code}-{number:02d}"
            if db.session.execute(db.select(Grid.id).filter_by(code=code)).scalar() is not None:
                continue
            polygon = geo.polygon_from_geojson(boundary)
            grid = Grid(community_id=community.id, name=f"{community.name}{name}", code=code, boundary=boundary)
            grid.min_lat, grid.max_lat, grid.min_lng, grid.max_lng = geo.bounding_box(polygon)
            db.session.add(grid)
            made += 1
    db.session.commit()
    for openid, role, code, number in GRID_PEOPLE:
        person = db.session.execute(db.select(User).filter_by(openid=openid)).scalar_one_or_none()
        grid = db.session.execute(db.select(Grid).filter_by(code=f"{code}-{number:02d}")).scalar_one_or_none()
        if person is not None and grid is not None:
            grants.give(person, role, roles.GRID, grid.id, actor_label="demo")
    return f"grids: {made} new, two in each community; grid people: {len(GRID_PEOPLE)}"
