import type { CommandHandler } from './command-kit.js';
import type { CommandId } from './commands.js';
import { coreCommands } from './core/commands.js';
import { enrollmentCommands } from './enrollment/commands.js';
import { userCommands } from './users/commands.js';
import { agreementCommands } from './agreement/commands.js';
import { partnershipCommands } from './partnerships/commands.js';
import { customerCommands } from './customers/commands.js';
import { notificationCommands } from './notifications/commands.js';
import { offerCommands } from './offers/commands.js';
import { adminCommands } from './admin/commands.js';
import { directoryCommands } from './directory/commands.js';
import { partnerCenterCommands } from './partner-center/commands.js';
import { gdapCommands } from './gdap/commands.js';

/** One handler per command id, spread from the features: a command without a handler does not compile. */
export const commandHandlers: Readonly<Record<CommandId, CommandHandler>> = {
  ...coreCommands,
  ...enrollmentCommands,
  ...userCommands,
  ...agreementCommands,
  ...partnershipCommands,
  ...customerCommands,
  ...notificationCommands,
  ...offerCommands,
  ...adminCommands,
  ...directoryCommands,
  ...partnerCenterCommands,
  ...gdapCommands,
};
