/** Reusable e2e harness: the real bot + Microsoft 365 Agents Playground + headless Chromium. */
export { startBot, botEntry, repoRoot, type StartedBot, type StartBotOptions } from './bot.js';
export {
  startPlayground,
  playgroundBin,
  playgroundArgs,
  playgroundEnv,
  noopXdgOpenDir,
  type StartedPlayground,
} from './playground.js';
export {
  launchBrowser,
  chromiumPath,
  screenshot,
  resultsDir,
  CHROMIUM_FLAGS,
  type LaunchedBrowser,
} from './browser.js';
export { openChat, type Chat, type Conversation, type SendOptions } from './chat.js';
export { spawnOwned, stopAll, tail, waitUntil, type OwnedProcess } from './processes.js';
export { freePort } from './ports.js';
