/** kernel_info_request: who this kernel is and what language it speaks. */
import { PROTOCOL_VERSION } from "../protocol/messages.js";
import type { Handler } from "./dispatch.js";

/** Facts about the language the main thread knows at start-up (so replies never wait for it). */
export interface LanguageFacts {
  implementationVersion: string;
  languageVersion: string;
}

/** Answers kernel_info_request from facts fixed at start-up, even while a cell is busy. */
export function kernelInfo(facts: LanguageFacts): Handler {
  const content = {
    status: "ok",
    protocol_version: PROTOCOL_VERSION,
    implementation: "lazylab",
    implementation_version: facts.implementationVersion,
    banner: `lazylab ${facts.implementationVersion}: TypeScript ${facts.languageVersion} (type-checked cells) on Node ${process.versions.node}\nChapter 4: Data Processing. %lsmagic lists the magics; name? shows help.`,
    help_links: [
      { text: "lazylab README", url: "https://www.npmjs.com/package/lazylab" },
      { text: "TypeScript handbook", url: "https://www.typescriptlang.org/docs/handbook/intro.html" },
      { text: "Node.js API", url: `https://nodejs.org/docs/v${process.versions.node}/api/` },
    ],
    language_info: {
      name: "typescript",
      version: facts.languageVersion,
      mimetype: "text/typescript",
      file_extension: ".ts",
      pygments_lexer: "typescript",
      // A plain name serves both front ends: JupyterLab 4 looks the name up in its language registry
      // (the object { name: "javascript", typescript: true } gave its JavaScript language), and classic
      // Notebook 6 maps it through CodeMirror 5's mode list to the mime application/typescript.
      codemirror_mode: "typescript",
    },
    // JupyterLab's debugger (breakpoints, stepping, variables) over debug_request: kernel/debugger.
    debugger: true,
  };
  return async () => content;
}
