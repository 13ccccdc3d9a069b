/** Writes docs/api.md from the shared contract. */
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describeContract } from "../shared/src/api/describe";

const out = join(resolve(import.meta.dir, ".."), "docs/api.md");
writeFileSync(out, describeContract());
console.log(`wrote ${out}`);
