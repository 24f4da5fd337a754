/** Every magic the kernel ships: the registry is built from this list. */
import { logicMagic } from "./logic.js";
import { mapreduceMagic } from "./mapreduce.js";
import { markupMagics } from "./markup.js";
import { messagesMagic } from "./messages.js";
import { type Magic, lsmagic } from "./registry.js";
import { time, timeitMagic } from "./time.js";

/** The built-in magics, in the order %lsmagic does not care about. */
export const builtinMagics: Magic[] = [lsmagic, time, timeitMagic, ...markupMagics, logicMagic, mapreduceMagic, messagesMagic];
