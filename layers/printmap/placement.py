"""Label placement on the print map: boxes in page points and the greedy ``LabelPlacer`` (with leader lines)."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass
class Box:
    """An axis-aligned box in page points (x0, y0 lower-left)."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box, gap: float = 0.0) -> bool:
        """Whether the boxes intersect (with ``gap`` points of clearance)."""
        return not (
            self.x1 + gap <= other.x0 or other.x1 + gap <= self.x0 or self.y1 + gap <= other.y0 or other.y1 + gap <= self.y0
        )

    def inside(self, other: Box, margin: float = 0.0) -> bool:
        """Whether this box lies within ``other`` shrunk by ``margin``."""
        return (
            self.x0 >= other.x0 + margin
            and self.y0 >= other.y0 + margin
            and self.x1 <= other.x1 - margin
            and self.y1 <= other.y1 - margin
        )


def segment_hits_box(seg: tuple[float, float, float, float], box: Box, pad: float = 0.0) -> bool:
    """Whether a line segment passes through a box grown by ``pad`` (Liang–Barsky clipping)."""
    x0, y0, x1, y1 = seg
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for p, q in (
        (-dx, x0 - (box.x0 - pad)),
        (dx, (box.x1 + pad) - x0),
        (-dy, y0 - (box.y0 - pad)),
        (dy, (box.y1 + pad) - y0),
    ):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            if t > t1:
                return False
            t0 = max(t0, t)
        else:
            if t < t0:
                return False
            t1 = min(t1, t)
    # touching only at the very end (where the leader meets its own label) does not count
    return t1 - t0 > 1e-6


def _segments_cross(a, b) -> bool:
    """Whether two segments properly intersect."""
    def orient(px, py, qx, qy, rx, ry):
        return (qx - px) * (ry - py) - (qy - py) * (rx - px)

    ax0, ay0, ax1, ay1 = a
    bx0, by0, bx1, by1 = b
    d1 = orient(bx0, by0, bx1, by1, ax0, ay0)
    d2 = orient(bx0, by0, bx1, by1, ax1, ay1)
    d3 = orient(ax0, ay0, ax1, ay1, bx0, by0)
    d4 = orient(ax0, ay0, ax1, ay1, bx1, by1)
    return d1 * d2 < 0 and d3 * d4 < 0


#: Up to this many parks on a map, a park's number searches farther rings for a free spot.
NUMBER_SEARCH_MAX_PARKS = 300


class LabelPlacer:
    """Greedy label placement: try candidate offsets around an anchor, keep the first free one.

    Parameters
    ----------
    frame : Box
        Labels must stay inside this box (the map frame, in page points).
    """

    #: Side (page points) of the grid cells that index placed labels, obstacles and leader lines.
    CELL = 24.0

    def __init__(self, frame: Box):
        self.frame = frame
        self.obstacles: list[Box] = []
        self.labels: list[Box] = []
        self.leaders: list[tuple[float, float, float, float]] = []
        # grid cell → indices into the lists above: a query looks only at what lies near it (linear overall)
        self._grid: dict[str, dict[tuple[int, int], list[int]]] = {"obstacles": {}, "labels": {}, "leaders": {}}
        self._seen = {"obstacles": 0, "labels": 0, "leaders": 0}

    def _cells(self, x0: float, y0: float, x1: float, y1: float):
        c = self.CELL
        for i in range(math.floor(x0 / c), math.floor(x1 / c) + 1):
            for j in range(math.floor(y0 / c), math.floor(y1 / c) + 1):
                yield i, j

    def _sync(self, kind: str) -> None:
        """Index items appended since the last query (the lists stay the public record)."""
        items, grid = getattr(self, kind), self._grid[kind]
        for k in range(self._seen[kind], len(items)):
            it = items[k]
            bb = (min(it[0], it[2]), min(it[1], it[3]), max(it[0], it[2]), max(it[1], it[3])) if kind == "leaders" \
                else (it.x0, it.y0, it.x1, it.y1)
            for cell in self._cells(*bb):
                grid.setdefault(cell, []).append(k)
        self._seen[kind] = len(items)

    def _near(self, kind: str, x0: float, y0: float, x1: float, y1: float, pad: float):
        """Items of ``kind`` whose bounding boxes may come within ``pad`` of the box (each once)."""
        self._sync(kind)
        items, grid, seen = getattr(self, kind), self._grid[kind], set()
        for cell in self._cells(x0 - pad, y0 - pad, x1 + pad, y1 + pad):
            for k in grid.get(cell, ()):
                if k not in seen:
                    seen.add(k)
                    yield items[k]

    def add_obstacle(self, box: Box) -> None:
        """Reserve an area (a marker, the scale bar …)."""
        self.obstacles.append(box)

    def _free(self, box: Box, gap: float, obstacle_gap: float = 0.5) -> bool:
        if not box.inside(self.frame, 2.0):
            return False
        bb = (box.x0, box.y0, box.x1, box.y1)
        return (
            not any(box.overlaps(o, gap) for o in self._near("labels", *bb, gap + 1.0))
            and not any(box.overlaps(o, obstacle_gap) for o in self._near("obstacles", *bb, obstacle_gap + 1.0))
            and not any(segment_hits_box(seg, box, 1.0) for seg in self._near("leaders", *bb, 2.0))
        )

    @staticmethod
    def leader(x: float, y: float, r: float, box: Box) -> tuple[float, float, float, float]:
        """Leader line from the edge of a marker at (x, y), radius ``r``, to the nearest point of ``box``."""
        nx, ny = min(max(x, box.x0), box.x1), min(max(y, box.y0), box.y1)
        dx, dy = nx - x, ny - y
        dist = math.hypot(dx, dy) or 1.0
        return x + dx / dist * r, y + dy / dist * r, nx, ny

    def _leader_free(self, seg, own: Box | None, strict: bool = True) -> bool:
        """A leader may not cross labels; when ``strict``, not other leaders or markers either (its own excepted)."""
        bb = (min(seg[0], seg[2]), min(seg[1], seg[3]), max(seg[0], seg[2]), max(seg[1], seg[3]))
        if any(segment_hits_box(seg, b, 0.5) for b in self._near("labels", *bb, 1.5)):
            return False
        if not strict:
            return True
        if any(_segments_cross(seg, other) for other in self._near("leaders", *bb, 1.0)):
            return False
        sx, sy = seg[0], seg[1]
        return not any(
            segment_hits_box(seg, o, 0.0)
            for o in self._near("obstacles", *bb, 1.0)
            if o is not own and not (o.x0 - 0.5 <= sx <= o.x1 + 0.5 and o.y0 - 0.5 <= sy <= o.y1 + 0.5)
        )

    @staticmethod
    def candidates(x: float, y: float, w: float, h: float, r: float, rings: int = 7, step: float = 9.0):
        """Candidate label boxes around a marker at (x, y) of radius ``r`` (page points), nearest first.

        Yields (box, leader) where ``leader`` says whether a leader line is needed.
        """
        g = 2.2
        d = r + g
        near = [
            (x + d, y - h / 2),  # E
            (x - d - w, y - h / 2),  # W
            (x + d * 0.7, y + d * 0.7),  # NE
            (x + d * 0.7, y - d * 0.7 - h),  # SE
            (x - d * 0.7 - w, y + d * 0.7),  # NW
            (x - d * 0.7 - w, y - d * 0.7 - h),  # SW
            (x - w / 2, y + d),  # N
            (x - w / 2, y - d - h),  # S
        ]
        for bx, by in near:
            yield Box(bx, by, bx + w, by + h), False
        for k in range(1, rings + 1):
            dist = d + k * step
            n = 12 + 4 * k
            for i in range(n):
                # alternate right/left of the marker, starting at the horizontal
                j = (i + 1) // 2 * (1 if i % 2 else -1)
                a = j * 2 * math.pi / n
                for side in (0.0, math.pi):
                    ang = a + side
                    cx, cy = x + dist * math.cos(ang), y + dist * math.sin(ang)
                    # anchor the box on the side facing away from the marker
                    bx = cx if math.cos(ang) >= 0 else cx - w
                    by = cy - h / 2 + (h / 2) * math.sin(ang)
                    yield Box(bx, by, bx + w, by + h), True

    def place(self, x: float, y: float, w: float, h: float, r: float, own: Box | None = None,
              fallback: bool = True, rings: tuple[int, int] = (6, 6)):
        """Place a (w × h) label for a marker of radius ``r`` at (x, y).

        Returns
        -------
        tuple
            (label box, leader segment (x0, y0, x1, y1) or ``None``, collision-free). Without
            ``fallback``, a label that fits nowhere is not placed and the box is ``None``.
        """
        best = None
        # strict first (leaders cross nothing), then leaders may cross markers and other leaders, farther out
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

    def place_at(self, boxes, gap: float = 2.0, obstacle_gaps: tuple[float, ...] = (0.5,)) -> Box | None:
        """Keep the first free box among ``boxes`` (for district names); ``None`` if none is free.

        ``obstacle_gaps`` are tried in turn: a wide clearance from markers first, then narrower ones.
        """
        boxes = list(boxes)
        for og in obstacle_gaps:
            for box in boxes:
                if self._free(box, gap, og):
                    self.labels.append(box)
                    return box
        return None
