import { describe, expect, it } from 'vitest';
import { kalamariaPolicy, ozdPolicy } from '../../support/libraries';
import { phoneDeskOpen } from '../../../src/domain/rules/phone-desk';

describe('phoneDeskOpen', () => {
  it.each([
    ['kalamaria', '2026-11-23T06:29:00Z', false, 'Monday 08:29 in Athens'],
    ['kalamaria', '2026-11-23T06:30:00Z', true, 'Monday 08:30 in Athens'],
    ['kalamaria', '2026-11-23T12:29:00Z', true, 'Monday 14:29 in Athens'],
    ['kalamaria', '2026-11-23T12:30:00Z', false, 'Monday 14:30 in Athens: the end is exclusive'],
    ['kalamaria', '2026-11-28T09:00:00Z', false, 'Saturday'],
    ['kalamaria', '2026-12-25T09:00:00Z', false, 'Christmas, a Friday holiday'],
    ['kalamaria', '2026-07-06T05:30:00Z', true, 'Monday 08:30 in Athens in summer time (UTC+3)'],
    ['ozd', '2026-11-23T10:00:00Z', false, 'Monday in Ózd'],
    ['ozd', '2026-11-24T09:00:00Z', true, 'Tuesday 10:00 in Ózd'],
    ['ozd', '2026-11-28T11:59:00Z', true, 'Saturday 12:59 in Ózd'],
    ['ozd', '2026-11-28T12:00:00Z', false, 'Saturday 13:00 in Ózd'],
  ])('%s at %s is open=%s (%s)', (library, instant, open) => {
    expect(phoneDeskOpen(library === 'ozd' ? ozdPolicy : kalamariaPolicy, new Date(instant))).toBe(open);
  });
});
