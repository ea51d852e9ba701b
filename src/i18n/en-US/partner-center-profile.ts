/** Issue 17 item 3: enrollment from Partner Center (E-PC1–E-PC7): the profile comparison and what it decided. */
export const partnerCenterProfile = {
  'pcProfile.check': 'Compare with Partner Center',
  'pcProfile.heading': 'Partner Center profile',
  'pcProfile.checkedAt': 'Read from Partner Center on {date}.',
  'pcProfile.matches': 'What your organization entered matches its Partner Center profile.',
  'pcProfile.approvedOnEvidence':
    'The application was approved on the Partner Center profile: Microsoft verified the partner, so no review by the program was needed.',
  'pcProfile.approvedNow':
    'Partner Center confirmed {orgName}: its application is approved, with no review by the program needed.',
  'pcProfile.keptForReview': 'The application stays with the program administrators for review: {reasons}.',
  'pcProfile.reason.mpn_id_differs': 'the MPN ID entered is not the one in Partner Center',
  'pcProfile.reason.country_differs': 'the country/region entered is not the one in Partner Center',
  'pcProfile.reason.not_verified': 'Microsoft has not verified the partner in Partner Center yet',
  'pcProfile.differencesIntro': 'Where what was entered differs from Partner Center:',
  'pcProfile.difference': '{field}: entered “{entered}”; Partner Center has “{partnerCenter}”',
  'pcProfile.field.legalName': 'Legal name',
  'pcProfile.field.address': 'Address',
  'pcProfile.field.primaryContact': 'Primary contact',
  'pcProfile.field.mpnId': 'MPN ID',
  'pcProfile.field.country': 'Country/region',
  'pcProfile.field.partnerTypes': 'Partner types',
  'pcProfile.empty': 'nothing',
  'pcProfile.unavailable': 'The Partner Center profile could not be read just now, so nothing changed. {why}',
  'pcProfile.unavailableStale': 'Below is what Partner Center said on {date}.',
  'pcLink.profileApproved': 'Partner Center confirmed {orgName}: its application is approved.',
  'pcLink.profileKept':
    'Partner Center’s profile does not confirm the application ({reasons}), so a program administrator reviews it.',
  'pcLink.profileUnavailable':
    'The Partner Center profile could not be read right now. Type “partner center” in Teams later to compare it.',
} as const;
