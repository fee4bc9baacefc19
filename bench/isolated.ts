import { benchTimeliness } from './timeliness.js';

/**
 * Runs one scenario in a process of its own and prints its result as JSON, so that its peak memory is its
 * own and not what earlier scenarios left behind.
 */
const name = process.argv[2];
if (name !== 'timeliness') throw new Error(`No isolated scenario called ${name}`);
process.stdout.write(JSON.stringify(await benchTimeliness(1000, 12)));
