import { describe, expect, it } from 'vitest';
import { canMeeting, type MeetingViewer } from './meetings.permissions.js';

const viewer = (permission: MeetingViewer['permission'], circle: string | null): MeetingViewer => ({ permission, circle, personId: 'p' });

describe('who sees the access needs told with replies (#11)', () => {
  it.each([
    [viewer('member', 'co_producers'), false],
    [viewer('member', 'participants'), false],
    [viewer('facilitator', 'co_producers'), true],
    [viewer('facilitator', 'consulted'), true],
    [viewer('facilitator', null), false],
    [viewer('admin', null), true],
  ] as const)('%j: %s', (who, expected) => {
    expect(canMeeting(who, 'see_access_needs')).toBe(expected);
  });

  it('still lets a member co-producer run the meeting', () => {
    expect(canMeeting(viewer('member', 'co_producers'), 'facilitate')).toBe(true);
  });
});
