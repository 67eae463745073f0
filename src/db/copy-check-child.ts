import { checkCopy } from './copy-check.ts';

// Run by checkCopyInChild: `copy-check-child.ts PATH VERSION LATEST` prints {"problem": …} or {} as JSON.

const [path, version, latest] = process.argv.slice(2);
if (!path || !version || !latest) throw new Error('usage: copy-check-child.ts PATH VERSION LATEST');
const problem = checkCopy(path, Number(version), Number(latest));
process.stdout.write(`${JSON.stringify(problem === undefined ? {} : { problem })}\n`);
