/**
 * `npx tsx bench/profile-summary.ts [.prof/page.cpuprofile] [lines]`: where a CPU profile from bench/profile.ts spent
 * its time: by function (self and inclusive) and by package.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
}

const [file = '.prof/page.cpuprofile', linesText = '40'] = process.argv.slice(2);
const lines = Number(linesText);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
const counts = new Map<number, number>();
for (const sample of profile.samples) counts.set(sample, (counts.get(sample) ?? 0) + 1);

const place = (node: ProfileNode) =>
  `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/.*node_modules\//, '').replace(/^file:\/\/.*?\/(src|bench)\//, '$1/')}:${String(node.callFrame.lineNumber + 1)}`;
const packageOf = (url: string) => /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? (/\/(src|bench)\//.test(url) ? 'ours' : url === '' ? '(native, gc)' : url);

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
const packages = new Map<string, number>();
const add = (map: Map<string, number>, key: string, by: number) => map.set(key, (map.get(key) ?? 0) + by);
for (const [id, count] of counts) {
  const node = byId.get(id);
  if (node === undefined) continue;
  add(self, place(node), count);
  add(packages, packageOf(node.callFrame.url), count);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
    const ancestor = byId.get(at);
    if (ancestor === undefined) break;
    const key = place(ancestor);
    if (!seen.has(key)) add(inclusive, key, count);
    seen.add(key);
  }
}
const total = profile.samples.length;
const top = (map: Map<string, number>) =>
  [...map].sort((a, b) => b[1] - a[1]).slice(0, lines).map(([key, count]) => `${((100 * count) / total).toFixed(1).padStart(5)}% ${key}`).join('\n');
console.log(`Self time\n${top(self)}\n\nInclusive time\n${top(inclusive)}\n\nBy package\n${top(packages)}`);
