/**
 * lazylab/widgets in plain Node (comms are detached there, so models run without a front end),
 * the chapter's controls driven through their methods, and the coalescing of widget updates.
 */
import { describe, expect, it } from "vitest";
import { takeCoalesced } from "../../dist/kernel/handlers/comm-coalesce.js";
import type { Message } from "../../dist/kernel/protocol/wire.js";
import { raceReplay, particleSimulator } from "../../dist/lib/concurrency/index.js";
import { Session } from "../../dist/lib/logic/index.js";
import { makeIntegerStream } from "../../dist/lib/sequences/index.js";
import {
  Button,
  Dropdown,
  FloatSlider,
  HBox,
  type HTML,
  IntSlider,
  Label,
  Output,
  Play,
  Text,
  ToggleButton,
  VBox,
  jslink,
} from "../../dist/lib/widgets/index.js";
import { toWire, fromWire } from "../../dist/lib/widgets/wire-state.js";

const MIMEBUNDLE = Symbol.for("jupyter.mimebundle");
const bundleOf = (w: object) => (w as Record<symbol, () => Record<string, string>>)[MIMEBUNDLE]();

describe("widget models", () => {
  it("keep state, call observers on change, and describe themselves", () => {
    const slider = new IntSlider({ value: 3, max: 10, description: "n" });
    const seen: unknown[] = [];
    const stop = slider.observe("value", (c) => void seen.push([c.old, c.new, c.by]));
    slider.value = 5;
    slider.value = 5; // unchanged: no call
    stop();
    slider.value = 6;
    expect(seen).toEqual([[3, 5, "kernel"]]);
    expect(slider.describe()).toBe('IntSlider(value=6, min=0, max=10, description="n")');
    expect(slider.get("_model_name")).toBe("IntSliderModel");
  });

  it("display as text and a static picture (an image, no script) outside a widget manager", () => {
    for (const widget of [
      new IntSlider(),
      new FloatSlider(),
      new Play(),
      new Button({ description: "go" }),
      new ToggleButton(),
      new Text({ value: "x" }),
    ]) {
      const bundle = bundleOf(widget);
      expect(bundle["text/plain"]).toBe(widget.describe());
      expect(bundle["text/html"]).toMatch(/^<img src="data:image\/svg\+xml;base64,/);
      expect(bundle["text/html"]).not.toMatch(/<script|onclick/i);
    }
    const box = new VBox([new HBox([new Label("a <b>"), new Button({ description: "b" })])]);
    expect(bundleOf(box)["text/html"]).toContain("a &lt;b&gt;");
  });

  it("Dropdown keeps values beside the labels the front end knows", () => {
    const d = new Dropdown({
      options: [
        ["one", 1],
        ["two", 2],
      ] as const,
      value: 2,
    });
    expect(d.get("_options_labels")).toEqual(["one", "two"]);
    expect([d.index, d.value, d.label]).toEqual([1, 2, "two"]);
    const chosen: unknown[] = [];
    d.onChange((v) => void chosen.push(v));
    d.index = 0;
    expect(chosen).toEqual([1]);
  });

  it("Button.click runs its handlers; Output keeps appended outputs, joining stream text", async () => {
    const b = new Button();
    let clicks = 0;
    b.onClick(() => void clicks++);
    await b.click();
    expect(clicks).toBe(1);
    const out = new Output();
    out.append({ output_type: "stream", name: "stdout", text: "a\n" });
    out.append({ output_type: "stream", name: "stdout", text: "b\n" });
    expect(out.outputs).toEqual([{ output_type: "stream", name: "stdout", text: "a\nb\n" }]);
    // With a limit (a cell's handler-output frame), only the newest outputs and the end of the text stay.
    const frame = new Output();
    for (let i = 0; i < 100; i++) frame.append({ output_type: "stream", name: "stdout", text: `line ${i}\n` }, { outputs: 5, chars: 30 });
    expect(frame.outputs).toEqual([{ output_type: "stream", name: "stdout", text: "…\nline 97\nline 98\nline 99\n" }]);
    for (let i = 0; i < 9; i++)
      frame.append({ output_type: "error", ename: "E", evalue: String(i), traceback: [] }, { outputs: 5, chars: 30 });
    expect(frame.outputs.map((o) => o.evalue)).toEqual(["4", "5", "6", "7", "8"]);
  });

  it("serialize binary values as buffers and widgets as IPY_MODEL_ references", () => {
    const child = new Label("x");
    const wire = toWire({ a: new Uint8Array([1]), b: { c: new Uint8Array([2, 3]) }, child, kids: [child] });
    expect(wire.state).toEqual({ a: null, b: { c: null }, child: `IPY_MODEL_${child.modelId}`, kids: [`IPY_MODEL_${child.modelId}`] });
    expect(wire.buffer_paths).toEqual([["a"], ["b", "c"]]);
    const back = fromWire(wire.state, wire.buffer_paths, wire.buffers);
    expect([...new Uint8Array((back.b as { c: DataView }).c.buffer)]).toEqual([2, 3]);
    const link = jslink([new Play(), "value"], [new IntSlider(), "value"]);
    expect(link.get("_model_name")).toBe("LinkModel");
  });
});

describe("chapter controls", () => {
  it("stream.explore(): next forces one element; walking again recomputes nothing", () => {
    let computed = 0;
    const s = makeIntegerStream(1).map((n) => (computed++, n * n));
    const explorer = s.explore();
    expect(explorer.next()).toBe(4);
    expect(explorer.next()).toBe(9);
    const before = computed;
    expect(explorer.walkAgain()).toBe(2);
    expect(computed).toBe(before);
    expect(explorer.computations).toBe(2);
    expect(String(s)).toBe("Stream(1, 4, 9, <...>)");
    expect(bundleOf(explorer)["text/html"]).toContain("rests computed by");
  });

  it("logic stepper: tries facts, unifies, backtracks and finds the chapter's answers in order", () => {
    const logic = new Session();
    logic.run("(fact (parent abraham barack)) (fact (parent abraham clinton)) (fact (parent delano herbert))");
    const stepper = logic.stepper("(parent abraham ?child)");
    const first = stepper.step();
    expect(first?.kind).toBe("try");
    expect(stepper.nextAnswer()).toBe("child: barack");
    expect(stepper.nextAnswer()).toBe("child: clinton");
    expect(stepper.nextAnswer()).toBeUndefined();
    expect(stepper.answers).toEqual(["child: barack", "child: clinton"]);
    stepper.restart();
    expect(stepper.steps).toBe(0);
    const kinds = new Set<string>();
    for (let e = stepper.step(); e !== undefined; e = stepper.step()) kinds.add(e.kind);
    expect([...kinds].sort()).toEqual(["answer", "backtrack", "failed", "try", "unified"]);
  });

  it("the race replay's player steps through the interleaving", async () => {
    const race = await raceReplay();
    const player = race.player();
    expect(player.step).toBe(0);
    player.step = 3;
    expect(player.describe()).toMatch(/^RacePlayer\(step 4 of 6: /);
    const view = player.children[1] as HTML;
    expect(view.value).toContain('data-step="3"');
    expect(view.value.match(/background:#fff3b0/g)).toHaveLength(1); // one row highlighted: the current step
    const timeline = Buffer.from(/base64,([^"]+)/.exec(view.value)![1], "base64").toString("utf8");
    expect(timeline).toContain("← now"); // the timeline, drawn up to the step, marks it too
  }, 30_000);

  it("the particle player advances the simulation by ticks and counts steps", () => {
    const sim = particleSimulator({ n: 20, stepsPerTick: 5 });
    const player = sim.player();
    const x0 = sim.pos[0];
    player.play.value = 3; // three ticks, as the Play's timer sends them
    expect(sim.steps).toBe(15);
    expect(sim.pos[0]).not.toBe(x0);
    expect(player.describe()).toBe("ParticlePlayer(step 15)");
  });
});

describe("comm-coalesce", () => {
  const header = (id: string, type = "comm_msg") => ({ msg_id: id, msg_type: type, session: "s", username: "u", date: "", version: "5.3" });
  const update = (id: string, comm: string, state: Record<string, unknown>): Message =>
    ({
      identities: [],
      header: header(id),
      parent_header: {},
      metadata: {},
      content: { comm_id: comm, data: { method: "update", state, buffer_paths: [] } },
      buffers: [],
    }) as Message;

  it("merges consecutive updates of one comm, later values winning, and reports the absorbed ones", () => {
    const queue = [
      update("1", "a", { value: 1, x: 1 }),
      update("2", "a", { value: 2 }),
      update("3", "b", { value: 9 }),
      update("4", "a", { value: 3 }),
    ];
    const taken = takeCoalesced(queue)!;
    expect(taken.message.header.msg_id).toBe("2");
    expect((taken.message.content.data as { state: unknown }).state).toEqual({ value: 2, x: 1 });
    expect(taken.absorbed.map((m) => m.header.msg_id)).toEqual(["1"]);
    expect(queue.map((m) => m.header.msg_id)).toEqual(["3", "4"]); // another comm's update stops the merge: order kept
  });

  it("leaves messages with buffers and other methods alone", () => {
    const custom = { ...update("1", "a", {}), content: { comm_id: "a", data: { method: "custom", content: {} } } } as Message;
    const withBuffer = { ...update("2", "a", { v: 1 }), buffers: [Buffer.from([1])] } as Message;
    const queue = [custom, withBuffer, update("3", "a", { v: 2 })];
    expect(takeCoalesced(queue)!.message).toBe(custom);
    expect(takeCoalesced(queue)!.message).toBe(withBuffer);
    expect(takeCoalesced([])).toBeUndefined();
  });
});
