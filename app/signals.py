"""Named signals: how something that happened in one area reaches the areas
that react to it, without the first area importing the others.

The sending area calls ``<signal>.send(current_app._get_current_object(), **kwargs)``
after its own work is committed; each receiving area connects its receiver
for the app in its ``init_app`` (called from ``create_app``), so a receiver
is wired exactly where it lives and a test can disconnect it. Receivers run
synchronously, in the sender's thread and app context, in the order they were
connected; each one starts from the session as the sender left it (its work
committed) and commits or rolls back its own. A receiver that must not fail
the sender (a notice after an approval) catches its own errors: blinker
passes an exception on to whoever called ``send``.

Signals (sender: the Flask app, always):

``checked_in``
    Sent by ``app.checkin`` (a scan, or an organiser's check-in by hand) when
    a check-in row was added and committed; not for repeated scans.
    kwargs: ``event_id``, ``user_id``, ``host_community_id``,
    ``host_member_unit_id`` (the event's host), ``checked_in_at``.
    Receivers: ``app.screen`` tells the 数据大屏's live streams (Redis pub/sub).

``checked_out``
    Sent by ``app.checkin`` (a scan, or an organiser's check-in by hand) when
    a check-out row was added and committed; not for repeated scans.
    kwargs: ``event_id``, ``user_id``, ``credits_hours`` (whether the event
    counts as volunteer service), ``checked_in_at``, ``checked_out_at``.
    Receivers: ``app.hours`` makes or refreshes the volunteer's service record.

``hours_approved``
    Sent by ``app.hours`` after approved service records are committed
    (never for a record that was not approved).
    kwargs: ``records``, the approved ``ServiceRecord`` rows.
    Receivers: ``app.notices`` sends "hours credited" to those who allowed it.

``event_changed``
    Sent by ``app.events`` after an organiser's edit of an event is committed.
    kwargs: ``event_id``.
    Receivers: ``app.checkin`` forgets its cached copy of the event.

``event_cancelled``
    Sent by ``app.events`` after a cancellation is committed.
    kwargs: ``event_ids`` (the event and the activities cancelled with it),
    ``reason``.
    Receivers: ``app.checkin`` forgets its cached copies of those events.

``account_closed``
    Sent by ``app.volunteers`` after a person's account closing (anonymising)
    is committed. kwargs: ``user_id``.
    Receivers: ``app.files`` deletes the person's uploaded photos; ``app.residents``
    revokes their resident cards and ends their family links (家属代签).
    Receivers: ``app.files`` deletes the person's uploaded photos; ``app.lectures``
    deletes their online learning time and unlinks a lecturer profile from the account.
    Receivers: ``app.files`` deletes the person's uploaded photos; ``app.patrols``
    deletes their patrol tracks and the places they passed checkpoints from.
    Receivers: ``app.files`` deletes the person's uploaded photos;
    ``app.consultations`` erases the text of their 议事 comments.
    Receivers: ``app.files`` deletes the person's uploaded photos; ``app.hall``
    ends their judge appointments to contests still open.
    Receivers: ``app.files`` deletes the person's uploaded photos.
    ``app.reports`` unlinks the person from the 随手拍 reports they filed.
    Receivers: ``app.files`` deletes the person's uploaded photos;
    ``app.households`` ends their pairings, removes them from their visit
    rows, revokes their 联户证 and deletes the messages sent to or by them.

``wechat_event_pushed``
    Sent by ``app.wechat`` (push_routes.py) for each event WeChat pushes to
    the app, once its signature is verified. kwargs: ``event`` (its
    ``Event``, e.g. ``wxa_media_check``), ``payload`` (the whole JSON).
    An exception in a receiver makes the push fail, so WeChat pushes again.
    Receivers: ``app.files`` records media check verdicts.

``upload_flagged``
    Sent by ``app.files`` when WeChat's media check finds an upload risky
    (once per upload, after the verdict is committed). From then on
    ``app.files.service.present_uploads`` leaves it out and it cannot be
    attached again. kwargs: ``upload_id``, ``owner_id``, ``purpose``.
    Receivers: the areas that attach photos (needs, duties, whistles) may
    hide or flag what it was attached to.
``need_done``
    Sent by ``app.needs`` after the commit that made a need done (every live
    duty of it done): counted by the big screen's "needs done this month".
    kwargs: ``need_id``, ``community_id``, ``unit_ids`` (the units that did it).

``duty_closed``
    Sent by ``app.needs`` after a duty is closed: rated by whoever raised the
    need, or closed by itself 7 days after done. Feeds the units' reports.
    kwargs: ``duty_id``, ``need_id``, ``unit_id``, ``rating`` (1-5, None when
    closed unrated), ``automatic`` (True for the 7-day close).
``whistle_closed``
    Sent by ``app.whistles`` after a whistle's close (with its summary, and
    any needs or project made from it) is committed.
    kwargs: ``whistle_id``, ``community_id``, ``reported_unit_ids`` (units
    that reported for duty), ``need_ids``, ``project_id`` (or None).
    Receivers: none yet (the units' yearly report reads whistles directly).
"""
from blinker import Namespace

_signals = Namespace()

checked_in = _signals.signal("checked-in", doc="a new check-in row was committed (see app.signals)")
checked_out = _signals.signal("checked-out", doc="a new check-out row was committed (see app.signals)")
hours_approved = _signals.signal("hours-approved", doc="service records were approved and committed")
event_changed = _signals.signal("event-changed", doc="an organiser's edit of an event was committed")
event_cancelled = _signals.signal("event-cancelled", doc="an event (and its activities) was cancelled")
account_closed = _signals.signal("account-closed", doc="a person's account closing was committed")
wechat_event_pushed = _signals.signal("wechat-event-pushed", doc="WeChat pushed an event (signature verified)")
upload_flagged = _signals.signal("upload-flagged", doc="WeChat's media check found an upload risky")
need_done = _signals.signal("need-done", doc="a need was done by every unit holding it (see app.signals)")
duty_closed = _signals.signal("duty-closed", doc="a duty was rated or closed itself after 7 days")
whistle_closed = _signals.signal("whistle-closed", doc="a whistle was closed and the close committed")
