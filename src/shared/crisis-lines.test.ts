import { describe, expect, it } from 'vitest';
import { translatorFor } from './i18n.js';
import { CRISIS_COUNTRIES, CRISIS_SUPPORT, countryForTimeZone, crisisCountryFor, crisisLineHref, defaultHelpLines } from './crisis-lines.js';

describe('crisis lines by country', () => {
  it('give every country its emergency number and at least one line to talk to, each a link a phone can dial', () => {
    const emergency = Object.fromEntries(CRISIS_COUNTRIES.map((c) => [c, CRISIS_SUPPORT[c].emergency.number]));
    expect(emergency).toEqual({ GB: '999', IT: '112', NL: '112', DK: '112' });
    for (const country of CRISIS_COUNTRIES) {
      const { lines } = CRISIS_SUPPORT[country];
      expect(lines.length, country).toBeGreaterThan(0);
      for (const line of [...lines, CRISIS_SUPPORT[country].emergency]) {
        expect(line.href, `${country} ${line.name}`).toMatch(/^(tel|sms):\+?\d+$/);
        expect(line.href.replace(/^(tel|sms):(\+39|\+45)?/, ''), `${country} ${line.name}`).toBe(line.number.replace(/\D/g, ''));
      }
    }
  });

  it('has the lines the issue names for each country', () => {
    const names = (country: (typeof CRISIS_COUNTRIES)[number]) => CRISIS_SUPPORT[country].lines.map((l) => `${l.name} ${l.number}`);
    expect(names('GB')).toEqual(['Samaritans 116 123', 'NHS 111 111', 'Shout 85258']);
    expect(names('IT')).toEqual(['Telefono Amico Italia 02 2327 2327', 'Samaritans Onlus 06 77208977']);
    expect(names('NL')).toEqual(['113 Zelfmoordpreventie 0800-0113']);
    expect(names('DK')).toEqual(['Livslinien 70 201 201']);
  });

  it.each(['en-GB', 'it'] as const)('says what every line is for, and names every country, in %s', (language) => {
    const t = translatorFor(language);
    for (const country of CRISIS_COUNTRIES) {
      expect(t(`countries.${country}`)).not.toBe(`countries.${country}`);
      for (const line of [...CRISIS_SUPPORT[country].lines, CRISIS_SUPPORT[country].emergency]) {
        expect(t(`help.lines.${line.id}`), `${language} help.lines.${line.id}`).not.toBe(`help.lines.${line.id}`);
      }
    }
  });

  it('follow the choice on the page, then the organisation, then the language', () => {
    expect(crisisCountryFor('DK', 'IT', 'en-GB')).toBe('DK');
    expect(crisisCountryFor(undefined, 'IT', 'en-GB')).toBe('IT');
    expect(crisisCountryFor('FR', 'NL', 'it')).toBe('NL');
    expect(crisisCountryFor(undefined, undefined, 'it')).toBe('IT');
    expect(crisisCountryFor(['IT'], undefined, 'en-GB')).toBe('GB');
  });

  it('guess a new organisation’s country from its time zone', () => {
    expect(countryForTimeZone('Europe/Rome')).toBe('IT');
    expect(countryForTimeZone('Europe/Copenhagen')).toBe('DK');
    expect(countryForTimeZone('Europe/London')).toBe('GB');
    expect(countryForTimeZone('UTC')).toBe('GB');
  });

  it('carry the date each country\'s defaults were last checked', () => {
    for (const country of CRISIS_COUNTRIES) expect(CRISIS_SUPPORT[country].checkedOn, country).toMatch(/^20\d\d-\d\d-\d\d$/);
  });

  it('make tel: and sms: links from numbers as people write them, and none from anything else', () => {
    expect(crisisLineHref('call', '0800 123 4567')).toBe('tel:08001234567');
    expect(crisisLineHref('call', '+39 (02) 2327-2327')).toBe('tel:+390223272327');
    expect(crisisLineHref('text', '85258')).toBe('sms:85258');
    expect(crisisLineHref('other', '85258')).toBeNull();
    expect(crisisLineHref('call', null)).toBeNull();
    expect(crisisLineHref('call', 'javascript:alert(1)')).toBeNull();
    expect(crisisLineHref('call', '1')).toBeNull();
  });

  it('give the defaults as lines to show, a text line as a text line', () => {
    expect(defaultHelpLines('GB').map((l) => [l.defaultId, l.reach, l.href])).toEqual([
      ['samaritans', 'call', 'tel:116123'],
      ['nhs_111', 'call', 'tel:111'],
      ['shout', 'text', 'sms:85258'],
    ]);
  });
});
