"""Tests of layers/printmap/placement.py: park labels placed clear of each other, markers and the frame."""

from __future__ import annotations

import pytest
from print_fixtures import low_dpi

from geo.view import View, apply_view
from layers.printmap.placement import Box, LabelPlacer, segment_hits_box
from layers.printmap.render import render


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_park_labels_do_not_collide_and_stay_in_the_frame(shipped, lang):
    views = [View(lang=lang)] + [View(lang=lang, districts=(d,)) for d in sorted(set(shipped.parks["district"]))]
    for view in views:
        r = render(shipped, view, low_dpi())
        n = len(apply_view(shipped, view))
        assert len(r.label_boxes) == n
        if view.districts:
            assert r.unplaced == []
        else:  # the whole city at A4: a dense inset may leave a number touching a neighbour, never a park unnamed
            named = {name for _, name in r.content.numbered}
            rows = shipped.parks.set_index("park_id")
            col = "name_en" if lang == "en" else "name_zh"
            assert len(r.unplaced) <= 1 and all(rows.loc[p, col] in named for p in r.unplaced), r.unplaced
            continue
        boxes = r.label_boxes
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert not a.overlaps(b), f"{view}: labels overlap"


def test_label_placer_avoids_obstacles_and_falls_back():
    frame = Box(0, 0, 200, 100)
    placer = LabelPlacer(frame)
    placer.add_obstacle(Box(95, 45, 105, 55))  # the marker itself
    first, leader, ok = placer.place(100, 50, 30, 8, 5)
    assert ok and not leader
    assert not first.overlaps(Box(95, 45, 105, 55), 0.5)
    second, _, ok2 = placer.place(100, 50, 30, 8, 5)
    assert ok2 and not second.overlaps(first)
    tiny = LabelPlacer(Box(0, 0, 20, 20))
    _, _, ok3 = tiny.place(10, 10, 50, 8, 2)  # cannot fit: reported, not hidden
    assert not ok3


def test_label_placer_index_agrees_with_a_full_scan():
    """The placer's grid index answers 'is this box free?' exactly as scanning every placed item would."""
    import random

    rnd = random.Random(7)
    frame = Box(0, 0, 600, 400)
    placer = LabelPlacer(frame)
    for _ in range(300):
        x, y = rnd.uniform(0, 590), rnd.uniform(0, 390)
        placer.add_obstacle(Box(x, y, x + rnd.uniform(1, 12), y + rnd.uniform(1, 12)))
    for _ in range(300):
        placer.place(rnd.uniform(10, 590), rnd.uniform(10, 390), rnd.uniform(10, 60), rnd.uniform(5, 12), 4.0)

    def scan(box, gap, og):
        return box.inside(frame, 2.0) and not any(box.overlaps(o, gap) for o in placer.labels) and not any(
            box.overlaps(o, og) for o in placer.obstacles) and not any(
            segment_hits_box(s, box, 1.0) for s in placer.leaders)

    for _ in range(2000):
        x, y = rnd.uniform(-20, 620), rnd.uniform(-20, 420)
        box = Box(x, y, x + rnd.uniform(2, 80), y + rnd.uniform(2, 20))
        gap, og = rnd.choice([0.5, 1.0, 3.0]), rnd.choice([0.5, 6.0, 14.0])
        assert placer._free(box, gap, og) == scan(box, gap, og)
