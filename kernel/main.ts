#!/usr/bin/env node
/** The `lazylab` command: `lazylab install`, `lazylab kernel <connection-file>`. */
import { Command } from "commander";
import { installKernelspec, type InstallTarget } from "./install.js";
import { packageVersion, runKernel } from "./kernel.js";

const program = new Command("lazylab").description("A Jupyter kernel for TypeScript and Chapter 4: Data Processing").version(packageVersion());

program
  .command("install")
  .description("install the lazylab kernelspec so Jupyter offers \"TypeScript (lazylab)\"")
  .option("--user", "install for the current user (default)")
  .option("--sys-prefix", "install into the Python environment's prefix")
  .option("--prefix <dir>", "install under DIR/share/jupyter/kernels")
  .action((options: { user?: boolean; sysPrefix?: boolean; prefix?: string }) => {
    const target: InstallTarget = options.prefix !== undefined ? { kind: "prefix", dir: options.prefix } : options.sysPrefix ? { kind: "sys-prefix" } : { kind: "user" };
    console.log(`Installed kernelspec lazylab in ${installKernelspec(target)}`);
  });

program
  .command("kernel")
  .description("run the kernel (Jupyter starts this with a connection file)")
  .argument("<connection-file>", "the connection file written by the front end")
  .action((connectionFile: string) => runKernel(connectionFile));

program.parse();
