/** lazylab: the library of "Chapter 4: Data Processing", and the display API of its kernel. */
export { type Display, type DisplayFunction, type JupyterHost, clearOutput, display, input, newDisplay } from "./jupyter.js";
