// The Agents Playground page as a person uses it: write in a chat, read cards by their heading,
// press their buttons, switch to a channel. Every step leaves a screenshot in test-results/ and
// fails when the Playground says it cannot show a card.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { sharedBrowser } from './browser';
import { READ_UNSUPPORTED_CARD_WARNINGS, RECORD_UNSUPPORTED_CARD_WARNINGS } from './card-warnings';
import { playgroundUrl, type DemoSettings } from './demo-process';

export const SCREENSHOTS = path.resolve(__dirname, '..', '..', '..', 'test-results');

/** The bot's display name in the Playground (`bot.name` in src/demo/playground-config.ts). */
const BOT_NAME = 'PIN reset';

export class Playground {
  private constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
    /** Prefix of this scenario's screenshots: test-results/<scenario>-<n>-<step>.png */
    private readonly scenario: string,
    /** Steps taken so far (a scenario that reopens the page after a restart keeps counting). */
    private steps: number,
  ) {}

  /** A fresh page (the Playground keeps no history across page loads), connected to the bot. */
  static async open(settings: DemoSettings, scenario: string, stepsSoFar = 0): Promise<Playground> {
    const browser = await sharedBrowser();
    const context = await browser.newContext({ viewport: { width: 1400, height: 1200 } });
    await context.addInitScript({ content: RECORD_UNSUPPORTED_CARD_WARNINGS });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(playgroundUrl(settings));
    // The Playground tells the bot about the chat (installationUpdate, conversationUpdate) before
    // anything typed reaches it; its log panel shows when the bot has answered that.
    await page.getByText(/conversationUpdate 200/).first().waitFor();
    return new Playground(page, context, scenario, stepsSoFar);
  }

  get stepsTaken(): number {
    return this.steps;
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  /** Writes in the open conversation (the personal chat, unless a channel was opened). */
  async say(text: string): Promise<void> {
    await this.messageBox().click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  /** Starts a channel post that @mentions the bot, as Teams requires for a bot to see it. */
  async sayToBotInChannel(text: string): Promise<void> {
    await this.messageBox().click();
    await this.page.keyboard.type(`@${BOT_NAME.slice(0, 3)}`);
    await this.page.getByRole('menuitem', { name: BOT_NAME }).click();
    await this.page.keyboard.type(` ${text}`);
    await this.page.keyboard.press('Enter');
  }

  async openConversation(name: string): Promise<void> {
    await this.page.getByRole('treeitem', { name: new RegExp(escapeRegExp(name)) }).first().click();
  }

  /**
   * The last card on the page whose heading (the title TextBlock) reads exactly `heading`: the
   * newest one in a chat. (In a channel the Playground puts new posts first.)
   */
  card(heading: string): Locator {
    return this.page
      .locator('.ac-adaptiveCard')
      .filter({ has: this.page.getByRole('heading', { name: heading, exact: true }) })
      .last();
  }

  async waitForCard(heading: string, timeoutMs = 15_000): Promise<Locator> {
    const card = this.card(heading);
    await card.waitFor({ state: 'visible', timeout: timeoutMs });
    return card;
  }

  /** Like `card`, for a card that moves on by itself: the last one whose heading is one of `headings`. */
  async waitForAnyCard(headings: readonly string[], timeoutMs = 15_000): Promise<Locator> {
    const name = new RegExp(`^(?:${headings.map(escapeRegExp).join('|')})$`);
    const card = this.page.locator('.ac-adaptiveCard').filter({ has: this.page.getByRole('heading', { name }) }).last();
    await card.waitFor({ state: 'visible', timeout: timeoutMs });
    return card;
  }

  /**
   * In a card that lists devices (picker, history): the block of one device, found by the name
   * Intune knows it by. Only inside `card`: the card's own root element is an .ac-container too.
   */
  deviceIn(card: Locator, deviceName: string): Locator {
    return card.locator('.ac-container').filter({ has: this.page.getByText(deviceName, { exact: true }) }).last();
  }

  /**
   * One step of a scenario: runs it, then saves test-results/<scenario>-<n>-<name>.png with `focus`
   * (what the step returns) scrolled into view, and fails if the Playground reported a card it
   * cannot show. A failing step still leaves its screenshot, named …-FAILED.png.
   */
  async step(name: string, run: () => Promise<Locator | void>): Promise<void> {
    const file = `${this.scenario}-${++this.steps}-${name}`;
    try {
      const focus = await run();
      if (focus) await focus.scrollIntoViewIfNeeded();
      await this.screenshot(file);
      await this.expectNoUnsupportedCards();
    } catch (error) {
      await this.screenshot(`${file}-FAILED`).catch(() => undefined);
      throw new Error(`step "${name}": ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  async screenshot(file: string): Promise<string> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const target = path.join(SCREENSHOTS, `${file}.png`);
    await this.page.screenshot({ path: target });
    return target;
  }

  /** What the Playground said it cannot show, in the chat or in its log panel, since the page opened. */
  async unsupportedCardWarnings(): Promise<string[]> {
    return this.page.evaluate<string[]>(READ_UNSUPPORTED_CARD_WARNINGS);
  }

  async expectNoUnsupportedCards(): Promise<void> {
    const warnings = await this.unsupportedCardWarnings();
    if (warnings.length > 0) throw new Error(`the Playground cannot show a card:\n  ${warnings.join('\n  ')}`);
  }

  /** The box at the bottom of a chat, or "Start a new post" in a channel. */
  private messageBox(): Locator {
    return this.page.locator('[role=textbox][contenteditable=true]').first();
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
