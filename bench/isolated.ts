import { benchIngest } from './ingest.js';
import { benchTimeliness, type TimelinessOptions } from './timeliness.js';

/**
 * The child side of bench/run-isolated.ts: runs one scenario in a process of its own and prints its
 * result as JSON, so that its peak memory and its core are its own, not shared with earlier scenarios.
 * Usage: isolated.ts timeliness '{"stagger":0}' | isolated.ts ingest '{"seconds":60}'.
 */
const [name, json] = process.argv.slice(2);
const options = JSON.parse(json ?? '{}') as Record<string, unknown>;
if (name === 'timeliness')
  process.stdout.write(JSON.stringify(await benchTimeliness(options as Partial<TimelinessOptions>)));
else if (name === 'ingest') process.stdout.write(JSON.stringify(await benchIngest(Number(options.seconds ?? 60))));
else throw new Error(`No isolated scenario called ${name}`);
