/**
 * The background's side of the hover card, registered with the background's
 * message router on import (entrypoints/background.ts imports this module):
 * `getCard` answers from the bundled dataset, `openTimeline` opens the popup
 * (or a popup tab) on an entity, `explain` says why a mention was marked. The
 * router has already checked the sender and the message shape; a thrown error
 * becomes `{ error }` for the sender.
 */
import { answerGetCard } from '../card/build';
import { answerExplain } from './explain';
import { registerHandler } from './index';
import { browserOpenTimelineDeps, openTimeline } from './open-timeline';

registerHandler('getCard', (req) => answerGetCard(req));

registerHandler('openTimeline', async (req, sender) => ({
  opened: await openTimeline(req.entity, sender.tab?.windowId, browserOpenTimelineDeps()),
}));

registerHandler('explain', (req) => answerExplain(req));
