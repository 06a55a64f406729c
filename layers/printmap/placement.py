"""Label placement on the print map: boxes in page points and the greedy ``LabelPlacer`` (with leader lines)."""

from __future__ import annotations

import functools
import itertools
import math
from dataclasses import dataclass

import numpy as np


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


#: Up to this many parks on a map, a park's number searches farther rings for a free spot (and, on such a
#: small map, is put down even where it touches a neighbour, so that every park is found).
NUMBER_SEARCH_MAX_PARKS = 300
#: At most this many parks of a map (the largest: by target scale class, then tier) are named or numbered;
#: a printed page has no room for more, and the others are drawn as markers only (counted in the footer).
LABEL_BUDGET = 300


def _overlap_any(bx: np.ndarray, items: np.ndarray, gap: float) -> np.ndarray:
    """Per candidate box (rows of ``bx``: x0, y0, x1, y1), whether it overlaps any of ``items`` (as ``Box.overlaps``)."""
    if not len(items) or not len(bx):
        return np.zeros(len(bx), dtype=bool)
    out = np.zeros(len(bx), dtype=bool)
    ox0, oy0, ox1, oy1 = (items[:, i][None, :] for i in range(4))
    ox1g, oy1g = ox1 + gap, oy1 + gap
    step = max(1, 2_000_000 // len(items))  # bounded memory on a crowded page
    for s in range(0, len(bx), step):
        b = bx[s:s + step]
        x0, y0, x1, y1 = (b[:, i][:, None] for i in range(4))
        apart = (x1 + gap <= ox0) | (ox1g <= x0) | (y1 + gap <= oy0) | (oy1g <= y0)
        out[s:s + step] = ~apart.all(axis=1)
    return out


def _segments_hit_any(segs: np.ndarray, bx: np.ndarray, pad: float) -> np.ndarray:
    """Per candidate box, whether any segment passes through it grown by ``pad`` (``segment_hits_box``, vectorised).

    The same operations in the same order as :func:`segment_hits_box`, so the answers agree exactly.
    """
    if not len(segs) or not len(bx):
        return np.zeros(len(bx), dtype=bool)
    sx0, sy0, sx1, sy1 = (segs[:, i][None, :] for i in range(4))
    dx, dy = sx1 - sx0, sy1 - sy0
    b = [bx[:, i][:, None] for i in range(4)]
    shape = (len(bx), len(segs))
    t0, t1 = np.zeros(shape), np.ones(shape)
    alive = np.ones(shape, dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        for p, q in (
            (-dx, sx0 - (b[0] - pad)),
            (dx, (b[2] + pad) - sx0),
            (-dy, sy0 - (b[1] - pad)),
            (dy, (b[3] + pad) - sy0),
        ):
            p = np.broadcast_to(p, shape)
            zero = p == 0
            alive &= ~(zero & (q < 0))
            t = q / p
            neg, pos = p < 0, p > 0
            alive &= ~(neg & (t > t1))
            t0 = np.where(neg, np.maximum(t0, t), t0)
            alive &= ~(pos & (t < t0))
            t1 = np.where(pos, np.minimum(t1, t), t1)
    return (alive & (t1 - t0 > 1e-6)).any(axis=1)


class _Items:
    """Placed boxes (or segments) of one kind: a growing array and a grid of cells → indices."""

    def __init__(self):
        self.arr = np.empty((64, 4))
        self.n = 0
        self.grid: dict[tuple[int, int], list[int]] = {}

    def add(self, coords: tuple[float, float, float, float], cells) -> None:
        if self.n == len(self.arr):
            self.arr = np.concatenate([self.arr, np.empty_like(self.arr)])
        self.arr[self.n] = coords
        for cell in cells:
            self.grid.setdefault(cell, []).append(self.n)
        self.n += 1

    def near(self, i0: int, i1: int, j0: int, j1: int) -> np.ndarray:
        """Rows of the items listed in grid cells [i0, i1] × [j0, j1] (each once)."""
        grid = self.grid
        if (i1 - i0 + 1) * (j1 - j0 + 1) > 4 * len(grid):  # a huge area: scan the cells there are
            lists = [v for (i, j), v in grid.items() if i0 <= i <= i1 and j0 <= j <= j1]
        else:
            lists = [v for i in range(i0, i1 + 1) for j in range(j0, j1 + 1) if (v := grid.get((i, j)))]
        if not lists:
            return self.arr[:0]
        idx = np.fromiter(itertools.chain.from_iterable(lists), dtype=np.intp)
        return self.arr[np.unique(idx)]


class _CoveredCells:
    """Which cells of a fine raster over the frame lie wholly within some obstacle (for a quick, exact "hit").

    Cells are :data:`SIDE` points (a power of two: cell edges are exact); a box that wholly covers such a cell
    overlaps that obstacle (at any gap ≥ 0), so on a page crowded with markers most candidate boxes are
    settled without scanning the markers near them. Rebuilt when obstacles were added.
    """

    SIDE = 2.0

    def __init__(self, frame: Box):
        c = self.SIDE
        self.i0, self.j0 = math.floor(frame.x0 / c) - 1, math.floor(frame.y0 / c) - 1
        self.ni = math.floor(frame.x1 / c) + 2 - self.i0
        self.nj = math.floor(frame.y1 / c) + 2 - self.j0
        self.n_seen = 0
        self.sat: np.ndarray | None = None

    def _inner(self, a0: np.ndarray, a1: np.ndarray, origin: int, n: int) -> tuple[np.ndarray, np.ndarray]:
        """First and last index (clipped to the raster) of the cells wholly within [a0, a1]."""
        c = self.SIDE
        return (np.clip(np.floor(a0 / c) + 1 - origin, 0, n).astype(np.intp),
                np.clip(np.floor(a1 / c) - 1 - origin, -1, n - 1).astype(np.intp))

    def _build(self, obstacles: list[Box]) -> None:
        arr = np.array([(o.x0, o.y0, o.x1, o.y1) for o in obstacles], dtype=float).reshape(-1, 4)
        i0, i1 = self._inner(arr[:, 0], arr[:, 2], self.i0, self.ni)
        j0, j1 = self._inner(arr[:, 1], arr[:, 3], self.j0, self.nj)
        ok = (i1 >= i0) & (j1 >= j0)
        i0, i1, j0, j1 = i0[ok], i1[ok], j0[ok], j1[ok]
        diff = np.zeros((self.ni + 1, self.nj + 1), dtype=np.int64)
        for di, dj, sign in ((i0, j0, 1), (i1 + 1, j0, -1), (i0, j1 + 1, -1), (i1 + 1, j1 + 1, 1)):
            np.add.at(diff, (di, dj), sign)
        covered = (diff.cumsum(0).cumsum(1)[:self.ni, :self.nj] > 0).astype(np.int64)
        self.sat = np.zeros((self.ni + 1, self.nj + 1), dtype=np.int64)  # summed-area table
        self.sat[1:, 1:] = covered.cumsum(0).cumsum(1)
        self.n_seen = len(obstacles)

    def hits(self, bx: np.ndarray, obstacles: list[Box]) -> np.ndarray:
        """Per box (rows x0, y0, x1, y1): whether it wholly covers a cell that lies wholly within an obstacle."""
        if not obstacles or not len(bx):
            return np.zeros(len(bx), dtype=bool)
        if self.sat is None or self.n_seen != len(obstacles):
            self._build(obstacles)
        i0, i1 = self._inner(bx[:, 0], bx[:, 2], self.i0, self.ni)
        j0, j1 = self._inner(bx[:, 1], bx[:, 3], self.j0, self.nj)
        ok = (i1 >= i0) & (j1 >= j0)
        i0, i1, j0, j1 = (np.where(ok, v, 0) for v in (i0, i1, j0, j1))
        sat = self.sat
        n = sat[i1 + 1, j1 + 1] - sat[i0, j1 + 1] - sat[i1 + 1, j0] + sat[i0, j0]
        return ok & (n > 0)


class LabelPlacer:
    """Greedy label placement: try candidate offsets around an anchor, keep the first free one.

    Parameters
    ----------
    frame : Box
        Labels must stay inside this box (the map frame, in page points).

    The candidate boxes of a search are tested together (numpy) against what lies near the whole search area,
    found through a grid index; only those that are free go on to the leader-line checks, in their order.
    """

    #: Side (page points) of the grid cells that index placed labels, obstacles and leader lines.
    CELL = 24.0

    def __init__(self, frame: Box):
        self.frame = frame
        self.obstacles: list[Box] = []
        self.labels: list[Box] = []
        self.leaders: list[tuple[float, float, float, float]] = []
        # the lists above as arrays with a grid index: a query looks only at what lies near it (linear overall)
        self._items = {"obstacles": _Items(), "labels": _Items(), "leaders": _Items()}
        self._covered = _CoveredCells(frame)

    def _cells(self, x0: float, y0: float, x1: float, y1: float):
        c = self.CELL
        for i in range(math.floor(x0 / c), math.floor(x1 / c) + 1):
            for j in range(math.floor(y0 / c), math.floor(y1 / c) + 1):
                yield i, j

    def _sync(self, kind: str) -> None:
        """Index items appended since the last query (the lists stay the public record)."""
        items, store = getattr(self, kind), self._items[kind]
        for k in range(store.n, len(items)):
            it = items[k]
            bb = (min(it[0], it[2]), min(it[1], it[3]), max(it[0], it[2]), max(it[1], it[3])) if kind == "leaders" \
                else (it.x0, it.y0, it.x1, it.y1)
            store.add(tuple(it) if kind == "leaders" else bb, self._cells(*bb))

    def _near(self, kind: str, x0: float, y0: float, x1: float, y1: float, pad: float):
        """Items of ``kind`` whose bounding boxes may come within ``pad`` of the box (each once)."""
        self._sync(kind)
        items, grid, seen = getattr(self, kind), self._items[kind].grid, set()
        for cell in self._cells(x0 - pad, y0 - pad, x1 + pad, y1 + pad):
            for k in grid.get(cell, ()):
                if k not in seen:
                    seen.add(k)
                    yield items[k]

    def _near_rows(self, kind: str, bx: np.ndarray, pad: float) -> np.ndarray:
        """Coordinates (rows) of the items of ``kind`` that may come within ``pad`` of any of the boxes ``bx``."""
        self._sync(kind)
        c = self.CELL
        return self._items[kind].near(
            math.floor((float(bx[:, 0].min()) - pad) / c), math.floor((float(bx[:, 2].max()) + pad) / c),
            math.floor((float(bx[:, 1].min()) - pad) / c), math.floor((float(bx[:, 3].max()) + pad) / c),
        )

    def add_obstacle(self, box: Box) -> None:
        """Reserve an area (a marker, the scale bar …)."""
        self.obstacles.append(box)

    def _inside_mask(self, bx: np.ndarray, margin: float = 2.0) -> np.ndarray:
        f = self.frame
        return (
            (bx[:, 0] >= f.x0 + margin) & (bx[:, 1] >= f.y0 + margin)
            & (bx[:, 2] <= f.x1 - margin) & (bx[:, 3] <= f.y1 - margin)
        )

    def _free_mask(self, bx: np.ndarray, gap: float, obstacle_gap: float = 0.5,
                   inside: np.ndarray | None = None) -> np.ndarray:
        """Per candidate box (rows x0, y0, x1, y1): inside the frame and clear of labels, obstacles and leaders."""
        free = self._inside_mask(bx) if inside is None else inside.copy()
        if obstacle_gap >= 0:  # a box that covers a cell lying wholly within an obstacle overlaps it: no scan
            free &= ~self._covered.hits(bx, self.obstacles)
        for kind, test in (
            ("labels", lambda rows, b: _overlap_any(b, rows, gap)),
            ("obstacles", lambda rows, b: _overlap_any(b, rows, obstacle_gap)),
            ("leaders", lambda rows, b: _segments_hit_any(rows, b, 1.0)),
        ):
            idx = np.flatnonzero(free)
            if not len(idx):
                break
            pad = {"labels": gap + 1.0, "obstacles": obstacle_gap + 1.0, "leaders": 2.0}[kind]
            rows = self._near_rows(kind, bx[idx], pad)
            if len(rows):
                free[idx[test(rows, bx[idx])]] = False
        return free

    def _free(self, box: Box, gap: float, obstacle_gap: float = 0.5) -> bool:
        return bool(self._free_mask(np.array([[box.x0, box.y0, box.x1, box.y1]]), gap, obstacle_gap)[0])

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
        bx, needs = LabelPlacer.candidate_array(x, y, w, h, r, rings, step)
        for (x0, y0, x1, y1), lead in zip(bx.tolist(), needs.tolist(), strict=True):
            yield Box(x0, y0, x1, y1), lead

    @staticmethod
    @functools.lru_cache(maxsize=64)
    def _ring_table(rings: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Ring number, cosine and sine of each ring candidate's direction, in the search order."""
        ks, cos, sin = [], [], []
        for k in range(1, rings + 1):
            n = 12 + 4 * k
            for i in range(n):
                # alternate right/left of the marker, starting at the horizontal
                j = (i + 1) // 2 * (1 if i % 2 else -1)
                a = j * 2 * math.pi / n
                for side in (0.0, math.pi):
                    ang = a + side
                    ks.append(float(k))
                    cos.append(math.cos(ang))
                    sin.append(math.sin(ang))
        return np.array(ks), np.array(cos), np.array(sin)

    @staticmethod
    def candidate_array(x: float, y: float, w: float, h: float, r: float, rings: int = 7, step: float = 9.0):
        """:meth:`candidates` as arrays: boxes (n × 4: x0, y0, x1, y1) and whether each needs a leader line."""
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
        ks, cos, sin = LabelPlacer._ring_table(rings)
        dist = d + ks * step
        cx, cy = x + dist * cos, y + dist * sin
        # anchor the box on the side facing away from the marker
        bx = np.concatenate([[p[0] for p in near], np.where(cos >= 0, cx, cx - w)])
        by = np.concatenate([[p[1] for p in near], cy - h / 2 + (h / 2) * sin])
        needs = np.ones(len(bx), dtype=bool)
        needs[:len(near)] = False
        return np.stack([bx, by, bx + w, by + h], axis=1), needs

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
            bx, needs = self.candidate_array(x, y, w, h, r, rings=n_rings)
            inside = self._inside_mask(bx)
            free = self._free_mask(bx, 1.0, inside=inside)
            for i in np.flatnonzero(free).tolist():
                box = Box(*bx[i].tolist())
                seg = self.leader(x, y, r, box) if needs[i] else None
                if seg is not None and not self._leader_free(seg, own, strict):
                    continue
                self.labels.append(box)
                if seg is not None:
                    self.leaders.append(seg)
                return box, seg, True
            if best is None:  # the first candidate inside the frame but not free
                taken = np.flatnonzero(inside & ~free)
                if len(taken):
                    best = (Box(*bx[taken[0]].tolist()), bool(needs[taken[0]]))
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
        if not boxes:
            return None
        bx = np.array([[b.x0, b.y0, b.x1, b.y1] for b in boxes], dtype=float)
        for og in obstacle_gaps:
            hits = np.flatnonzero(self._free_mask(bx, gap, og))
            if len(hits):
                box = boxes[hits[0]]
                self.labels.append(box)
                return box
        return None
