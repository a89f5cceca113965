import { describe, expect, it } from 'vitest';
import { newToken } from './tokens.js';
import { redactUrl } from './log-redaction.js';

describe('redactUrl', () => {
  const token = newToken();

  it.each([
    [`/sign-in/link/${token}`, '/sign-in/link/[redacted]'],
    [`/password-reset/${token}`, '/password-reset/[redacted]'],
    [`/invitations/${token}`, '/invitations/[redacted]'],
    [`/calendar/${token}.ics`, '/calendar/[redacted]'],
    [`/invitations/${token}?next=/account`, '/invitations/[redacted]?next=/account'],
    [`/somewhere?token=short&next=/x`, '/somewhere?token=[redacted]&next=/x'],
    [`/somewhere?t=${token}`, '/somewhere?t=[redacted]'],
    [`/somewhere?${token}`, '/somewhere?[redacted]'],
  ])('hides the secret in %s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });

  it('keeps ordinary paths, record ids and searches as they are', () => {
    const id = '019a8c2e-7b1d-7c3e-9f00-1234567890ab';
    expect(redactUrl(`/projects/${id}/circle?find=zoe&page=2`)).toBe(`/projects/${id}/circle?find=zoe&page=2`);
    expect(redactUrl('/people?strength=listening')).toBe('/people?strength=listening');
    expect(redactUrl('/')).toBe('/');
  });
});
