import { TestAdapter, TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { PHONE } from '../../src/channels/twilio-voice/twilio-voice-adapter';
import { capabilities, SCREEN, setCapabilities } from '../../src/dialogs/capabilities';

describe('capabilities', () => {
  const context = () => new TurnContext(new TestAdapter(), { type: 'message', text: 'x' });

  it('is a screen channel unless the adapter says otherwise', () => {
    expect(capabilities(context())).toEqual({ buttons: true, readsAloud: false, transfersCalls: false });
    expect(SCREEN).toEqual(capabilities(context()));
  });

  it('returns what the phone adapter set for the turn', () => {
    const c = context();
    setCapabilities(c, PHONE);
    expect(capabilities(c)).toEqual({ buttons: false, readsAloud: true, transfersCalls: true });
  });
});
