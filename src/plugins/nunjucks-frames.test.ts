import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { useFastNunjucksFrames } from './nunjucks-frames.js';

interface Frame {
  variables: Record<string, unknown>;
  set(name: string, value: unknown, resolveUp?: boolean): void;
  push(isolateWrites?: boolean): Frame;
}
type FrameClass = { new (parent?: Frame, isolateWrites?: boolean): Frame; prototype: Frame };
const runtime = (nunjucks as unknown as { runtime: { Frame: FrameClass } }).runtime;
const originalSet: unknown = Reflect.get(runtime.Frame.prototype, 'set');

/** The same writes through a chain of frames: top, a loop frame, and a frame that isolates its writes. */
function writeAll(): unknown[] {
  const top = new runtime.Frame();
  top.set('title', 'Home');
  top.set('user.name', 'Ada');
  top.set('user.pronouns', 'she/her');
  const loop = top.push();
  loop.set('loop.index', 1);
  loop.set('loop.first', true);
  loop.set('title', 'Changed upwards', true);
  loop.set('fresh', 'stays here', true);
  const isolated = loop.push(true);
  isolated.set('title', 'Not upwards', true);
  isolated.set('a.b.c', 3);
  return [top.variables, loop.variables, isolated.variables];
}

describe('Nunjucks frames with names split once', () => {
  it('set variables exactly as Nunjucks does: dotted names, writes up the chain, isolated frames', () => {
    const before = writeAll();
    useFastNunjucksFrames();
    expect(Reflect.get(runtime.Frame.prototype, 'set')).not.toBe(originalSet);
    expect(writeAll()).toEqual(before);
    expect(before[0]).toMatchObject({ title: 'Changed upwards', user: { name: 'Ada', pronouns: 'she/her' } });
  });

  it('render loops and sets the same', () => {
    useFastNunjucksFrames();
    const env = new nunjucks.Environment(null, { autoescape: true });
    const page = '{% set n = 0 %}{% for x in xs %}{{ loop.index }}/{{ loop.length }}{% if loop.first %}F{% endif %}{% if loop.last %}L{% endif %}{{ x }} {% endfor %}{% set n = 2 %}{{ n }}';
    expect(env.renderString(page, { xs: ['a', '<b>'] })).toBe('1/2Fa 2/2L&lt;b&gt; 2');
  });
});
