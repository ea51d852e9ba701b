/** The `partner center` card's Action.Execute verbs (issue 17 item 2), spread into the verb table (src/bot/verbs.ts). */
export const partnerCenterVerbs = {
  /** L5: save the chosen mode (embedded | connected) */
  partnerCenterMode: 'partnerCenter.mode',
  /** L6: unlink, after the card's confirmation */
  partnerCenterUnlink: 'partnerCenter.unlink',
  /** W6: register the bot's webhook with Partner Center (issue 17 item 4) */
  partnerCenterRegisterEvents: 'partnerCenter.registerEvents',
  /** E-PC1 (issue 17 item 3): read the profile from Partner Center now and compare it with the enrollment */
  partnerCenterCheckProfile: 'partnerCenter.checkProfile',
} as const;
