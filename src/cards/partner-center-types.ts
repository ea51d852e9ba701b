/** The `partner center` card (issue 17 item 2; docs/partner-center.md L1–L8). */
export interface PartnerCenterCardData {
  readonly title: string;
  readonly intro: string;
  /** what the last click did, empty otherwise */
  readonly notice: string;
  readonly facts: readonly { readonly title: string; readonly value: string }[];
  /** L2: the start link (opens the sign-in in the browser); empty when none is offered */
  readonly linkUrl: string;
  readonly linkLabel: string;
  readonly linkHint: string;
  readonly hasLink: boolean;
  /** L5, L6: the mode choice and Unlink, for a linked organisation */
  readonly linked: boolean;
  readonly modeLabel: string;
  readonly mode: string;
  readonly modeChoices: readonly { readonly title: string; readonly value: string }[];
  readonly saveModeLabel: string;
  /** W6 (issue 17 item 4): the button that registers the bot's webhook with Partner Center */
  readonly offerEvents: boolean;
  readonly eventsLabel: string;
  readonly unlinkLabel: string;
  readonly unlinkConfirmText: string;
  readonly unlinkConfirmLabel: string;
  /** E-PC5 (issue 17 item 3): the Partner Center profile's comparison; no lines, no section */
  readonly profileHeading: string;
  readonly profileLines: readonly { readonly text: string }[];
  /** E-PC1: the button that reads the profile from Partner Center now */
  readonly offerProfileCheck: boolean;
  readonly profileCheckLabel: string;
}

export const partnerCenterCardNames = ['partner-center'] as const;

export interface PartnerCenterCards {
  readonly 'partner-center': PartnerCenterCardData;
}
