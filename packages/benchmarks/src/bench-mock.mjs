#!/usr/bin/env node
import { machineLine } from "./lib/format.mjs";
/** `pnpm bench:mock`: section 4 of `pnpm bench` alone (the mock servers and the spec loop). */
import { printMockSection } from "./mock/report.mjs";

console.log(`# Mock benchmark run ${new Date().toISOString()}\n\n${machineLine()}\n`);
await printMockSection({ quick: process.env.BENCH_QUICK === "1" });
