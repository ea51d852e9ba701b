/** The provider directory console (P10) and business profile (U4) commands (issue 14), spread into src/bot/commands.ts. */
export const directoryCommandSpecs = [
  {
    id: 'listings',
    names: ['listings', 'manage directory', '디렉터리 관리'],
    descriptionKey: 'command.listings.description',
    scopes: ['personal', 'team'],
  },
  {
    id: 'listing',
    names: ['listing', 'my listing', '내 디렉터리 정보'],
    descriptionKey: 'command.listing.description',
    scopes: ['personal'],
  },
  {
    id: 'profile',
    names: ['profile', 'business profile', '비즈니스 프로필'],
    descriptionKey: 'command.profile.description',
    scopes: ['personal'],
  },
] as const;
