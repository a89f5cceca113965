import { describe, expect, it } from 'vitest';
import { CHOOSE_LIMIT, foldName, peopleToChoose } from './circle.find.js';

const person = (i: number, name = `Person ${String(i).padStart(3, '0')}`) => ({ id: `id-${String(i)}`, name });
const many = (n: number) => Array.from({ length: n }, (_, i) => person(i));

describe('foldName', () => {
  it('ignores case, accents and repeated spaces', () => {
    expect(foldName('  Zoë  MARY-Ann ')).toBe('zoe mary-ann');
    expect(foldName('Ålesund Ñandú')).toBe('alesund nandu');
  });
});

describe('peopleToChoose', () => {
  it('lists everyone when there are few enough', () => {
    const people = many(CHOOSE_LIMIT);
    const choice = peopleToChoose(people, '');
    expect(choice).toEqual({ mode: 'all', listed: people, outside: CHOOSE_LIMIT, matching: 0 });
  });

  it('asks for part of a name when there are more than the limit, and lists nobody', () => {
    const choice = peopleToChoose(many(CHOOSE_LIMIT + 1), '   ');
    expect(choice).toEqual({ mode: 'ask', listed: [], outside: CHOOSE_LIMIT + 1, matching: 0 });
  });

  it('finds people whose name holds the text, whatever its case or accents, in the order given', () => {
    const people = [person(1, 'Zoë Adams'), person(2, 'Bea Quinn'), person(3, 'zoe Brown'), person(4, 'Chloé Zoellner')];
    const choice = peopleToChoose(people, 'ZOE');
    expect(choice.mode).toBe('found');
    expect(choice.listed.map((p) => p.name)).toEqual(['Zoë Adams', 'zoe Brown', 'Chloé Zoellner']);
    expect(choice.matching).toBe(3);
    expect(choice.outside).toBe(4);
  });

  it('searches a small list too, when asked', () => {
    const choice = peopleToChoose([person(1, 'Ade Okoro'), person(2, 'Bea Quinn')], 'quinn');
    expect(choice.listed.map((p) => p.name)).toEqual(['Bea Quinn']);
  });

  it('lists no more than the limit, and counts every match', () => {
    const choice = peopleToChoose(many(10_000), 'person');
    expect(choice.listed).toHaveLength(CHOOSE_LIMIT);
    expect(choice.matching).toBe(10_000);
    expect(choice.listed[0]?.name).toBe('Person 000');
  });

  it('says when nobody matches', () => {
    const choice = peopleToChoose(many(50), 'nobody');
    expect(choice).toEqual({ mode: 'found', listed: [], outside: 50, matching: 0 });
  });

  it('keeps the person already chosen in the list, first, when the search would leave them out', () => {
    const people = many(100);
    expect(peopleToChoose(people, '', 'id-70').listed.map((p) => p.id)).toEqual(['id-70']);
    expect(peopleToChoose(people, 'Person 00', 'id-70').listed.map((p) => p.id)).toEqual(['id-70', ...Array.from({ length: 10 }, (_, i) => `id-${String(i)}`)]);
    // Already listed: not twice. Not among the people outside (made up, or already in the circle): not added.
    expect(peopleToChoose(people, 'Person 070', 'id-70').listed.map((p) => p.id)).toEqual(['id-70']);
    expect(peopleToChoose(people, '', 'id-unknown').listed).toEqual([]);
  });

  it('leaves out the people already in the circle, from the list, the search, the counts and the chosen', () => {
    const people = many(40);
    const inCircle = new Set(Array.from({ length: 12 }, (_, i) => `id-${String(i)}`));
    const all = peopleToChoose(people, '', null, inCircle);
    expect(all).toEqual({ mode: 'all', listed: people.slice(12), outside: 28, matching: 0 });
    const found = peopleToChoose(people, 'Person 01', null, inCircle);
    expect(found.listed.map((p) => p.id)).toEqual(['id-12', 'id-13', 'id-14', 'id-15', 'id-16', 'id-17', 'id-18', 'id-19']);
    expect(found.matching).toBe(8);
    expect(found.outside).toBe(28);
    expect(peopleToChoose(many(100), '', 'id-3', inCircle)).toEqual({ mode: 'ask', listed: [], outside: 88, matching: 0 });
  });
});
