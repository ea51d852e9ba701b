/**
 * Mocha root hooks for the e2e suite (loaded by test/e2e/.mocharc.json): whatever a suite left
 * running is ended by pid after the run, and a Ctrl-C or CI kill does not orphan the bot, the
 * Playground or Chromium.
 */
import { installSignalCleanup, stopAll } from './processes.js';

installSignalCleanup();

export const mochaHooks = {
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(60_000);
    await stopAll();
  },
};
