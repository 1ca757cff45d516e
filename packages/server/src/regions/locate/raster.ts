import { type CompiledPolygon, polygonContains } from './compiled-polygon.ts';

/** What a raster cell answers: no polygon at all. */
export const EMPTY = -1;

/**
 * A uniform raster over all polygons. cells[i] is a polygon index when that polygon covers the
 * whole cell, EMPTY when none touches it, or -2 - offset when the cell meets some polygons'
 * outlines: lists[offset] is then how many candidates follow, in polygon (code) order.
 */
export interface Raster {
  minX: number;
  minY: number;
  nx: number;
  ny: number;
  scaleX: number;
  scaleY: number;
  cells: Int32Array;
  lists: Int32Array;
}

const CELLS_PER_POLYGON = 24;
const MAX_CELLS = 1 << 22;
/** Outlines are widened by this share of a cell so a point on a cell border finds them either side. */
const MARGIN = 1e-6;

class IntList {
  data = new Int32Array(1024);
  length = 0;
  push(value: number) {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
}

function layout(polygons: CompiledPolygon[]) {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const p of polygons) {
    minX = Math.min(minX, p.minX);
    minY = Math.min(minY, p.minY);
    maxX = Math.max(maxX, p.maxX);
    maxY = Math.max(maxY, p.maxY);
  }
  if (!(minX < maxX && minY < maxY)) return { minX: 0, minY: 0, nx: 1, ny: 1, scaleX: 1, scaleY: 1 };
  const width = maxX - minX;
  const height = maxY - minY;
  const target = Math.min(MAX_CELLS, Math.max(64, polygons.length * CELLS_PER_POLYGON));
  const side = Math.sqrt((width * height) / target);
  const nx = Math.max(1, Math.min(target, Math.ceil(width / side)));
  const ny = Math.max(1, Math.min(target, Math.ceil(height / side)));
  // Scale so the maximum falls just inside the last cell.
  return { minX, minY, nx, ny, scaleX: nx / (width * (1 + 1e-12)), scaleY: ny / (height * (1 + 1e-12)) };
}

/** Build the raster of polygons (their index in the array is their rank by code). */
export function buildRaster(polygons: CompiledPolygon[]): Raster {
  const { minX, minY, nx, ny, scaleX, scaleY } = layout(polygons);
  const count = nx * ny;
  const stamp = new Int32Array(count).fill(-1);
  const pairCell = new IntList();
  const pairPolygon = new IntList();
  const pairWhole = new IntList();
  const col = (x: number) => Math.max(0, Math.min(nx - 1, Math.floor((x - minX) * scaleX)));
  const row = (y: number) => Math.max(0, Math.min(ny - 1, Math.floor((y - minY) * scaleY)));
  const marginX = MARGIN / scaleX;
  const marginY = MARGIN / scaleY;
  const add = (cell: number, id: number, whole: number) => {
    pairCell.push(cell);
    pairPolygon.push(id);
    pairWhole.push(whole);
  };
  polygons.forEach((p, id) => {
    // Cells the outline passes through: row by row, the x range of the edge within the row.
    const o = p.outline;
    for (let e = 0; e < o.length; e += 4) {
      const ax = o[e] as number;
      const ay = o[e + 1] as number;
      const bx = o[e + 2] as number;
      const by = o[e + 3] as number;
      for (let r = row(ay - marginY); r <= row(by + marginY); r++) {
        const low = Math.max(ay, minY + r / scaleY - marginY);
        const high = Math.min(by, minY + (r + 1) / scaleY + marginY);
        const xLow = by === ay ? ax : ax + ((bx - ax) * (low - ay)) / (by - ay);
        const xHigh = by === ay ? bx : ax + ((bx - ax) * (high - ay)) / (by - ay);
        const c1 = col(Math.max(Math.min(xLow, xHigh), Math.min(ax, bx)) - marginX);
        const c2 = col(Math.min(Math.max(xLow, xHigh), Math.max(ax, bx)) + marginX);
        for (let c = c1; c <= c2; c++) {
          const cell = r * nx + c;
          if (stamp[cell] !== id) {
            stamp[cell] = id;
            add(cell, id, 0);
          }
        }
      }
    }
    // Cells no edge touches are wholly inside or wholly outside: their centre tells which.
    for (let r = row(p.minY); r <= row(p.maxY); r++) {
      const y = minY + (r + 0.5) / scaleY;
      for (let c = col(p.minX); c <= col(p.maxX); c++) {
        const cell = r * nx + c;
        if (stamp[cell] !== id && polygonContains(p, minX + (c + 0.5) / scaleX, y)) add(cell, id, 1);
      }
    }
  });
  // Group the pairs by cell (a stable counting sort keeps each cell's polygons in code order).
  const starts = new Int32Array(count + 1);
  for (let i = 0; i < pairCell.length; i++) {
    const at = (pairCell.data[i] as number) + 1;
    starts[at] = (starts[at] as number) + 1;
  }
  for (let i = 0; i < count; i++) starts[i + 1] = (starts[i + 1] as number) + (starts[i] as number);
  const order = new Int32Array(pairCell.length);
  const next = starts.slice(0, count);
  for (let i = 0; i < pairCell.length; i++) {
    const cell = pairCell.data[i] as number;
    const at = next[cell] as number;
    next[cell] = at + 1;
    order[at] = i;
  }
  const cells = new Int32Array(count).fill(EMPTY);
  const lists = new IntList();
  for (let cell = 0; cell < count; cell++) {
    const from = starts[cell] as number;
    const to = starts[cell + 1] as number;
    if (from === to) continue;
    const first = order[from] as number;
    if (to - from === 1 && pairWhole.data[first] === 1) {
      cells[cell] = pairPolygon.data[first] as number;
      continue;
    }
    cells[cell] = -2 - lists.length;
    lists.push(to - from);
    for (let k = from; k < to; k++) lists.push(pairPolygon.data[order[k] as number] as number);
  }
  return { minX, minY, nx, ny, scaleX, scaleY, cells, lists: lists.data.slice(0, lists.length) };
}
