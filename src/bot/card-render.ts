import { cardRenderer } from '../cards/render.js';
import { verbs } from './verbs.js';

/**
 * Binds cards/<name>.json with its data and the bot's verb table (src/cards/render.ts does the
 * binding; the verbs come from here, so src/cards does not depend on the bot's features).
 */
export const renderCard = cardRenderer(verbs);
