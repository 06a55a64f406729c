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


class _ReferencePlacer(LabelPlacer):
    """The placement as first written: every candidate box tested on its own, in order, by scanning all items."""

    def _free(self, box, gap, obstacle_gap=0.5):
        return box.inside(self.frame, 2.0) and not any(box.overlaps(o, gap) for o in self.labels) and not any(
            box.overlaps(o, obstacle_gap) for o in self.obstacles) and not any(
            segment_hits_box(s, box, 1.0) for s in self.leaders)

    @staticmethod
    def candidates(x, y, w, h, r, rings=7, step=9.0):
        import math

        d = r + 2.2
        for bx, by in ((x + d, y - h / 2), (x - d - w, y - h / 2), (x + d * 0.7, y + d * 0.7),
                       (x + d * 0.7, y - d * 0.7 - h), (x - d * 0.7 - w, y + d * 0.7),
                       (x - d * 0.7 - w, y - d * 0.7 - h), (x - w / 2, y + d), (x - w / 2, y - d - h)):
            yield Box(bx, by, bx + w, by + h), False
        for k in range(1, rings + 1):
            dist, n = d + k * step, 12 + 4 * k
            for i in range(n):
                a = (i + 1) // 2 * (1 if i % 2 else -1) * 2 * math.pi / n
                for side in (0.0, math.pi):
                    ang = a + side
                    cx, cy = x + dist * math.cos(ang), y + dist * math.sin(ang)
                    bx = cx if math.cos(ang) >= 0 else cx - w
                    by = cy - h / 2 + (h / 2) * math.sin(ang)
                    yield Box(bx, by, bx + w, by + h), True

    def place(self, x, y, w, h, r, own=None, fallback=True, rings=(6, 6)):
        best = None
        for strict, n_rings in ((True, rings[0]), (False, rings[1])):
            for box, needs_leader in self.candidates(x, y, w, h, r, rings=n_rings):
                if not self._free(box, 1.0):
                    if best is None and box.inside(self.frame, 2.0):
                        best = (box, needs_leader)
                    continue
                seg = self.leader(x, y, r, box) if needs_leader else None
                if seg is not None and not self._leader_free(seg, own, strict):
                    continue
                self.labels.append(box)
                if seg is not None:
                    self.leaders.append(seg)
                return box, seg, True
        if not fallback:
            return None, None, False
        box, needs_leader = best or (Box(x + r, y, x + r + w, y + h), False)
        seg = self.leader(x, y, r, box) if needs_leader else None
        self.labels.append(box)
        return box, seg, False

    def place_at(self, boxes, gap=2.0, obstacle_gaps=(0.5,)):
        boxes = list(boxes)
        for og in obstacle_gaps:
            for box in boxes:
                if self._free(box, gap, og):
                    self.labels.append(box)
                    return box
        return None


def test_candidate_arrays_match_the_reference_candidates():
    for args in ((100.0, 50.0, 30.0, 8.0, 5.0), (7.3, 911.1, 61.7, 17.2, 2.25)):
        for rings in (0, 6, 16):
            assert list(LabelPlacer.candidates(*args, rings=rings)) == list(
                _ReferencePlacer.candidates(*args, rings=rings))


def test_placement_equals_the_one_box_at_a_time_reference(tmp_path, monkeypatch):
    """On a crowded generated map the vectorised placer puts every label, leader and number where the
    straightforward reference does, and the drawn page is pixel for pixel the same."""
    import numpy as np

    from bench.datagen import make_folder
    from geo.load import load_dataset
    from layers.printmap import frame as frame_mod
    from layers.printmap import render as render_mod

    ds = load_dataset(make_folder(tmp_path / "gen", 160))

    def run(cls):
        calls = []

        class Recording(cls):
            def place(self, *a, **kw):
                out = super().place(*a, **kw)
                calls.append(out)
                return out

            def place_at(self, *a, **kw):
                out = super().place_at(*a, **kw)
                calls.append(out)
                return out

        monkeypatch.setattr(render_mod, "LabelPlacer", Recording)
        monkeypatch.setattr(frame_mod, "LabelPlacer", Recording)
        r = render(ds, View(), low_dpi())
        r.figure.canvas.draw()
        return calls, r, np.asarray(r.figure.canvas.buffer_rgba()).copy()

    calls, fast, fast_px = run(LabelPlacer)
    ref_calls, ref, ref_px = run(_ReferencePlacer)
    assert any(c[1] is not None for c in ref_calls if isinstance(c, tuple))  # leader lines were drawn
    assert ref.content.numbered  # and numbers used: the map is crowded
    assert calls == ref_calls
    assert fast.label_boxes == ref.label_boxes and fast.unplaced == ref.unplaced
    assert fast.content.numbered == ref.content.numbered and fast.texts == ref.texts
    assert np.array_equal(fast_px, ref_px)
