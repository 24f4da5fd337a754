/**
 * What this debug adapter tells JupyterLab about itself: its DAP capabilities (the initialize
 * response), and how it names cells (debugInfo): JupyterLab names a cell's text
 * `tmpFilePrefix + murmur2(text, hashSeed) + tmpFileSuffix` before it runs, to set breakpoints in it.
 */
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import { murmur2 } from "./murmur2.js";

/** The seed of the cell hash (any fixed value; JupyterLab reads it from debugInfo). */
export const HASH_SEED = 0xc70f6907;

/** Where the cells' paths live: a folder named for this kernel process (nothing is written there). */
export const TMP_FILE_PREFIX = `${join(tmpdir(), `lazylab_${process.pid}`)}${sep}`;

/** Cells are TypeScript. */
export const TMP_FILE_SUFFIX = ".ts";

/** The only thread a debugger sees: cells run on the kernel's main thread. */
export const MAIN_THREAD = { id: 1, name: "Main Thread" };

/** The path of a cell's text, as JupyterLab computes it. */
export function cellPath(code: string): string {
  return `${TMP_FILE_PREFIX}${murmur2(code, HASH_SEED)}${TMP_FILE_SUFFIX}`;
}

/** The two exception breakpoint filters JupyterLab offers (setExceptionBreakpoints). */
export const EXCEPTION_FILTERS = [
  {
    filter: "all",
    label: "All Exceptions",
    description: "Stop wherever an exception is thrown, even one a try/catch will catch",
    default: false,
  },
  {
    filter: "uncaught",
    label: "Uncaught Exceptions",
    description: "Stop where an exception is thrown that no try/catch of the notebook catches",
    default: false,
  },
];

/** The initialize response's body. */
export const CAPABILITIES = {
  supportsConfigurationDoneRequest: true,
  supportsConditionalBreakpoints: true,
  supportsEvaluateForHovers: true,
  supportsSetVariable: false,
  supportsStepBack: false,
  supportsExceptionInfoRequest: false,
  supportsLoadedSourcesRequest: false,
  supportsTerminateRequest: false,
  supportsDelayedStackTraceLoading: false,
  supportsValueFormattingOptions: false,
  supportsModulesRequest: false,
  exceptionBreakpointFilters: EXCEPTION_FILTERS,
};
