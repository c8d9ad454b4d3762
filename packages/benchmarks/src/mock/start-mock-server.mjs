#!/usr/bin/env node
/** Mock readiness helper: a fresh process that calls startMockServer on the port given as argv[2] and stays up. */
import { startMockServer } from "@neuroio/tokens-mock";

await startMockServer({ port: Number(process.argv[2]), host: "127.0.0.1" });
