"""Demo patrols: 智格社区巡防中队 patrols 智格社区 on 东线 (four checkpoints
around the community office). 周巡防 (``demo-patroller``, in app/cli/demo.py
PEOPLE) and 吴巡防 are its volunteers; the last days' patrols are finished
and credited (service records awaiting approval), and 周巡防 has one running
now. Runs after the grids demo; running it twice adds nothing."""
from datetime import timedelta

from app.extensions import db
from app.models import (
    Checkpoint,
    CheckpointPass,
    Community,
    Grid,
    Patrol,
    PatrolRoute,
    PatrolTeam,
    Team,
    TeamMembership,
    TrackPoint,
    User,
    VolunteerProfile,
    utcnow,
)
from app.patrols import service_hours, track

SQUAD = "智格社区巡防中队"
PATROLLERS = [("demo-patroller", "周巡防", "330114198505051"), ("demo-patroller-2", "吴巡防", "330114199003031")]
ROUTE = "东线"
# (name, Δlat, Δlng) from the community office
CHECKPOINTS = [("社区党群服务中心", 0.0, 0.0), ("东门岗亭", 0.0, 0.0018), ("河边凉亭", 0.0015, 0.0018),
               ("北区停车场", 0.0015, 0.0)]
# (patroller index, days ago, minutes walked); the last one is running now
PATROLS = [(0, 6, 75), (1, 5, 60), (0, 3, 90), (1, 2, 50), (0, 1, 65)]


def _patroller(openid, name, id17, community, squad):
    from app.volunteers import identity
    from app.volunteers.consent import CONSENT_VERSION

    user = db.session.execute(db.select(User).filter_by(openid=openid)).scalar_one_or_none()
    if user is None:
        user = User(openid=openid, name=name, community_id=community.id)
        db.session.add(user)
        db.session.flush()
    if db.session.execute(db.select(VolunteerProfile).filter_by(user_id=user.id)).scalar_one_or_none() is None:
        id_number = id17 + "23" + identity.id_check_char(id17 + "23")
        db.session.add(VolunteerProfile(
            user_id=user.id, real_name=name, phone="13800000011", community_id=community.id, team_id=squad.id,
            status="approved", skills=["巡防"], id_number_encrypted=identity.encrypt_id_number(id_number),
            id_number_masked=identity.mask_id_number(id_number), id_number_digest=identity.id_number_digest(id_number),
            consent_version=CONSENT_VERSION, consented_at=utcnow(), reviewed_at=utcnow()))
        db.session.add(TeamMembership(user_id=user.id, team_id=squad.id))
    db.session.commit()
    return user


def _walk(patrol, route, minutes, now):
    """Track points every two minutes along the checkpoints, each passed."""
    points, spots = [], route.checkpoints + route.checkpoints[:1]
    steps = max(1, minutes // 2)
    for i in range(steps + 1):
        leg = min(len(spots) - 2, i * (len(spots) - 1) // (steps + 1))
        start, end = spots[leg], spots[leg + 1]
        share = (i * (len(spots) - 1) / (steps + 1)) - leg
        at = patrol.started_at + timedelta(minutes=2 * i)
        if at > now:
            break
        points.append({"latitude": start.latitude + (end.latitude - start.latitude) * share,
                       "longitude": start.longitude + (end.longitude - start.longitude) * share, "recorded_at": at})
    walked, anchor = track.walk(track.Anchor(None, None, None), points)
    for step in walked:
        db.session.add(TrackPoint(patrol_id=patrol.id, recorded_at=step.recorded_at, latitude=step.latitude,
                                  longitude=step.longitude, counted=step.counted))
    patrol.distance_m, patrol.track_points = sum(s.metres for s in walked), len(walked)
    patrol.last_latitude, patrol.last_longitude, patrol.last_point_at = anchor.latitude, anchor.longitude, anchor.at
    share = len(points) / (steps + 1)
    for index, checkpoint in enumerate(route.checkpoints):
        if index / len(route.checkpoints) <= share:
            db.session.add(CheckpointPass(patrol_id=patrol.id, checkpoint_id=checkpoint.id,
                                          method="code" if index % 2 == 0 else "location",
                                          passed_at=patrol.started_at + timedelta(minutes=minutes * index // 4)))


def seed_patrols():
    squad = db.session.execute(db.select(Team).filter_by(name=SQUAD)).scalar_one_or_none()
    if squad is None or db.session.execute(db.select(PatrolTeam.id).filter_by(team_id=squad.id)).scalar():
        return "patrols: already there (or no squad to patrol)"
    community = db.session.execute(db.select(Community).filter_by(code="zhige")).scalar_one()
    grid = db.session.execute(db.select(Grid).filter_by(code="zhige-01")).scalar_one_or_none()
    patrol_team = PatrolTeam(team_id=squad.id, community_id=community.id, grid_id=grid.id if grid else None)
    route = PatrolRoute(patrol_team=patrol_team, name=ROUTE, description="每日傍晚巡查东区楼道、河道和停车场",
                        is_active=True)
    for position, (name, dlat, dlng) in enumerate(CHECKPOINTS, start=1):
        route.checkpoints.append(Checkpoint(position=position, name=name, latitude=round(community.latitude + dlat, 6),
                                            longitude=round(community.longitude + dlng, 6), radius_m=50))
    db.session.add_all([patrol_team, route])
    db.session.commit()
    people = [_patroller(openid, name, id17, community, squad) for openid, name, id17 in PATROLLERS]
    now = utcnow()
    finished = []
    for who, days, minutes in PATROLS:
        started = (now - timedelta(days=days)).replace(hour=10, minute=30, second=0, microsecond=0)  # 18:30 in 下沙
        patrol = Patrol(user_id=people[who].id, route_id=route.id, patrol_team_id=patrol_team.id, status="ended",
                        started_at=started, ended_at=started + timedelta(minutes=minutes))
        db.session.add(patrol)
        db.session.flush()
        _walk(patrol, route, minutes, now)
        finished.append(patrol)
    running = Patrol(user_id=people[0].id, route_id=route.id, patrol_team_id=patrol_team.id, status="open",
                     started_at=now - timedelta(minutes=20))
    db.session.add(running)
    db.session.flush()
    _walk(running, route, 60, now)
    db.session.commit()
    for patrol in finished:
        service_hours.credit(patrol)
    return f"patrols: {SQUAD} on {ROUTE} ({len(CHECKPOINTS)} checkpoints), {len(finished)} finished, 1 running"


def seed_grids_and_patrols():
    """The one call in the demo command: grids first, the patrols use them."""
    from app.grids.demo import seed_grids

    return f"{seed_grids()}; {seed_patrols()}"
