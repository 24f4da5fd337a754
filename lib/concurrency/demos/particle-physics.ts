/**
 * The particle simulator's physics, shared by every variant: n particles in the plane, each
 * pulled by all others (softened inverse-square attraction), stepped with semi-implicit Euler.
 * Positions are interleaved [x0, y0, x1, y1, …] in Float64Arrays.
 *
 * Every variant must give the same positions. Floating-point addition is not associative, so the
 * order of the sum over other particles is fixed: particles are split into `blocks` equal blocks,
 * each block's pull is summed in index order, and the blocks' sums are added in block order. The
 * process ring, which sees the blocks in rotation order, keeps one partial sum per block and adds
 * them in that same order at the end.
 */

/** Softening (squared), so that close encounters stay smooth. */
export const EPS2 = 1e-3;
/** The time step. */
export const DT = 1e-3;

/** Deterministic starting positions (a jittered disc) and zero velocities. */
export function initialParticles(n: number, seed = 1): { pos: Float64Array; vel: Float64Array } {
  let state = seed >>> 0 || 1;
  const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const pos = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const r = Math.sqrt(random());
    const a = 2 * Math.PI * random();
    pos[2 * i] = r * Math.cos(a);
    pos[2 * i + 1] = r * Math.sin(a);
  }
  return { pos, vel: new Float64Array(2 * n) };
}

/** The first particle of block `b` of `blocks` among n. */
export function blockStart(n: number, blocks: number, b: number): number {
  return Math.floor((n * b) / blocks);
}

/**
 * For particles [from, to) (positions in `pos`), the pull of the `count` particles whose positions
 * are `others` (from index 0), in a system of `n` particles: writes each sum into `out` at (i - from) * 2.
 */
export function pullOf(
  pos: Float64Array,
  from: number,
  to: number,
  others: Float64Array,
  count: number,
  out: Float64Array,
  n: number,
): void {
  const g = 1 / n;
  for (let i = from; i < to; i++) {
    const xi = pos[2 * i];
    const yi = pos[2 * i + 1];
    let ax = 0;
    let ay = 0;
    for (let j = 0; j < count; j++) {
      const dx = others[2 * j] - xi;
      const dy = others[2 * j + 1] - yi;
      const d2 = dx * dx + dy * dy + EPS2; // a particle's pull on itself is 0: dx = dy = 0
      const inv = g / (d2 * Math.sqrt(d2));
      ax += dx * inv;
      ay += dy * inv;
    }
    out[2 * (i - from)] = ax;
    out[2 * (i - from) + 1] = ay;
  }
}

/** Accelerations of particles [from, to) from all particles, summed block by block (see above), into `acc` at the particles' own indices. */
export function accelerate(pos: Float64Array, from: number, to: number, blocks: number, acc: Float64Array): void {
  const n = pos.length / 2;
  const partial = new Float64Array(2 * (to - from));
  acc.fill(0, 2 * from, 2 * to);
  for (let b = 0; b < blocks; b++) {
    const [j0, j1] = [blockStart(n, blocks, b), blockStart(n, blocks, b + 1)];
    pullOf(pos, from, to, pos.subarray(2 * j0, 2 * j1), j1 - j0, partial, n);
    for (let k = 0; k < partial.length; k++) acc[2 * from + k] += partial[k];
  }
}

/**
 * Computes particles [from, to)'s accelerations once on a copy, so that the JIT has compiled the
 * inner loop before the clock starts: each thread or process warms up on its own share, and the
 * timed steps then compare steady-state work (without it, every worker pays the same fixed
 * warm-up, which does not divide by the number of workers). The state is not touched.
 */
export function warmUp(pos: Float64Array, from: number, to: number, blocks: number): void {
  accelerate(pos.slice(), from, to, blocks, new Float64Array(pos.length));
}

/** Moves particles [from, to): velocity by acceleration, position by the new velocity. */
export function move(pos: Float64Array, vel: Float64Array, acc: Float64Array, from: number, to: number): void {
  for (let k = 2 * from; k < 2 * to; k++) {
    vel[k] += DT * acc[k];
    pos[k] += DT * vel[k];
  }
}
