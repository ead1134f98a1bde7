import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Debian's Chromium (scripts/ensure-chromium.sh), driven by playwright-core: Playwright's own
 * browser download cannot run on machines without internet. Flags keep it from reaching out.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Types into the chat page as a patron would and waits until the bot has said something new that matches. */
export async function sayInChat(chat: Page, text: string, expectHeard: string | RegExp): Promise<void> {
  const before = await chat.getByText(expectHeard).count();
  const input = chat.getByRole('textbox').first();
  await input.fill(text);
  await input.press('Enter');
  await expect.poll(() => chat.getByText(expectHeard).count(), { timeout: 20_000 }).toBeGreaterThan(before);
}
