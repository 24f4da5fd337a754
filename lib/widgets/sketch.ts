/**
 * Static pictures of controls, for front ends without a widget manager (classic Notebook with
 * Debian's ipywidgets 6, nbconvert's HTML, GitHub): each is an SVG drawn as the control looks now,
 * carried as an image so sanitizing viewers keep it (render/svg-image.ts).
 */
import { escapeHtml } from "../render/html.js";
import { svgImage } from "../render/svg-image.js";
import { COLORS, svgDocument, tag, text, textWidth } from "../render/svg-markup.js";

const HEIGHT = 28;
const BUTTON_FILL: Record<string, string> = {
  "": "#eeeeee",
  primary: "#2196f3",
  success: "#4caf50",
  info: "#00bcd4",
  warning: "#ff9800",
  danger: "#f44336",
};

/** The description label on the left of a control, and the width it takes. */
function label(description: string): { svg: string; width: number } {
  if (description === "") return { svg: "", width: 0 };
  const width = Math.max(80, textWidth(description) + 12);
  return { svg: text(width - 8, 18, description, { "text-anchor": "end", fill: COLORS.ink }), width };
}

/** A slider: track, filled part up to the handle, handle, and the readout. */
export function sliderPicture(description: string, fraction: number, readout: string): string {
  const left = label(description);
  const track = 200;
  const width = left.width + track + 24 + textWidth(readout) + 8;
  const x = left.width + 8 + Math.max(0, Math.min(1, fraction)) * track;
  const body = [
    left.svg,
    tag("rect", { x: left.width + 8, y: 12, width: track, height: 4, rx: 2, fill: COLORS.grid }),
    tag("rect", { x: left.width + 8, y: 12, width: x - left.width - 8, height: 4, rx: 2, fill: COLORS.read }),
    tag("circle", { cx: x, cy: 14, r: 7, fill: "#ffffff", stroke: COLORS.read, "stroke-width": 2 }),
    text(left.width + track + 24, 18, readout, { fill: COLORS.ink }),
  ];
  return svgImage(svgDocument(width, HEIGHT, `${description} ${readout}`.trim(), body), `${description} slider at ${readout}`);
}

/** A button with its label (pressed: drawn darker, as a toggle that is on). */
export function buttonPicture(description: string, style = "", pressed = false, disabled = false): string {
  const width = Math.max(80, textWidth(description) + 24);
  const fill = pressed ? "#bdbdbd" : (BUTTON_FILL[style] ?? BUTTON_FILL[""]);
  const ink = style === "" || pressed ? COLORS.ink : "#ffffff";
  const body = [
    tag("rect", { x: 1, y: 1, width: width - 2, height: HEIGHT - 2, rx: 3, fill, stroke: "#9e9e9e", opacity: disabled ? 0.5 : 1 }),
    text(width / 2, 18, description, { "text-anchor": "middle", fill: ink }),
  ];
  return svgImage(svgDocument(width, HEIGHT, description, body), `${description} button${pressed ? " (on)" : ""}`);
}

/** A text box (or a dropdown, with its arrow) with its value. */
export function fieldPicture(description: string, value: string, dropdown = false): string {
  const left = label(description);
  const box = Math.max(120, textWidth(value) + (dropdown ? 36 : 16));
  const body = [
    left.svg,
    tag("rect", { x: left.width + 1, y: 2, width: box, height: HEIGHT - 4, fill: "#ffffff", stroke: "#9e9e9e" }),
    text(left.width + 8, 18, value, { fill: COLORS.ink }),
  ];
  if (dropdown) body.push(tag("path", { d: `M${left.width + box - 16} 11 l5 6 l5 -6 z`, fill: COLORS.ink }));
  return svgImage(svgDocument(left.width + box + 2, HEIGHT, `${description} ${value}`.trim(), body), `${description} ${value}`.trim());
}

/** A Play control: play/pause/stop buttons and the current step. */
export function playPicture(playing: boolean, value: number, max: number): string {
  const body = [
    tag("rect", { x: 1, y: 1, width: 34, height: HEIGHT - 2, rx: 3, fill: playing ? "#bdbdbd" : "#eeeeee", stroke: "#9e9e9e" }),
    tag("path", { d: "M13 8 l10 6 l-10 6 z", fill: COLORS.ink }),
    tag("rect", { x: 37, y: 1, width: 34, height: HEIGHT - 2, rx: 3, fill: playing ? "#eeeeee" : "#bdbdbd", stroke: "#9e9e9e" }),
    tag("rect", { x: 48, y: 8, width: 4, height: 12, fill: COLORS.ink }),
    tag("rect", { x: 55, y: 8, width: 4, height: 12, fill: COLORS.ink }),
    text(80, 18, `${value} / ${max}`, { fill: COLORS.ink }),
  ];
  return svgImage(svgDocument(150, HEIGHT, `step ${value} of ${max}`, body), `${playing ? "playing" : "paused"} at ${value} of ${max}`);
}

/** Text as HTML, escaped (a Label). */
export function textPicture(value: string): string {
  return `<span>${escapeHtml(value)}</span>`;
}

/** Children side by side or stacked (HBox, VBox); inline styles only, no classes or scripts. */
export function boxPicture(children: string[], direction: "row" | "column"): string {
  const gap = direction === "row" ? "margin-right:6px" : "margin-bottom:4px";
  return `<div style="display:flex;flex-direction:${direction};align-items:${direction === "row" ? "center" : "flex-start"}">${children
    .map((c) => `<div style="${gap}">${c}</div>`)
    .join("")}</div>`;
}
