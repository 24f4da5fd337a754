/**
 * The chapter's query interpreter of section 4.4, one concept per file, to read beside the text:
 * `Frame` and `lookup` (frame.ts), `unify` (unify.ts), `bind` (bind.ts), `rename_variables`
 * (rename.ts), `search` (search.ts) and the printed answer (query.ts). It is the specification;
 * `%logic` and `Session` run the engine (machine.ts), which test/unit/logic-chapter-property.test.ts
 * checks against this interpreter on generated programs.
 */
export { Frame, lookup } from "./frame.js";
export { occursIn, unify } from "./unify.js";
export { bind } from "./bind.js";
export { renameVariables } from "./rename.js";
export { type ChapterProgram, chapterProgram } from "./program.js";
export { search } from "./search.js";
export { query } from "./query.js";
