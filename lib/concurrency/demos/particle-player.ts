/**
 * The particle simulator you can run and pause: `particleSimulator({ n }).player()` shows the
 * particles, a Play/Pause control and the step counter. Each tick of the Play (its timer runs in
 * the page) advances the simulation in the kernel and redraws it; pausing stops the ticks, so the
 * state stays where it is, and a later Play continues from there.
 */
import { svgImage } from "../../render/svg-image.js";
import { COLORS, svgDocument, tag } from "../../render/svg-markup.js";
import { HBox, HTML, Label, Play, VBox } from "../../widgets/index.js";
import { accelerate, initialParticles, move } from "./particle-physics.js";

/** Options of the simulator. */
export interface SimulatorOptions {
  n?: number;
  seed?: number;
  /** Physics steps per tick of the player (each moves the particles by DT). */
  stepsPerTick?: number;
}

const SIZE = 320;

/** A particle system stepped on the kernel's thread (the chapter's single-threaded simulator). */
export class ParticleSimulator {
  readonly pos: Float64Array;
  readonly vel: Float64Array;
  private readonly acc: Float64Array;
  /** Physics steps taken so far. */
  steps = 0;

  constructor(readonly options: SimulatorOptions = {}) {
    const { pos, vel } = initialParticles(options.n ?? 150, options.seed ?? 1);
    this.pos = pos;
    this.vel = vel;
    this.acc = new Float64Array(pos.length);
  }

  /** Advances `count` physics steps. */
  step(count = 1): void {
    const n = this.pos.length / 2;
    for (let s = 0; s < count; s++) {
      accelerate(this.pos, 0, n, 1, this.acc);
      move(this.pos, this.vel, this.acc, 0, n);
      this.steps++;
    }
  }

  /** The particles as an SVG scatter (the view fits the unit disc they start in). */
  svg(): string {
    const dots: string[] = [];
    for (let i = 0; i < this.pos.length; i += 2) {
      const x = SIZE / 2 + (this.pos[i] * SIZE) / 2.4;
      const y = SIZE / 2 - (this.pos[i + 1] * SIZE) / 2.4;
      dots.push(tag("circle", { cx: x, cy: y, r: 2.5, fill: COLORS.read }));
    }
    return svgDocument(SIZE, SIZE, `${this.pos.length / 2} particles after ${this.steps} steps`, dots);
  }

  /** A player: the particles, Play/Pause and the step counter. */
  player(): ParticlePlayer {
    return new ParticlePlayer(this);
  }
}

/** The simulator's widget. */
export class ParticlePlayer extends VBox {
  readonly play: Play;
  private readonly view: HTML;
  private readonly counter: Label;

  constructor(readonly simulator: ParticleSimulator) {
    const play = new Play({ value: 0, min: 0, max: 1_000_000, interval: 150, description: "run" });
    const view = new HTML("");
    const counter = new Label("");
    super([new HBox([play, counter]), view]);
    this.play = play;
    this.view = view;
    this.counter = counter;
    // A tick may arrive late or several at once (coalesced): step as many times as the value moved.
    play.observe<number>("value", ({ old, new: value }) => this.advance(Math.max(0, value - (old ?? 0))));
    this.draw();
  }

  /** Advances `ticks` ticks of the player, as the Play does. */
  advance(ticks = 1): void {
    this.simulator.step(ticks * (this.simulator.options.stepsPerTick ?? 20));
    this.draw();
  }

  override describe(): string {
    return `ParticlePlayer(step ${this.simulator.steps})`;
  }

  private draw(): void {
    this.counter.value = `step ${this.simulator.steps}`;
    this.view.value = svgImage(this.simulator.svg(), `particles at step ${this.simulator.steps}`);
  }
}

/** A simulator of `n` particles (default 150). */
export function particleSimulator(options: SimulatorOptions = {}): ParticleSimulator {
  return new ParticleSimulator(options);
}
